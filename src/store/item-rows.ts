import type { ApplicationType, ItemKind, ItemRecord, ItemStatus, Stage, TagResult } from '../domain/item.js';
import type { ItemWithTags } from './item-store.js';

const itemOnlyColumns = `i.id, i.kind, i.idempotency_key, i.source, i.external_id, i.text, i.app_type, i.subject,
  i.url, i.author, i.lang, i.province, i.occurred_at, i.extra, i.stage, i.status, i.duplicate_count,
  i.created_at, i.updated_at`;

/** Columns selected for an item with its tag result (`i` = items, `t` = tag_results). */
export const itemColumns = `${itemOnlyColumns}, t.result AS tag_result, t.tagged_at`;

/** The same columns with the tag result left out (null), for callers that already hold it. */
export const itemColumnsWithoutResult = `${itemOnlyColumns}, NULL::jsonb AS tag_result, t.tagged_at`;

/** An items row joined with tag_results as the adapters return it. */
export interface ItemRow {
  id: string;
  kind: ItemKind;
  idempotency_key: string;
  source: string;
  external_id: string | null;
  text: string;
  app_type: ApplicationType | null;
  subject: string | null;
  url: string | null;
  author: string | null;
  lang: string | null;
  province: string | null;
  occurred_at: string | null;
  extra: Record<string, unknown> | null;
  stage: Stage;
  status: ItemStatus;
  duplicate_count: number;
  created_at: string;
  updated_at: string;
  tag_result: TagResult | null;
  tagged_at: string | null;
}

/** Maps a row to the domain shape. */
export function toItem(r: ItemRow): ItemWithTags {
  const item: ItemRecord = {
    id: r.id,
    kind: r.kind,
    idempotencyKey: r.idempotency_key,
    source: r.source,
    externalId: r.external_id,
    text: r.text,
    appType: r.app_type,
    subject: r.subject,
    url: r.url,
    author: r.author,
    lang: r.lang,
    province: r.province,
    occurredAt: r.occurred_at,
    extra: r.extra ?? {},
    stage: r.stage,
    status: r.status,
    duplicateCount: r.duplicate_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  return { ...item, tagResult: r.tag_result, taggedAt: r.tagged_at };
}
