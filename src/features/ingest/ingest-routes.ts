import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../domain/errors.js';
import type { ItemKind } from '../../domain/item.js';
import type { IngestService } from '../../pipeline/ingest.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';
import { readRecords } from './records-body.js';

/** POST /posts and /applications: batch ingest with per-record errors. */
export function createIngestRoutes(deps: {
  ingest: Pick<IngestService, 'ingest'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
  maxBodyBytes: number;
  maxRecords: number;
}) {
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new AppError('payload_too_large', `request body exceeds ${deps.maxBodyBytes} bytes`, {
        status: 413,
      });
    },
  });
  const auth = bearerToken({ verify: deps.verifyToken, scope: 'ingest' });
  const handler = (kind: ItemKind) =>
    app.post(kind === 'post' ? '/posts' : '/applications', auth, limit, async (c) => {
      const { records, parseErrors } = await readRecords(c, deps.maxRecords);
      const token = c.get('token');
      const result = await deps.ingest.ingest(kind, records, parseErrors, {
        source: token ? `api:${token.name}` : undefined,
      });
      const status = result.accepted + result.duplicates === 0 && result.rejected.length > 0 ? 422 : 200;
      return c.json(result, status);
    });
  handler('post');
  handler('application');
  return app;
}
