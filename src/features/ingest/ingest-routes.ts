import { Hono } from 'hono';
import type { ItemKind } from '../../domain/item.js';
import type { IngestService } from '../../pipeline/ingest.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';
import { ingestLoadShedding, type LoadShedOptions } from './load-shed.js';
import { readRecords } from './records-body.js';

/** POST /posts and /applications: batch ingest with per-record errors, shed under load. */
export function createIngestRoutes(deps: {
  ingest: Pick<IngestService, 'ingest'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
  maxBodyBytes: number;
  maxRecords: number;
  /** Load shedding; without it every request is taken. */
  shed?: LoadShedOptions;
}) {
  const app = new Hono();
  const auth = bearerToken({ verify: deps.verifyToken, scope: 'ingest' });
  // The body limit is enforced while the body streams in (records-body.ts), Content-Length or not.
  const shedding = deps.shed ? ingestLoadShedding(deps.shed) : null;
  const shed = shedding ? [shedding.middleware] : [];
  const handler = (kind: ItemKind) =>
    app.post(kind === 'post' ? '/posts' : '/applications', auth, ...shed, async (c) => {
      const { records, parseErrors } = await readRecords(c, deps.maxRecords, deps.maxBodyBytes);
      const token = c.get('token');
      const result = await deps.ingest.ingest(kind, records, parseErrors, {
        source: token ? `api:${token.name}` : undefined,
      });
      shedding?.stored(result.accepted);
      const status = result.accepted + result.duplicates === 0 && result.rejected.length > 0 ? 422 : 200;
      return c.json(result, status);
    });
  handler('post');
  handler('application');
  return app;
}
