import { anonymiseTagResult, ERASED_TEXT } from '../domain/anonymise.js';
import { tagResultSchema } from '../domain/item.js';
import { type AuditInput, createAuditLog } from './audit-log.js';
import { requestReprojection } from './outbox-sql.js';
import type { Database, Tx } from './types.js';

/** Who to erase: item ids, or every application of an applicant found by an identifier. */
export interface ErasureSelector {
  itemIds?: string[];
  tckn?: string;
  email?: string;
  phone?: string;
}

/** Personal data of applications: lookup, retention candidates and the erasure itself. */
export function createErasureStore(db: Database) {
  return {
    /** Applications (not yet erased) matching the selector. */
    async find(sel: ErasureSelector): Promise<string[]> {
      const conds: string[] = [];
      const params: unknown[] = [];
      const add = (sql: (p: string) => string, v: unknown) => {
        params.push(v);
        conds.push(sql(`$${params.length}`));
      };
      if (sel.itemIds?.length) add((p) => `i.id = ANY(${p}::uuid[])`, sel.itemIds);
      if (sel.tckn) add((p) => `a.tckn = ${p}`, sel.tckn);
      if (sel.email) add((p) => `lower(a.email) = lower(${p})`, sel.email);
      if (sel.phone) add((p) => `a.phone = ${p}`, sel.phone);
      if (conds.length === 0) return [];
      const { rows } = await db.query<{ id: string }>(
        `SELECT i.id FROM items i LEFT JOIN applicants a ON a.item_id = i.id
         WHERE i.kind = 'application' AND i.erased_at IS NULL AND (${conds.join(' OR ')}) ORDER BY i.id`,
        params,
      );
      return rows.map((r) => r.id);
    },

    /**
     * Applications whose handling ended before `before`: a case answered, forwarded or
     * closed by then, or (without a case) an item dismissed or responded to by then.
     * An open case is never due, whatever the item's status.
     */
    async retentionCandidates(before: Date, limit: number): Promise<string[]> {
      const { rows } = await db.query<{ id: string }>(
        `SELECT i.id FROM items i LEFT JOIN application_cases c ON c.item_id = i.id
         WHERE i.kind = 'application' AND i.erased_at IS NULL AND (
           (c.item_id IS NOT NULL AND c.state <> 'open'
              AND GREATEST(c.closed_at, c.reply_recorded_at, c.forwarded_at) < $1)
           OR (c.item_id IS NULL AND i.status IN ('responded', 'dismissed') AND i.updated_at < $1))
         ORDER BY i.updated_at LIMIT $2`,
        [before.toISOString(), limit],
      );
      return rows.map((r) => r.id);
    },

    /**
     * Erases the personal data of these applications in one transaction: the applicant row,
     * the text, subject and source details, what the tagger derived from the text and the
     * texts of replies to the applicant and the reason a case was forwarded. Type, province, dates, status, tags and scores stay.
     * The same transaction writes each erased item's audit entry (`audit`, without personal
     * data) and its request to be re-projected into the staff index (the outbox), so an erasure
     * is never committed without either. `more` runs inside it too (features' own personal data).
     * Returns the ids erased and those waiting for the index stage.
     */
    async erase(
      ids: string[],
      opts: { audit: (itemId: string) => AuditInput; more?: ((tx: Tx, ids: string[]) => Promise<void>)[] },
    ): Promise<{ erased: string[]; reproject: string[] }> {
      const none = { erased: [], reproject: [] };
      if (ids.length === 0) return none;
      return db.transaction(async (tx) => {
        // Locked in id order first, as the tag stage locks them (see saveTagResults).
        await tx.query('SELECT id FROM items WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids]);
        const { rows } = await tx.query<{ id: string }>(
          `UPDATE items SET text = $2, subject = NULL, author = NULL, url = NULL, external_id = NULL,
             extra = '{}'::jsonb, idempotency_key = 'erased:' || id::text, erased_at = now(), updated_at = now()
           WHERE id = ANY($1::uuid[]) AND kind = 'application' AND erased_at IS NULL RETURNING id`,
          [ids, ERASED_TEXT],
        );
        const erased = rows.map((r) => r.id);
        if (erased.length === 0) return none;
        await tx.query('DELETE FROM applicants WHERE item_id = ANY($1::uuid[])', [erased]);
        const { rows: tags } = await tx.query<{ item_id: string; result: unknown }>(
          'SELECT item_id, result FROM tag_results WHERE item_id = ANY($1::uuid[])',
          [erased],
        );
        const kept = tags.map((t) => {
          const parsed = tagResultSchema.safeParse(t.result);
          return { item_id: t.item_id, result: parsed.success ? anonymiseTagResult(parsed.data) : {} };
        });
        await tx.query(
          `UPDATE tag_results t SET result = e.v->'result'
           FROM jsonb_array_elements($1::jsonb) AS e(v) WHERE t.item_id = (e.v->>'item_id')::uuid`,
          [JSON.stringify(kept)],
        );
        // Replies are addressed to the applicant; their versions are the one place rows are rewritten.
        await tx.query(
          `UPDATE response_versions SET title = '', claim_reviewed = '', summary = '', body = '', sources = '[]'::jsonb
           WHERE response_id IN (SELECT id FROM responses WHERE item_id = ANY($1::uuid[]) AND kind = 'reply')`,
          [erased],
        );
        // The reason for forwarding is free text written about the applicant; the institution stays.
        await tx.query('UPDATE application_cases SET forward_reason = NULL WHERE item_id = ANY($1::uuid[])', [
          erased,
        ]);
        for (const fn of opts.more ?? []) await fn(tx, erased);
        await createAuditLog(tx).appendMany(erased.map(opts.audit));
        return { erased, reproject: await requestReprojection(tx, erased) };
      });
    },
  };
}
export type ErasureStore = ReturnType<typeof createErasureStore>;
