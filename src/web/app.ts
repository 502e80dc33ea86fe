import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { createIngestRoutes } from '../features/ingest/ingest-routes.js';
import type { Feature } from '../features/seam.js';
import { createSourcesRoutes } from '../features/sources/api-routes.js';
import { createItemsRoutes } from '../features/triage/api-routes.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { IngestService } from '../pipeline/ingest.js';
import type { SearchIndex } from '../search/types.js';
import type { FeedSourceStore } from '../store/feed-source-store.js';
import { createHealthRoutes, type ReadinessCheck } from './api/health-routes.js';
import { buildOpenApiDocument } from './api/openapi.js';
import { createErrorHandler, errorBody } from './errors.js';
import type { TokenPrincipal } from './middleware/bearer-token.js';
import { clientAddress } from './middleware/client-address.js';
import { createUi, type UiDeps } from './ui/routes.js';

export interface WebDeps {
  logger: Logger;
  metrics: Metrics;
  ingest: Pick<IngestService, 'ingest'>;
  search: Pick<SearchIndex, 'search'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
  checks: Record<string, ReadinessCheck>;
  collectMetrics?: () => Promise<void>;
  maxBodyBytes: number;
  maxRecords: number;
  version: string;
  /** Sources admin API (`/api/v1/sources`, admin token); without it the routes are not mounted. */
  sources?: Pick<FeedSourceStore, 'list' | 'get' | 'create' | 'update'>;
  /** The review UI (sessions, pages); without it only the API is served. */
  ui?: UiDeps;
  /** Reverse proxies in front of the app (X-Forwarded-For entries to trust). */
  trustedProxies?: number;
  /** Feature modules: their API routes, OpenAPI paths, pages and navigation. */
  features?: Feature[];
}

/** The Hono application: one sub-app per resource, errors mapped in one place. */
export function createWebApp(deps: WebDeps) {
  const app = new Hono();
  app.use(requestId());
  app.use(secureHeaders());
  app.use(clientAddress({ trustedProxies: deps.trustedProxies ?? 0 }));
  app.use(async (c, next) => {
    const start = performance.now();
    await next();
    const route = c.req.routePath || 'unmatched';
    deps.metrics.httpRequests.inc({ method: c.req.method, route, status: String(c.res.status) });
    const level = c.res.status >= 500 ? 'error' : c.res.status >= 400 ? 'info' : 'debug';
    deps.logger[level](
      {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - start),
      },
      'request',
    );
  });
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));

  const features = deps.features ?? [];
  const ui = deps.ui ? createUi({ ...deps.ui, features }) : undefined;
  if (ui) app.use('/api/v1/items', ui.session);
  app.route(
    '/',
    createHealthRoutes({ checks: deps.checks, metrics: deps.metrics, collect: deps.collectMetrics }),
  );
  const api = new Hono();
  api.route(
    '/',
    createIngestRoutes({
      ingest: deps.ingest,
      verifyToken: deps.verifyToken,
      maxBodyBytes: deps.maxBodyBytes,
      maxRecords: deps.maxRecords,
    }),
  );
  api.route(
    '/',
    createItemsRoutes({ search: deps.search, verifyToken: deps.verifyToken, allowSession: ui?.allowSession }),
  );
  if (deps.sources)
    api.route('/', createSourcesRoutes({ sources: deps.sources, verifyToken: deps.verifyToken }));
  for (const f of features) if (f.api) api.route('/', f.api);
  const openapi = buildOpenApiDocument(deps.version, features);
  api.get('/openapi.json', (c) => c.json(openapi));
  app.route('/api/v1', api);
  if (ui) app.route('/', ui.routes);
  else
    app.get('/', (c) =>
      c.html(
        '<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Köprü</title></head><body><main><h1>Köprü</h1><p>Dezenformasyon izleme çalışma alanı çalışıyor. <a href="/api/v1/openapi.json">API belgesi (OpenAPI)</a></p><p lang="en">Disinformation-monitoring workbench is running.</p></main></body></html>',
      ),
    );
  return app;
}
