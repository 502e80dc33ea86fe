import type { ItemDocument } from '../search/types.js';
import type { ItemWithTags } from '../store/index.js';

const epoch = (iso: string | null | undefined) => (iso ? Math.floor(new Date(iso).getTime() / 1000) : null);

/**
 * The staff index document of an item. Only redacted text goes in; applicant
 * identity is never part of an item row, so it cannot reach the index.
 * `review` adds the assignee and manual labels (kept in the review tables).
 */
export function toItemDocument(
  item: ItemWithTags,
  review: { assignee?: string | null; labels?: string[] } = {},
): ItemDocument {
  const r = item.tagResult;
  if (!r) throw new Error(`item ${item.id} has no tag result`);
  const provinces = [
    ...new Set([item.province, ...(r.entities?.provinces ?? [])].filter((p): p is string => !!p)),
  ];
  const subject = r.redactedSubject ?? null;
  return {
    id: item.id,
    kind: item.kind,
    text: r.redactedText,
    subject,
    source: item.source,
    appType: item.appType,
    author: item.kind === 'post' ? item.author : null,
    url: item.url,
    lang: r.lang,
    province: item.province ?? provinces[0] ?? null,
    provinces,
    tags: [...new Set([...r.tags.map((t) => t.tag), ...(review.labels ?? [])])],
    labels: review.labels ?? [],
    assignee: review.assignee ?? null,
    tagDetails: r.tags,
    risk: r.risk,
    checkWorthiness: r.checkWorthiness,
    flagged: r.flagged,
    reasons: r.reasons,
    reasonsEn: r.reasonsEn ?? [],
    matches: r.matches.slice(0, 5),
    status: item.status,
    stage: 'indexed',
    clusterKey: r.clusterKey,
    duplicateCount: item.duplicateCount,
    createdAt: epoch(item.createdAt),
    createdAtIso: item.createdAt,
    occurredAt: epoch(item.occurredAt ?? item.createdAt),
    occurredAtIso: item.occurredAt ?? item.createdAt,
  };
}
