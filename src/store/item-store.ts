import { anonymiseTagResult } from '../domain/anonymise.js';
import { NotFoundError } from '../domain/errors.js';
import type { Applicant, ItemRecord, ItemStatus, Stage, TagResult } from '../domain/item.js';
import { stages } from '../domain/item.js';
import { type CaseDeadline, createMissingCases } from './application-store.js';
import { isUuid, newId } from './ids.js';
import { type ItemRow, itemColumns, toItem } from './item-rows.js';
import { insertApplicantsSql, insertItemsSql, saveTagsSql, syncAutomaticLinksSql } from './item-sql.js';
import { indexVersionSql, requestReprojection } from './outbox-sql.js';
import type { Database, Sql } from './types.js';

/** An item to store. `applicant` goes to the `applicants` table, never into `items`. */
export type NewItem = Omit<
  ItemRecord,
  'id' | 'stage' | 'status' | 'duplicateCount' | 'createdAt' | 'updatedAt'
> & { applicant?: Applicant | null };

/** A stored item with its latest tag result, if tagged. */
export interface ItemWithTags extends ItemRecord {
  tagResult: TagResult | null;
  taggedAt: string | null;
}

/** The item repository returned by {@link createItemStore}. */
export type ItemStore = ReturnType<typeof createItemStore>;

const select = `SELECT ${itemColumns} FROM items i LEFT JOIN tag_results t ON t.item_id = i.id`;

const uuids = (ids: string[]) => [...new Set(ids.filter(isUuid))];

/** Sets the status of the items that exist, on `q` (a transaction); returns the ids it changed. */
export async function setItemStatus(q: Sql, ids: string[], status: ItemStatus): Promise<string[]> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const { rows } = await q.query<{ id: string }>(
    'UPDATE items SET status = $2, updated_at = now() WHERE id = ANY($1::uuid[]) RETURNING id',
    [valid, status],
  );
  return rows.map((r) => r.id);
}

