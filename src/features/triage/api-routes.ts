import { Hono } from 'hono';
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { SearchIndex, SearchQuery } from '../../search/types.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';

export const ITEM_FACETS = ['kind', 'status', 'tags', 'source', 'lang', 'province', 'flagged', 'appType'];

/**
 * `facets`: which facet counts to compute. Absent: all of ITEM_FACETS (as before this parameter
 * existed); empty or `none`: none (`facets` is then `{}`); else a comma-separated list of them.
 * Counting facets is most of the engine's time for a query over many items, so a client that does
 * not show them should not ask for them.
 */
const facetsParam = z
  .string()
  .max(200)
  .transform((raw, ctx) => {
    const names = raw.trim() === '' || raw.trim() === 'none' ? [] : raw.split(',').map((f) => f.trim());
    const unknown = names.filter((f) => !ITEM_FACETS.includes(f));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown facet ${unknown.map((f) => JSON.stringify(f)).join(', ')}; one of: ${ITEM_FACETS.join(', ')} (or none)`,
      });
      return z.NEVER;
    }
    return [...new Set(names)];
  });

export const itemsQuerySchema = z.object({
  q: z.string().max(500).optional(),
  filter: z.string().max(2000).optional(),
  sort: z
    .string()
    .regex(/^[A-Za-z]+:(asc|desc)(,[A-Za-z]+:(asc|desc))*$/, 'sort must look like "risk:desc,createdAt:desc"')
    .optional(),
  limit: z.coerce.number().int().min(0).max(1000).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  facets: facetsParam.optional().meta({
    description: `Facet counts to return, comma-separated (${ITEM_FACETS.join(', ')}); empty or "none" for none; all when absent`,
  }),
});

/** The fields of a search hit the API returns (exports return the same). */
export const HIT_FIELDS = [
  'id',
  'kind',
  'text',
  'subject',
  'source',
  'appType',
  'lang',
  'province',
  'provinces',
  'tags',
  'tagDetails',
  'risk',
  'checkWorthiness',
  'flagged',
  'reasons',
  'reasonsEn',
  'matches',
  'status',
  'clusterKey',
  'duplicateCount',
  'createdAtIso',
  'occurredAtIso',
  'url',
  'author',
] as const;

/** The engine query for a parsed `GET /items` query (the search bench sends the same). */
export function itemsSearch(q: z.output<typeof itemsQuerySchema>): SearchQuery {
  return {
    q: q.q,
    filter: q.filter,
    limit: q.limit,
    offset: q.offset,
    sort: q.sort?.split(','),
    facets: q.facets ?? ITEM_FACETS,
    // Only what the answer carries: the engine then reads and sends less per hit.
    attributesToRetrieve: [...HIT_FIELDS],
  };
}

/** GET /items: staff search over the internal index (redacted text only). */
export function createItemsRoutes(deps: {
  search: Pick<SearchIndex, 'search'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
  allowSession?: (c: Parameters<Parameters<Hono['use']>[1]>[0]) => boolean;
}) {
  const app = new Hono();
  app.get(
    '/items',
    bearerToken({ verify: deps.verifyToken, scope: 'read', allowPrincipal: deps.allowSession }),
    async (c) => {
      const parsed = itemsQuerySchema.safeParse(c.req.query());
      if (!parsed.success) throw new ValidationError('invalid query parameters', parsed.error.issues);
      const q = parsed.data;
      // A bad filter or sort is a ValidationError (400) from the search adapter.
      const res = await deps.search.search<Record<string, unknown>>('items', itemsSearch(q));
      // The engine returns only HIT_FIELDS already; copying them keeps the answer to the documented
      // fields whatever the index holds (a plain loop: this runs for every hit of every search).
      const hits = res.hits.map((h) => {
        const hit: Record<string, unknown> = {};
        for (const f of HIT_FIELDS) if (f in h) hit[f] = h[f];
        return hit;
      });
      return c.json({ hits, total: res.total, facets: res.facets, limit: q.limit, offset: q.offset });
    },
  );
  return app;
}
