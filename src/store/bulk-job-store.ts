import { isUuid, newId } from './ids.js';
import type { Sql } from './types.js';

/** Bulk actions staff can run on a selection of items. */
export const bulkActions = ['assign', 'status', 'dismiss', 'tag'] as const;
/** `claim` (confirm a claim for a cluster) is started from the item page, not the queue's bulk form. */
export type BulkAction = (typeof bulkActions)[number] | 'claim';

/** A bulk job and its progress. */
export interface BulkJob {
  id: string;
  userId: string;
  action: BulkAction;
  params: Record<string, string>;
  itemIds: string[];
  total: number;
  done: number;
  failed: number;
  state: 'queued' | 'running' | 'finished' | 'failed';
}

/** Bulk jobs: created by the web process, advanced by the bulk worker. */
export function createBulkJobStore(db: Sql) {
  return {
    async create(j: {
      userId: string;
      action: BulkAction;
      params: Record<string, string>;
      itemIds: string[];
    }) {
      const id = newId();
      await db.query(
        `INSERT INTO bulk_jobs (id, user_id, action, params, item_ids, total) VALUES ($1, $2, $3, $4::jsonb, $5::uuid[], $6)`,
        [id, j.userId, j.action, JSON.stringify(j.params), j.itemIds, j.itemIds.length],
      );
      return id;
    },
    async get(id: string): Promise<BulkJob | null> {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<Record<string, unknown>>('SELECT * FROM bulk_jobs WHERE id = $1', [id]);
      const r = rows[0];
      if (!r) return null;
      return {
        id: r.id as string,
        userId: r.user_id as string,
        action: r.action as BulkAction,
        params: r.params as Record<string, string>,
        itemIds: r.item_ids as string[],
        total: r.total as number,
        done: r.done as number,
        failed: r.failed as number,
        state: r.state as BulkJob['state'],
      };
    },
    /** Records progress; `done` and `failed` are absolute counts so a retried chunk does not double-count. */
    async progress(id: string, p: { done: number; failed: number; state: BulkJob['state'] }): Promise<void> {
      await db.query(
        'UPDATE bulk_jobs SET done = $2, failed = $3, state = $4, updated_at = now() WHERE id = $1',
        [id, p.done, p.failed, p.state],
      );
    },
  };
}
