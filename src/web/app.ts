import { Hono, type MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Feature } from '../features/seam.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import { createHealthRoutes, type ReadinessCheck } from './api/health-routes.js';
import { buildOpenApiDocument } from './api/openapi.js';
import { createErrorHandler, errorBody } from './errors.js';
import { clientAddress, isHttps } from './middleware/client-address.js';
import { createUi, type UiDeps } from './ui/routes.js';

export interface WebDeps {
  logger: Logger;
  metrics: Metrics;
  checks: Record<string, ReadinessCheck>;
  collectMetrics?: () => Promise<void>;
  version: string;
  /** The review UI (sessions, pages); without it only the API is served. */
  ui?: UiDeps;
  /** Reverse proxies in front of the app (X-Forwarded-For entries to trust). */
  trustedProxies?: number;
  /** Bearer token for /metrics and readiness details from other machines (OPS_TOKEN). */
  opsToken?: string;
  /** Feature modules: their API routes, OpenAPI paths, texts, pages and navigation. */
  features?: Feature[];
}

/**
 * Every HTML page starts with `<!DOCTYPE html>` (standards mode): Hono's JSX renders
 * none, so it is added here once for all pages rather than in each feature's routes.
 */
const standardsMode: MiddlewareHandler = async (c, next) => {
  await next();
  if (!(c.res.headers.get('content-type') ?? '').startsWith('text/html') || !c.res.body) return;
  const html = await c.res.text();
  if (/^\s*<!doctype html/i.test(html)) {
    c.res = new Response(html, c.res);
    return;
  }
  // Hono copies the old response's headers (not its type) onto the new one; the length no longer holds.
  const type = c.res.headers.get('content-type')!;
  c.res = new Response(`<!DOCTYPE html>${html}`, { status: c.res.status, headers: { 'content-type': type } });
  c.res.headers.delete('content-length');
};

/** The HTTP shell: health, metrics, the features' API and pages, errors mapped in one place. */
export function createWebApp(deps: WebDeps) {
  const app = new Hono();
  app.use(requestId());
  app.use(
    secureHeaders({
      // Agrees with the pages' CSP (`frame-ancestors 'none'`): no page may be framed.
      xFrameOptions: 'DENY',
      // HSTS only over HTTPS (below): over plain HTTP it means nothing and misleads.
      strictTransportSecurity: false,
      // No feature of the workbench, the portal or the intake form uses these.
      permissionsPolicy: {
        camera: [],
        microphone: [],
        geolocation: [],
        payment: [],
        usb: [],
        bluetooth: [],
        serial: [],
        hid: [],
        midi: [],
        displayCapture: [],
        accelerometer: [],
        gyroscope: [],
        magnetometer: [],
        browsingTopics: [],
      },
    }),
  );
  app.use(clientAddress({ trustedProxies: deps.trustedProxies ?? 0 }));
  app.use(async (c, next) => {
    await next();
    if (isHttps(c)) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  });
  app.use(standardsMode);
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
  if (ui)
    for (const f of features) for (const path of f.sessionApi ?? []) app.use(`/api/v1${path}`, ui.session);
  app.route(
    '/',
    createHealthRoutes({
      checks: deps.checks,
      metrics: deps.metrics,
      collect: deps.collectMetrics,
      opsToken: deps.opsToken,
    }),
  );
  const api = new Hono();
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
