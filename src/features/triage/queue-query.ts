import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';

/** Facets shown in the triage queue (index attribute names). */
export const QUEUE_FACETS = [
  'status',
  'tags',
  'source',
  'kind',
  'lang',
  'province',
  'flagged',
  'assignee',
] as const;
export type QueueFacet = (typeof QUEUE_FACETS)[number];

/**
 * The query parameter of a facet. `lang` is the page language everywhere in the
 * UI (`?lang=en`), so the items' language facet travels as `itemLang`.
 */
export const facetParam = (f: QueueFacet) => (f === 'lang' ? 'itemLang' : f);
const paramKey = (k: string) => (k === 'lang' ? 'itemLang' : k);

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().trim().min(1).max(200)).max(100));
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .or(z.literal('').transform(() => undefined));

/** The triage query string: full text, facet selections, date range, sort and page. */
export const queueQuerySchema = z.object({
  q: z.string().max(500).default(''),
  status: list,
  tags: list,
  source: list,
  kind: list,
  lang: list,
  province: list,
  flagged: list,
  assignee: list,
  from: day,
  to: day,
  sort: z.enum(['risk', 'checkworthy', 'recent']).default('risk'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

// Sort and page never narrow the list: garbage there falls back to the default.
const lenientSchema = queueQuerySchema.extend({
  sort: queueQuerySchema.shape.sort.catch('risk'),
  page: queueQuerySchema.shape.page.catch(1),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

/** How many filters narrow the list: the search text, each date bound and each facet value. */
export const activeFilters = (q: QueueQuery) =>
  (q.q.trim() ? 1 : 0) +
  (q.from ? 1 : 0) +
  (q.to ? 1 : 0) +
  QUEUE_FACETS.reduce((n, f) => n + q[f].length, 0);

/**
 * Parses repeated query parameters (`status=new&status=in_review`). A bad sort or page
 * falls back to its default; a filter value the queue cannot take (too long, too many,
 * a malformed date) is a ValidationError, never a silently dropped filter that would
 * show more than was asked for.
 */
export function parseQueueQuery(params: URLSearchParams): QueueQuery {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    if (key === 'lang') continue; // the page language, not a filter
    const all = params.getAll(key);
    raw[key === 'itemLang' ? 'lang' : key] = all.length > 1 ? all : (all[0] ?? '');
  }
  const p = lenientSchema.safeParse(raw);
  if (!p.success) throw new ValidationError('invalid queue filter', p.error.issues);
  return p.data;
}

// Meilisearch filter strings are double-quoted; JSON string escaping matches its rules for " and \.
const quote = (s: string) => JSON.stringify(s);
const epoch = (d: string, endOfDay: boolean) =>
  Math.floor(new Date(`${d}T${endOfDay ? '23:59:59' : '00:00:00'}Z`).getTime() / 1000);

/** Builds the Meilisearch filter: OR within a facet, AND across facets. */
export function buildFilter(q: QueueQuery): string[] {
  const out: string[] = [];
  for (const f of QUEUE_FACETS) {
    const values = q[f];
    if (values.length === 0) continue;
    if (f === 'flagged') {
      const bools = values.filter((v) => v === 'true' || v === 'false');
      if (bools.length === 1) out.push(`flagged = ${bools[0]}`);
      continue;
    }
    out.push(`${f} IN [${values.map(quote).join(', ')}]`);
  }
  if (q.from) out.push(`occurredAt >= ${epoch(q.from, false)}`);
  if (q.to) out.push(`occurredAt <= ${epoch(q.to, true)}`);
  return out;
}

/** The sort of the search request. */
export const buildSort = (q: QueueQuery) =>
  q.sort === 'risk'
    ? ['risk:desc', 'createdAt:desc']
    : q.sort === 'checkworthy'
      ? ['checkWorthiness:desc', 'createdAt:desc']
      : ['occurredAt:desc', 'createdAt:desc'];

/** Query string for a query with some fields replaced (pagination, links). */
export function queueHref(q: QueueQuery, patch: Partial<QueueQuery> = {}, base = '/queue'): string {
  const merged = { ...q, ...patch };
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (Array.isArray(v)) for (const x of v) p.append(paramKey(k), x);
    else if (v !== undefined && v !== '' && !(k === 'page' && v === 1) && !(k === 'sort' && v === 'risk'))
      p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

/** The streamed export (`/api/v1/exports/items.csv|json`) of exactly this queue search. */
export function exportHref(q: QueueQuery, format: 'csv' | 'json'): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  const filter = buildFilter(q);
  if (filter.length) p.set('filter', filter.map((f) => `(${f})`).join(' AND '));
  p.set('sort', buildSort(q).join(','));
  return `/api/v1/exports/items.${format}?${p}`;
}