/** Repository of items, their applicants and tag results; stage columns form the pipeline's outbox. */
export function createItemStore(db: Database) {
  return {
    /**
     * Stores new items in one transaction. An idempotency key seen before (in the
     * table or earlier in the batch) increments `duplicate_count` instead of storing twice.
     * With `caseDeadline`, each new application gets its case and legal deadline in the
     * same transaction, so no application is ever without one. A stored item seen again
     * shows a new duplicate count, so it is re-queued for the index in the same transaction
     * (`reproject`: enqueue their index jobs after this resolves; see outbox-sql.ts).
     */
    async insertMany(
      items: NewItem[],
      opts: { caseDeadline?: CaseDeadline } = {},
    ): Promise<{
      inserted: { id: string; idempotencyKey: string }[];
      duplicates: number;
      reproject: string[];
    }> {
      const firstByKey = new Map<string, { item: NewItem; id: string; dups: number }>();
      for (const item of items) {
        const seen = firstByKey.get(item.idempotencyKey);
        if (seen) seen.dups++;
        else firstByKey.set(item.idempotencyKey, { item, id: newId(), dups: 0 });
      }
      if (firstByKey.size === 0) return { inserted: [], duplicates: 0, reproject: [] };
      const rows = [...firstByKey.values()].map(({ item: i, id, dups }) => ({
        id,
        kind: i.kind,
        idempotency_key: i.idempotencyKey,
        source: i.source,
        external_id: i.externalId,
        text: i.text,
        app_type: i.appType,
        subject: i.subject,
        url: i.url,
        author: i.author,
        lang: i.lang,
        province: i.province,
        occurred_at: i.occurredAt,
        extra: i.extra ?? {},
        dups,
      }));
      return db.transaction(async (tx) => {
        const { rows: out } = await tx.query<{ id: string; idempotency_key: string }>(insertItemsSql, [
          JSON.stringify(rows),
        ]);
        // On conflict RETURNING yields the existing row, whose id differs from the one we generated.
        const returned = new Map(out.map((r) => [r.idempotency_key, r.id]));
        const inserted = [...firstByKey.entries()]
          .filter(([key, v]) => returned.get(key) === v.id)
          .map(([key, v]) => ({ id: v.id, idempotencyKey: key }));
        const applicants = inserted.flatMap(({ idempotencyKey, id }) => {
          const a = firstByKey.get(idempotencyKey)?.item.applicant;
          return a ? [{ item_id: id, ...a }] : [];
        });
        if (applicants.length > 0) await tx.query(insertApplicantsSql, [JSON.stringify(applicants)]);
        const apps = inserted.filter((r) => firstByKey.get(r.idempotencyKey)?.item.kind === 'application');
        if (opts.caseDeadline && apps.length > 0)
          await createMissingCases(
            tx,
            opts.caseDeadline,
            'i.id = ANY($1::uuid[])',
            [apps.map((r) => r.id)],
            apps.length,
          );
        const repeated = [...firstByKey.entries()].flatMap(([key, v]) => {
          const stored = returned.get(key);
          return stored && stored !== v.id ? [stored] : [];
        });
        const reproject = await requestReprojection(tx, repeated);
        return { inserted, duplicates: items.length - inserted.length, reproject };
      });
    },

    async get(id: string): Promise<ItemWithTags | null> {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<ItemRow>(`${select} WHERE i.id = $1`, [id]);
      return rows[0] ? toItem(rows[0]) : null;
    },

    /** Items in the order of `ids`; unknown ids are left out. */
    async getMany(ids: string[]): Promise<ItemWithTags[]> {
      const wanted = uuids(ids);
      if (wanted.length === 0) return [];
      const { rows } = await db.query<ItemRow>(`${select} WHERE i.id = ANY($1::uuid[])`, [wanted]);
      const byId = new Map(rows.map((r) => [r.id, toItem(r)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async getApplicant(itemId: string): Promise<Applicant | null> {
      if (!isUuid(itemId)) return null;
      const { rows } = await db.query<Record<string, string | null>>(
        'SELECT name, tckn, phone, email, address FROM applicants WHERE item_id = $1',
        [itemId],
      );
      if (!rows[0]) return null;
      return Object.fromEntries(Object.entries(rows[0]).filter(([, v]) => v !== null)) as Applicant;
    },

    /** Applicants' names by item id, for a batch (one query; items without a named applicant are absent). */
    async applicantNames(itemIds: string[]): Promise<Map<string, string>> {
      const ids = itemIds.filter(isUuid);
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<{ item_id: string; name: string }>(
        'SELECT item_id, name FROM applicants WHERE item_id = ANY($1::uuid[]) AND name IS NOT NULL',
        [ids],
      );
      return new Map(rows.map((r) => [r.item_id, r.name]));
    },

    /**
     * Upserts tag results and moves the items to stage 'tagged'. An application erased while
     * it was being tagged gets only what erasure keeps of a tag result: the rows are locked
     * in id order, as the erasure locks them, so one of the two always sees the other.
     */
    async saveTagResults(tagged: { id: string; result: TagResult }[]): Promise<void> {
      if (tagged.length === 0) return;
      await db.transaction(async (tx) => {
        const { rows: locked } = await tx.query<{ id: string; erased: boolean }>(
          `SELECT id, erased_at IS NOT NULL AS erased FROM items WHERE id = ANY($1::uuid[])
           ORDER BY id FOR SHARE`,
          [uuids(tagged.map((r) => r.id))],
        );
        const erased = new Set(locked.filter((r) => r.erased).map((r) => r.id));
        const results = tagged.map((r) =>
          erased.has(r.id) ? { ...r, result: anonymiseTagResult(r.result) } : r,
        );
        await tx.query(saveTagsSql, [JSON.stringify(results)]);
        // A confident match links the item to its claim automatically (undone by rejecting it).
        const pairs = new Map<string, { item: string; claim: string; score: number }>();
        for (const { id, result } of results)
          for (const m of result.matches ?? [])
            if (m.confident) pairs.set(`${id} ${m.claimId}`, { item: id, claim: m.claimId, score: m.score });
        const conf = [...pairs.values()];
        await tx.query(syncAutomaticLinksSql, [
          uuids(results.map((r) => r.id)),
          conf.map((p) => p.item),
          conf.map((p) => p.claim),
          conf.map((p) => p.score),
        ]);
        await tx.query(
          `UPDATE items SET stage = 'tagged', stage_updated_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`,
          [uuids(results.map((r) => r.id))],
        );
      });
    },

    /**
     * Moves items from 'tagged' to 'indexed'; returns how many moved. With `versions`
     * (from {@link indexVersions}, read before projecting) only items that have not changed
     * since move: a change committed meanwhile keeps its item in the outbox.
     */
    async markIndexed(ids: string[], versions?: Map<string, number>): Promise<number> {
      const wanted = uuids(ids);
      if (wanted.length === 0) return 0;
      if (versions) {
        const known = wanted.filter((id) => versions.has(id));
        if (known.length === 0) return 0;
        const r = await db.query(
          `UPDATE items i SET stage = 'indexed', stage_updated_at = now()
           FROM unnest($1::uuid[], $2::bigint[]) AS v(id, version)
           WHERE i.id = v.id AND i.stage = 'tagged' AND ${indexVersionSql('i.updated_at')} = v.version`,
          [known, known.map((id) => versions.get(id))],
        );
        return r.rowCount;
      }
      const r = await db.query(
        `UPDATE items SET stage = 'indexed', stage_updated_at = now()
         WHERE id = ANY($1::uuid[]) AND stage = 'tagged'`,
        [wanted],
      );
      return r.rowCount;
    },

    /** The versions (see outbox-sql.ts) of the given items that wait in 'tagged', for `markIndexed`. */
    async indexVersions(ids: string[]): Promise<Map<string, number>> {
      const wanted = uuids(ids);
      if (wanted.length === 0) return new Map();
      const { rows } = await db.query<{ id: string; version: number }>(
        `SELECT id, ${indexVersionSql()} AS version FROM items WHERE id = ANY($1::uuid[]) AND stage = 'tagged'`,
        [wanted],
      );
      return new Map(rows.map((r) => [r.id, Number(r.version)]));
    },

    /** Ids of items whose stage has not advanced for `olderThanMs`, oldest first. */
    async findStuck(stage: Stage, olderThanMs: number, limit: number): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT id FROM items WHERE stage = $1 AND stage_updated_at < now() - $2 * interval '1 millisecond'
         ORDER BY stage_updated_at LIMIT $3`,
        [stage, olderThanMs, limit],
      );
      return rows.map((r) => r.id);
    },

    /** Restarts the stuck timer after a re-enqueue. */
    async touch(ids: string[]): Promise<void> {
      const wanted = uuids(ids);
      if (wanted.length === 0) return;
      await db.query('UPDATE items SET stage_updated_at = now() WHERE id = ANY($1::uuid[])', [wanted]);
    },

    async countByStage(): Promise<Record<Stage, number>> {
      const { rows } = await db.query<{ stage: Stage; n: number }>(
        'SELECT stage, count(*)::int AS n FROM items GROUP BY stage',
      );
      const counts = Object.fromEntries(stages.map((s) => [s, 0])) as Record<Stage, number>;
      for (const r of rows) counts[r.stage] = r.n;
      return counts;
    },

    async count(): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
      return rows[0]?.n ?? 0;
    },

    /** Pages through all tagged items by id (keyset), for rebuilding the search index. */
    async *iterateTagged(batchSize: number): AsyncIterable<ItemWithTags[]> {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const { rows } = await db.query<ItemRow>(
          `SELECT ${itemColumns} FROM items i JOIN tag_results t ON t.item_id = i.id
           WHERE i.id > $1 ORDER BY i.id LIMIT $2`,
          [after, batchSize],
        );
        if (rows.length === 0) return;
        yield rows.map(toItem);
        after = rows[rows.length - 1]!.id;
        if (rows.length < batchSize) return;
      }
    },

    /** Sets the status of the items that exist; returns the ids it changed. */
    setStatusMany: (ids: string[], status: ItemStatus): Promise<string[]> => setItemStatus(db, ids, status),

    async setStatus(id: string, status: ItemStatus): Promise<void> {
      const r = isUuid(id)
        ? await db.query('UPDATE items SET status = $2, updated_at = now() WHERE id = $1', [id, status])
        : { rowCount: 0 };
      if (r.rowCount === 0) throw new NotFoundError(`item ${id} not found`);
    },
  };
}
