import { z } from 'zod';
import { publishedResponseSchema } from '../../domain/published-response.js';
import { verdicts } from '../../domain/review/verdicts.js';
import { localToUtc } from '../../pipeline/publish-time.js';
import type { SearchIndex, SearchQuery } from '../../search/types.js';

// HTML forms send empty fields; they mean "no filter".
const blank = (v: unknown) => (v === '' ? undefined : v);
const text = (max: number) => z.preprocess(blank, z.string().trim().min(1).max(max).optional());
const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .refine((d) => localToUtc(`${d}T00:00`) !== null, 'not a calendar date')
    .optional(),
);

/** The portal's search parameters (without the cross-field rule; for documentation). */
export const portalQueryObject = z.object({
  q: z.preprocess(blank, z.string().trim().max(300).default('')),
  verdict: z.preprocess(blank, z.enum(verdicts).optional()),
  topic: text(100),
  province: text(100),
  /** Inclusive first and last day of publication (Europe/Istanbul calendar days). */
  from: day,
  to: day,
  sort: z.preprocess(blank, z.enum(['newest', 'relevance']).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(1)),
  perPage: z.preprocess(blank, z.coerce.number().int().min(1).max(100).default(20)),
});

/** The portal's search: page, feeds and JSON API share it (feeds ignore the paging). */
export const portalQuerySchema = portalQueryObject.refine((p) => !p.from || !p.to || p.from <= p.to, {
  path: ['to'],
  message: 'must not be before "from"',
});
export type PortalQuery = z.output<typeof portalQuerySchema>;

/** A filter value as a Meilisearch string literal. */
const lit = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** The Meilisearch query of a portal search (always the `responses` index). */
export function toResponsesSearch(p: PortalQuery, paging = true): SearchQuery {
  const filter: string[] = [];
  if (p.verdict) filter.push(`verdict = ${lit(p.verdict)}`);
  if (p.topic) filter.push(`topics = ${lit(p.topic)}`);
  if (p.province) filter.push(`province = ${lit(p.province)}`);
  if (p.from) filter.push(`publishedAt >= ${epoch(localToUtc(`${p.from}T00:00`)!)}`);
  if (p.to) filter.push(`publishedAt < ${epoch(localToUtc(`${p.to}T00:00`)!) + 86_400}`);
  const newest = p.sort === 'newest' || (!p.sort && !p.q);
  return {
    q: p.q || undefined,
    filter: filter.length ? filter : undefined,
    sort: newest ? ['publishedAt:desc'] : undefined,
    limit: paging ? p.perPage : 50,
    offset: paging ? (p.page - 1) * p.perPage : 0,
    locales: ['tur'],
  };
}

/** The query string of a search with some parameters changed (defaults and blanks dropped). */
export function queryString(p: Partial<Record<keyof PortalQuery, string | number | undefined>>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === '' || (k === 'page' && v === 1) || (k === 'perPage' && v === 20)) continue;
    s.set(k, String(v));
  }
  const out = s.toString();
  return out ? `?${out}` : '';
}

/**
 * Searches the `responses` index (the only index public routes may read) and completes
 * each hit with the document defaults, so documents indexed before later fields existed still render.
 */
export async function searchResponses(search: Pick<SearchIndex, 'search'>, query: SearchQuery) {
  const res = await search.search('responses', query);
  return { ...res, hits: res.hits.map((h) => publishedResponseSchema.parse(h)) };
}
