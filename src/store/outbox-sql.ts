import { isUuid } from './ids.js';
import type { Sql } from './types.js';

/**
 * The outbox of the staff index: asks the index stage to project these items again.
 * Runs on the caller's transaction, so the request exists exactly when the change that
 * needs it was committed. An indexed item goes back to `tagged`; a tagged one keeps its
 * stage; both get a new version (`updated_at`), so an index run that read the item before
 * this change does not mark it indexed. A received item is projected after tagging anyway.
 * The index job is enqueued after the commit; if that is lost, the reconciler finds the
 * item stuck in `tagged`. Returns the ids now waiting for the index stage.
 */
export async function requestReprojection(q: Sql, ids: string[]): Promise<string[]> {
  const wanted = [...new Set(ids.filter(isUuid))];
  if (wanted.length === 0) return [];
  const { rows } = await q.query<{ id: string }>(
    `UPDATE items SET stage = 'tagged', stage_updated_at = now(), updated_at = clock_timestamp()
     WHERE id = ANY($1::uuid[]) AND stage IN ('tagged', 'indexed') RETURNING id`,
    [wanted],
  );
  return rows.map((r) => r.id);
}

/**
 * The version of what an item's index document shows: its `updated_at` in microseconds (every
 * change that alters the document sets it; the reconciler's stage-time `touch` does not). The
 * index stage reads it before projecting and marks the item indexed only if it is unchanged,
 * so a change committed meanwhile keeps the item in the outbox.
 */
export const indexVersionSql = (col = 'updated_at') => `(extract(epoch FROM ${col}) * 1000000)::bigint`;
