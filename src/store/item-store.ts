import { anonymiseTagResult } from '../domain/anonymise.js';
import { NotFoundError } from '../domain/errors.js';
import type { Applicant, ItemRecord, ItemStatus, Stage, TagResult } from '../domain/item.js';
import { stages } from '../domain/item.js';
import { type CaseDeadline, createMissingCases } from './application-store.js';
import { isUuid, newId } from './ids.js';
import { type ItemRow, itemColumns, itemColumnsWithoutResult, toItem } from './item-rows.js';
import { insertApplicantsSql, insertItemsSql, saveTagsSql, syncAutomaticLinksSql } from './item-sql.js';
import { indexVersionSql, requestReprojection } from './outbox-sql.js';
import type { Database, Sql, Tx } from './types.js';

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

/** Options of the item store's inserts. */
export interface InsertOptions {
  caseDeadline?: CaseDeadline;
  /** Rows per INSERT statement (default 1,000); all chunks share one transaction. */
  chunkSize?: number;
}

type Entry = { item: NewItem; id: string; dups: number };
type Inserted = { id: string; idempotencyKey: string };

/** The first item of each idempotency key, with how many repeats of it the batch holds. */
function firstByKey(items: NewItem[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  for (const item of items) {
    const seen = out.get(item.idempotencyKey);
    if (seen) seen.dups++;
    else out.set(item.idempotencyKey, { item, id: newId(), dups: 0 });
  }
  return out;
}

/**
 * Inserts entries with their applicants and cases on `tx`; returns the ones that were new
 * and the ids of stored items that were seen again (their duplicate count changed).
 */
async function insertEntries(
  tx: Tx,
  entries: Entry[],
  opts: InsertOptions,
): Promise<{ inserted: Inserted[]; repeated: string[] }> {
  const rows = entries.map(({ item: i, id, dups }) => ({
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
  const { rows: out } = await tx.query<{ id: string; idempotency_key: string }>(insertItemsSql, [
    JSON.stringify(rows),
  ]);
  // On conflict RETURNING yields the existing row, whose id differs from the one we generated.
  const returned = new Map(out.map((r) => [r.idempotency_key, r.id]));
  const fresh = entries.filter((e) => returned.get(e.item.idempotencyKey) === e.id);
  const applicants = fresh.flatMap(({ item, id }) =>
    item.applicant ? [{ item_id: id, ...item.applicant }] : [],
  );
  if (applicants.length > 0) await tx.query(insertApplicantsSql, [JSON.stringify(applicants)]);
  const apps = fresh.filter((e) => e.item.kind === 'application');
  if (opts.caseDeadline && apps.length > 0)
    await createMissingCases(
      tx,
      opts.caseDeadline,
      'i.id = ANY($1::uuid[])',
      [apps.map((e) => e.id)],
      apps.length,
    );
  const repeated = entries.flatMap((e) => {
    const stored = returned.get(e.item.idempotencyKey);
    return stored && stored !== e.id ? [stored] : [];
  });
  return { inserted: fresh.map((e) => ({ id: e.id, idempotencyKey: e.item.idempotencyKey })), repeated };
}

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
     * Stores new items in one transaction, however many: the INSERT statements are
     * cut into chunks of `chunkSize` rows, but a failure in any chunk rolls back the
     * whole call, so a batch is stored whole or not at all. An idempotency key seen
     * before (in the table or earlier in the batch) increments `duplicate_count`
     * instead of storing twice. With `caseDeadline`, each new application gets its
     * case and legal deadline in the same transaction, so no application is ever without one.
     * A stored item seen again shows a new duplicate count, so it is re-queued for the index
     * in the same transaction (`reproject`: enqueue their index jobs after this resolves; see
     * outbox-sql.ts).
     */
    async insertMany(
      items: NewItem[],
      opts: InsertOptions = {},
    ): Promise<{ inserted: Inserted[]; duplicates: number; reproject: string[] }> {
      const entries = firstByKey(items);
      if (entries.size === 0) return { inserted: [], duplicates: 0, reproject: [] };
      // In key order: concurrent batches with overlapping keys then lock them in the same
      // order and cannot deadlock, however long the transaction.
      const ordered = [...entries.values()].sort((a, b) =>
        a.item.idempotencyKey < b.item.idempotencyKey ? -1 : 1,
      );
      const chunk = Math.max(1, opts.chunkSize ?? 1000);
      return db.transaction(async (tx) => {
        const fresh = new Set<string>();
        const repeated: string[] = [];
        for (let i = 0; i < ordered.length; i += chunk) {
          const r = await insertEntries(tx, ordered.slice(i, i + chunk), opts);
          for (const x of r.inserted) fresh.add(x.id);
          repeated.push(...r.repeated);
        }
        // Answered in the order of the batch.
        const inserted = [...entries.values()]
          .filter((e) => fresh.has(e.id))
          .map((e) => ({ id: e.id, idempotencyKey: e.item.idempotencyKey }));
        const reproject = await requestReprojection(tx, repeated);
        return { inserted, duplicates: items.length - inserted.length, reproject };
      });
    },

    /**
     * Stores items one by one in one transaction, each under its own savepoint, and
     * reports the positions (in `items`) the database refused with its reason. For
     * isolating the record a batch insert tripped over; slower than {@link insertMany}.
     */
    async insertEach(items: NewItem[], opts: Omit<InsertOptions, 'chunkSize'> = {}) {
      const entries = firstByKey(items);
      const positions = new Map<string, number[]>();
      items.forEach((it, pos) => {
        positions.set(it.idempotencyKey, [...(positions.get(it.idempotencyKey) ?? []), pos]);
      });
      return db.transaction(async (tx) => {
        const inserted: Inserted[] = [];
        const repeated: string[] = [];
        const refused: { position: number; message: string }[] = [];
        for (const entry of entries.values()) {
          await tx.query('SAVEPOINT insert_each');
          try {
            const r = await insertEntries(tx, [entry], opts);
            inserted.push(...r.inserted);
            repeated.push(...r.repeated);
            await tx.query('RELEASE SAVEPOINT insert_each');
          } catch (err) {
            await tx.query('ROLLBACK TO SAVEPOINT insert_each');
            const message = (err as Error).message;
            for (const position of positions.get(entry.item.idempotencyKey) ?? [])
              refused.push({ position, message });
          }
        }
        refused.sort((a, b) => a.position - b.position);
        const reproject = await requestReprojection(tx, repeated);
        return { inserted, duplicates: items.length - inserted.length - refused.length, refused, reproject };
      });
    },

    async get(id: string): Promise<ItemWithTags | null> {
      if (!isUuid(id)) return null;
      const { rows } = await db.query<ItemRow>(`${select} WHERE i.id = $1`, [id]);
      return rows[0] ? toItem(rows[0]) : null;
    },

    /** Items in the order of `ids`; unknown ids are left out. */
    /**
     * Items that still have exactly the given versions (see {@link indexVersions}), without their
     * stored tag results (`tagResult` null): for the index stage, which was handed the results
     * by the tag stage. An item changed since (edited, erased, tagged again) is left out.
     */
    async getUnchanged(versions: Map<string, number>): Promise<ItemWithTags[]> {
      const ids = [...versions.keys()].filter(isUuid);
      if (ids.length === 0) return [];
      const { rows } = await db.query<ItemRow>(
        `SELECT ${itemColumnsWithoutResult}
         FROM unnest($1::uuid[], $2::bigint[]) AS v(id, version)
         JOIN items i ON i.id = v.id AND ${indexVersionSql('i.updated_at')} = v.version
         LEFT JOIN tag_results t ON t.item_id = i.id`,
        [ids, ids.map((id) => versions.get(id))],
      );
      return rows.map(toItem);
    },

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
     * Returns the version (see {@link indexVersions}) each item has after this write, for the
     * items whose result was stored as given (not those erased meanwhile).
     */
    async saveTagResults(tagged: { id: string; result: TagResult }[]): Promise<Map<string, number>> {
      if (tagged.length === 0) return new Map();
      return db.transaction(async (tx) => {
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
        const { rows: moved } = await tx.query<{ id: string; version: number }>(
          `UPDATE items SET stage = 'tagged', stage_updated_at = now(), updated_at = now()
           WHERE id = ANY($1::uuid[]) RETURNING id, ${indexVersionSql()} AS version`,
          [uuids(results.map((r) => r.id))],
        );
        return new Map(moved.filter((r) => !erased.has(r.id)).map((r) => [r.id, Number(r.version)]));
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

    /**
     * Items not yet searchable (stage received or tagged), counted up to `cap` only:
     * the ingest API's backlog check stays cheap however large the backlog grows.
     */
    async countBacklog(cap: number): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (
           SELECT 1 FROM items WHERE stage IN ('received', 'tagged') LIMIT $1) b`,
        [Math.max(0, Math.trunc(cap))],
      );
      return rows[0]?.n ?? 0;
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
