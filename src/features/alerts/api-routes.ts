import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { toItemDocument } from '../../pipeline/documents.js';
import type { SearchIndex } from '../../search/types.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { ItemStore } from '../../store/item-store.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';
import { HIT_FIELDS, itemsQuerySchema } from '../triage/api-routes.js';
import { alertBody } from './alert-webhook-job.js';
import { exportStream } from './export-format.js';

/** Rows per search page of an export; the index answers at most `maxTotalHits` (20,000) in all. */
const PAGE = 1000;
/** The most rows an export returns (the items index's `maxTotalHits`). */
export const EXPORT_MAX_ROWS = 20_000;

export const alertsQuerySchema = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const exportQuerySchema = itemsQuerySchema.omit({ limit: true, offset: true });
const formatSchema = z.enum(['csv', 'json']);

const pick = (h: Record<string, unknown>) =>
  Object.fromEntries(HIT_FIELDS.filter((f) => f in h).map((f) => [f, h[f]]));

function download(c: Context, format: 'csv' | 'json', name: string, body: ReadableStream<Uint8Array>) {
  c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  c.header('content-disposition', `attachment; filename="${name}.${format}"`);
  c.header('cache-control', 'no-store');
  return c.body(body);
}

/**
 * `GET /alerts?since=` (surge alerts, newest first) and the two exports, streamed:
 * `GET /exports/items.{csv,json}` with the search API's `q`, `filter` and `sort`, and
 * `GET /exports/claims/{id}/appearances.{csv,json}`. Rows are the search API's hit
 * fields of the staff index, whose text is already redacted.
 */
export function createAlertsApi(deps: {
  alerts: Pick<AlertStore, 'list' | 'claimAppearances'>;
  items: Pick<ItemStore, 'getMany'>;
  search: Pick<SearchIndex, 'search'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
  allowSession?: (c: Context) => boolean;
}) {
  const app = new Hono();
  const auth = bearerToken({ verify: deps.verifyToken, scope: 'read', allowPrincipal: deps.allowSession });

  app.get('/alerts', auth, async (c) => {
    const p = alertsQuerySchema.safeParse(c.req.query());
    if (!p.success) throw new ValidationError('invalid query parameters', p.error.issues);
    const list = await deps.alerts.list({
      since: p.data.since ? new Date(p.data.since) : undefined,
      limit: p.data.limit,
    });
    return c.json({ alerts: list.map(alertBody) });
  });

  app.get('/exports/:file{items\\.(csv|json)}', auth, async (c) => {
    const format = formatSchema.parse(c.req.param('file').split('.')[1]);
    const p = exportQuerySchema.safeParse(c.req.query());
    if (!p.success) throw new ValidationError('invalid query parameters', p.error.issues);
    const q = p.data;
    const page = (offset: number) =>
      deps.search.search<Record<string, unknown>>('items', {
        q: q.q,
        filter: q.filter,
        sort: q.sort?.split(','),
        limit: PAGE,
        offset,
        attributesToRetrieve: [...HIT_FIELDS],
      });
    // The first page before answering, so a bad filter is a 400, not a broken download.
    const first = await page(0);
    async function* batches() {
      yield first.hits.map(pick);
      for (let offset = PAGE; offset < Math.min(first.total, EXPORT_MAX_ROWS); offset += PAGE) {
        const res = await page(offset);
        if (res.hits.length === 0) return;
        yield res.hits.map(pick);
      }
    }
    const meta = { total: first.total, truncated: first.total > EXPORT_MAX_ROWS };
    return download(c, format, 'items', exportStream(format, batches(), meta));
  });

  app.get('/exports/claims/:id/:file{appearances\\.(csv|json)}', auth, async (c) => {
    const format = formatSchema.parse(c.req.param('file').split('.')[1]);
    const claimId = c.req.param('id');
    // Control characters (NUL above all) are no claim id and must not reach the database.
    if (claimId.length > 200 || /\p{Cc}/u.test(claimId)) throw new NotFoundError('no such claim');
    async function* batches() {
      let after: string | null = null;
      for (let n = 0; n < EXPORT_MAX_ROWS; n += PAGE) {
        const page = await deps.alerts.claimAppearances(claimId, after, PAGE);
        if (page.length === 0) return;
        after = page.at(-1)!.id;
        const items = new Map((await deps.items.getMany(page.map((a) => a.id))).map((i) => [i.id, i]));
        yield page.flatMap(({ id, kind }) => {
          const it = items.get(id);
          return it?.tagResult
            ? [{ ...pick(toItemDocument(it) as unknown as Record<string, unknown>), link: kind }]
            : [];
        });
      }
    }
    return download(
      c,
      format,
      `claim-${claimId.replace(/[^\w-]/g, '_')}-appearances`,
      exportStream(format, batches(), { claimId }),
    );
  });
  return app;
}
