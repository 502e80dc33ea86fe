import type { VerdictInput } from '../domain/review/verdicts.js';
import { isUuid, newId } from './ids.js';
import { notifyAssigned } from './notification-sql.js';
import type { Database, Sql } from './types.js';

/** A recorded verdict. */
export interface VerdictRecord {
  id: string;
  itemId: string;
  verdict: string;
  notes: string;
  evidenceLinks: string[];
  claimId: string | null;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

// The writes below run on the caller's transaction (`q`), so an item action can record its
// change, its audit entries and its index request together (see item-action-store.ts).

/** Assigns the items to `userId`; notifies the assignee of the items that were not theirs. */
export async function assignItems(q: Sql, itemIds: string[], userId: string, by: string): Promise<void> {
  if (itemIds.length === 0) return;
  const { rows } = await q.query<{ item_id: string }>(
    `WITH prev AS (SELECT item_id, user_id FROM assignments WHERE item_id = ANY($1::uuid[])),
     up AS (
       INSERT INTO assignments (item_id, user_id, assigned_by) SELECT unnest($1::uuid[]), $2, $3
       ON CONFLICT (item_id) DO UPDATE SET user_id = EXCLUDED.user_id, assigned_by = EXCLUDED.assigned_by,
         assigned_at = now()
       RETURNING item_id, user_id)
     SELECT up.item_id FROM up LEFT JOIN prev ON prev.item_id = up.item_id
     WHERE prev.user_id IS DISTINCT FROM up.user_id`,
    [itemIds, userId, by],
  );
  await notifyAssigned(
    q,
    rows.map((r) => r.item_id),
    userId,
    by,
  );
}

/** Removes the items' assignments. */
export async function unassignItems(q: Sql, itemIds: string[]): Promise<void> {
  if (itemIds.length === 0) return;
  await q.query('DELETE FROM assignments WHERE item_id = ANY($1::uuid[])', [itemIds]);
}

/** Records a verdict on an item; returns its id. */
export async function insertVerdict(q: Sql, itemId: string, v: VerdictInput, by: string): Promise<string> {
  const id = newId();
  await q.query(
    `INSERT INTO verdicts (id, item_id, verdict, notes, evidence_links, claim_id, created_by)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
    [id, itemId, v.verdict, v.notes, JSON.stringify(v.evidenceLinks), v.claimId ?? null, by],
  );
  return id;
}

/** Adds a manual label to the items (one statement for the whole batch). */
export async function addItemLabel(q: Sql, itemIds: string[], label: string, by: string): Promise<void> {
  if (itemIds.length === 0) return;
  await q.query(
    `INSERT INTO item_labels (item_id, label, added_by) SELECT unnest($1::uuid[]), $2, $3
     ON CONFLICT DO NOTHING`,
    [itemIds, label, by],
  );
}

/** Assignments, verdicts and manual labels of items. */
export function createReviewStore(db: Database) {
  return {
    /**
     * Assigns the items to a user (one statement for the whole batch); the assignee is
     * notified, in the same transaction, of the items that were not theirs before.
     */
    async assign(itemIds: string[], userId: string, by: string): Promise<void> {
      if (itemIds.length === 0) return;
      await db.transaction((tx) => assignItems(tx, itemIds, userId, by));
    },

    unassign: (itemIds: string[]): Promise<void> => unassignItems(db, itemIds),

    /** Assignee e-mail per item id, for the search projection. */
    async assignees(itemIds: string[]): Promise<Map<string, { id: string; email: string; name: string }>> {
      const ids = itemIds.filter(isUuid);
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<{ item_id: string; id: string; email: string; name: string }>(
        `SELECT a.item_id, u.id, u.email, u.name FROM assignments a JOIN users u ON u.id = a.user_id
         WHERE a.item_id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((r) => [r.item_id, { id: r.id, email: r.email, name: r.name }]));
    },

    addVerdict: (itemId: string, v: VerdictInput, by: string): Promise<string> =>
      insertVerdict(db, itemId, v, by),

    /** Confirms a verdict; returns false if it does not exist or is already confirmed. */
    async confirmVerdict(verdictId: string, by: string): Promise<boolean> {
      if (!isUuid(verdictId)) return false;
      const r = await db.query(
        'UPDATE verdicts SET confirmed_by = $2, confirmed_at = now() WHERE id = $1 AND confirmed_by IS NULL',
        [verdictId, by],
      );
      return r.rowCount > 0;
    },

    async verdicts(itemId: string): Promise<VerdictRecord[]> {
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT v.*, u.name AS created_by_name FROM verdicts v JOIN users u ON u.id = v.created_by
         WHERE v.item_id = $1 ORDER BY v.created_at DESC`,
        [itemId],
      );
      return rows.map((r) => ({
        id: r.id as string,
        itemId: r.item_id as string,
        verdict: r.verdict as string,
        notes: r.notes as string,
        evidenceLinks: r.evidence_links as string[],
        claimId: r.claim_id as string | null,
        createdBy: r.created_by as string,
        createdByName: r.created_by_name as string,
        createdAt: r.created_at as string,
        confirmedBy: r.confirmed_by as string | null,
        confirmedAt: r.confirmed_at as string | null,
      }));
    },

    /** Latest verdicts on flagged items not yet confirmed by a supervisor. */
    async unconfirmedOnFlagged(
      limit = 50,
    ): Promise<{ id: string; itemId: string; verdict: string; createdAt: string }[]> {
      const { rows } = await db.query<{ id: string; item_id: string; verdict: string; created_at: string }>(
        `SELECT v.id, v.item_id, v.verdict, v.created_at FROM verdicts v
         JOIN tag_results t ON t.item_id = v.item_id
         WHERE t.flagged AND v.confirmed_by IS NULL ORDER BY v.created_at LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({ id: r.id, itemId: r.item_id, verdict: r.verdict, createdAt: r.created_at }));
    },

    /** Adds a manual label to the items (one statement for the whole batch). */
    addLabel: (itemIds: string[], label: string, by: string): Promise<void> =>
      addItemLabel(db, itemIds, label, by),

    async labels(itemIds: string[]): Promise<Map<string, string[]>> {
      const ids = itemIds.filter(isUuid);
      const out = new Map<string, string[]>();
      if (ids.length === 0) return out;
      const { rows } = await db.query<{ item_id: string; label: string }>(
        'SELECT item_id, label FROM item_labels WHERE item_id = ANY($1::uuid[]) ORDER BY label',
        [ids],
      );
      for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.label]);
      return out;
    },
  };
}
export type ReviewStore = ReturnType<typeof createReviewStore>;
