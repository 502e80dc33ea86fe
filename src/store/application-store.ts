import type { CaseAction, CaseState, ReplyChannel } from '../domain/applications/case-workflow.js';
import { nextCaseState } from '../domain/applications/case-workflow.js';
import type { Law } from '../domain/applications/deadlines.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { ApplicationType } from '../domain/item.js';
import { createAuditLog } from './audit-log.js';
import { isUuid } from './ids.js';
import { redactedSubjectSql } from './item-sql.js';
import { escalationNotifySql, escalationParams } from './notification-sql.js';
import type { Database, Sql, Tx } from './types.js';

/** The deadline columns of a new case, computed by the domain from the type and the receipt instant. */
export type CaseDeadline = (
  appType: ApplicationType,
  receivedAt: Date,
) => { law: Law; dueDate: string; dueAt: Date; riskAt: Date };

/** A case with the item fields the lists show (no text, no personal data). */
export interface CaseRow {
  itemId: string;
  appType: ApplicationType;
  subject: string | null;
  province: string | null;
  law: Law;
  receivedAt: string;
  dueDate: string;
  dueAt: string;
  riskAt: string;
  state: CaseState;
  escalatedAt: string | null;
  replyResponseId: string | null;
  replyChannel: ReplyChannel | null;
  replySentOn: string | null;
  replySentBy: string | null;
  forwardedTo: string | null;
  forwardReason: string | null;
  forwardedAt: string | null;
  forwardedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
}

/** Filters and order of the case list. `risk`: at risk or overdue, or overdue only (open cases). */
export interface CaseQuery {
  type?: ApplicationType;
  province?: string;
  state?: CaseState;
  risk?: 'risk' | 'overdue';
  sort: 'due' | 'received' | 'type';
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** One row of the SLA table. */
export interface SlaRow {
  key: string | null;
  onTime: number;
  late: number;
  forwarded: number;
  atRisk: number;
  overdue: number;
  total: number;
}

/** What a citizen may learn about their application (no text, no personal data). */
export interface PublicStatus {
  state: CaseState;
  dueDate: string;
  dueAt: string;
  answeredOn: string | null;
  forwardedTo: string | null;
}

const selectCase = `SELECT c.item_id AS "itemId", i.app_type AS "appType", ${redactedSubjectSql('i')} AS subject,
  i.province, c.law,
  c.received_at AS "receivedAt", c.due_date AS "dueDate", c.due_at AS "dueAt", c.risk_at AS "riskAt", c.state,
  c.escalated_at AS "escalatedAt", c.reply_response_id AS "replyResponseId", c.reply_channel AS "replyChannel",
  c.reply_sent_on AS "replySentOn", rs.name AS "replySentBy", c.forwarded_to AS "forwardedTo",
  c.forward_reason AS "forwardReason", c.forwarded_at AS "forwardedAt", fw.name AS "forwardedBy",
  c.closed_at AS "closedAt", cl.name AS "closedBy"
  FROM application_cases c JOIN items i ON i.id = c.item_id
  LEFT JOIN users rs ON rs.id = c.reply_sent_by LEFT JOIN users fw ON fw.id = c.forwarded_by
  LEFT JOIN users cl ON cl.id = c.closed_by`;

const order = { due: 'c.due_at', received: 'c.received_at', type: 'i.app_type' } as const;

const insertCasesSql = `INSERT INTO application_cases (item_id, law, received_at, due_date, due_at, risk_at)
  SELECT item_id, law, received_at, due_date, due_at, risk_at FROM jsonb_to_recordset($1::jsonb)
    AS x(item_id uuid, law text, received_at timestamptz, due_date date, due_at timestamptz, risk_at timestamptz)
  ON CONFLICT (item_id) DO NOTHING`;

// Escalation, its audit entries and its notifications in one statement: a case is escalated exactly
// once, even with several workers sweeping at the same time (the row lock re-checks `escalated_at IS NULL`).
const escalateSql = `WITH due AS (
    SELECT item_id FROM application_cases
    WHERE state = 'open' AND escalated_at IS NULL AND risk_at <= $1 ORDER BY risk_at LIMIT $2
    FOR UPDATE SKIP LOCKED),
  esc AS (
    UPDATE application_cases c SET escalated_at = $1, updated_at = now() FROM due
    WHERE c.item_id = due.item_id AND c.escalated_at IS NULL RETURNING c.item_id, c.due_date, c.law),
  esc_audit AS (
    INSERT INTO audit_log (actor, action, target_type, target_id, details)
    SELECT 'system', 'application.escalated', 'item', item_id::text,
      jsonb_build_object('dueDate', to_char(due_date, 'YYYY-MM-DD'), 'law', law) FROM esc
    RETURNING target_id),
  ${escalationNotifySql('$3', '$4')}
  SELECT target_id FROM esc_audit`;

/**
 * Creates the missing cases of the applications matching `where` (at most `batch`, newest
 * first) with their legal deadlines; returns how many. Runs on `q`, so the item store can
 * create the case in the transaction that stores the application.
 */
export async function createMissingCases(
  q: Sql,
  deadline: CaseDeadline,
  where: string,
  params: unknown[],
  batch: number,
): Promise<number> {
  const { rows } = await q.query<{ id: string; app_type: ApplicationType; received_at: string }>(
    `SELECT i.id, i.app_type, least(coalesce(i.occurred_at, i.created_at), i.created_at) AS received_at
     FROM items i WHERE i.kind = 'application' AND ${where}
       AND NOT EXISTS (SELECT 1 FROM application_cases c WHERE c.item_id = i.id)
     ORDER BY i.created_at DESC LIMIT ${Math.max(1, Math.trunc(batch))}`,
    params,
  );
  if (rows.length === 0) return 0;
  const cases = rows.map((r) => {
    const d = deadline(r.app_type, new Date(r.received_at));
    return {
      item_id: r.id,
      law: d.law,
      received_at: r.received_at,
      due_date: d.dueDate,
      due_at: d.dueAt.toISOString(),
      risk_at: d.riskAt.toISOString(),
    };
  });
  return (await q.query(insertCasesSql, [JSON.stringify(cases)])).rowCount;
}

/** Application cases: creation with deadlines, escalation, reply, forwarding, closing, SLA counts. */
export function createApplicationStore(db: Database, deps: { deadline: CaseDeadline }) {
  const createMissing = (where: string, params: unknown[], batch: number) =>
    createMissingCases(db, deps.deadline, where, params, batch);

  /** Locks a case, checks the transition and returns its row; the caller updates it in `tx`. */
  async function lockFor(tx: Tx, itemId: string, action: CaseAction) {
    if (!isUuid(itemId)) throw new NotFoundError('no such application');
    const { rows } = await tx.query<{ state: CaseState; due_date: string }>(
      'SELECT state, due_date FROM application_cases WHERE item_id = $1 FOR UPDATE',
      [itemId],
    );
    if (!rows[0]) throw new NotFoundError('no such application');
    return { ...rows[0], to: nextCaseState(rows[0].state, action) };
  }

  /**
   * Creates missing cases (idempotent), newest applications first, in batches of `batch`.
   * Ingest creates a case with its application; this backfills applications stored
   * without one (by older versions). `since` limits the search to items created since then.
   */
  async function ensureCases(
    opts: { since?: Date; itemIds?: string[]; batch?: number } = {},
  ): Promise<number> {
    const batch = Math.min(Math.max(opts.batch ?? 500, 1), 5000);
    if (opts.itemIds) {
      const ids = opts.itemIds.filter(isUuid);
      return ids.length ? createMissing('i.id = ANY($1::uuid[])', [ids], batch) : 0;
    }
    let total = 0;
    for (;;) {
      const n = opts.since
        ? await createMissing('i.created_at >= $1', [opts.since.toISOString()], batch)
        : await createMissing('true', [], batch);
      total += n;
      if (n < batch) return total;
    }
  }

  return {
    ensureCases,

    /** Marks open cases whose risk instant has passed as escalated, once each; returns their ids. */
    async escalate(now: Date, batch = 1000): Promise<string[]> {
      const out: string[] = [];
      for (;;) {
        const { rows } = await db.query<{ target_id: string }>(escalateSql, [
          now.toISOString(),
          batch,
          ...escalationParams(),
        ]);
        out.push(...rows.map((r) => r.target_id));
        if (rows.length < batch) return out;
      }
    },

    async list(q: CaseQuery, now: Date): Promise<{ rows: CaseRow[]; total: number }> {
      const where = `($1::text IS NULL OR i.app_type = $1) AND ($2::text IS NULL OR i.province = $2)
        AND ($3::text IS NULL OR c.state = $3)
        AND ($4::text IS NULL OR ($4 = 'risk' AND c.state = 'open' AND c.risk_at <= $5::timestamptz)
          OR ($4 = 'overdue' AND c.state = 'open' AND c.due_at < $5::timestamptz))`;
      const params = [q.type ?? null, q.province ?? null, q.state ?? null, q.risk ?? null, now.toISOString()];
      const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
      const [{ rows }, count] = await Promise.all([
        db.query<CaseRow>(
          `${selectCase} WHERE ${where} ORDER BY ${order[q.sort]} ${dir}, c.due_at ${dir}, c.item_id
           LIMIT $6 OFFSET $7`,
          [...params, q.limit, q.offset],
        ),
        db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM application_cases c JOIN items i ON i.id = c.item_id WHERE ${where}`,
          params,
        ),
      ]);
      return { rows, total: count.rows[0]?.n ?? 0 };
    },

    async get(itemId: string): Promise<CaseRow | null> {
      if (!isUuid(itemId)) return null;
      const { rows } = await db.query<CaseRow>(`${selectCase} WHERE c.item_id = $1`, [itemId]);
      return rows[0] ?? null;
    },

    /** Provinces that have applications, for the filter. */
    async provinces(): Promise<string[]> {
      const { rows } = await db.query<{ p: string }>(
        `SELECT DISTINCT province AS p FROM items WHERE kind = 'application' AND province IS NOT NULL`,
      );
      // Turkish alphabetical order (the database's collation would put İ and Ş after Z).
      return rows.map((r) => r.p).sort(new Intl.Collator('tr').compare);
    },

    /**
     * Records that the approved reply `responseId` was sent to the applicant: the case
     * becomes answered. Refused unless the reply belongs to this application and is approved.
     */
    async markSent(
      itemId: string,
      r: { responseId: string; channel: ReplyChannel; sentOn: string },
      by: { id: string; email: string },
    ): Promise<{ onTime: boolean }> {
      return db.transaction(async (tx) => {
        const c = await lockFor(tx, itemId, 'mark_sent');
        const { rows } = await tx.query<{ state: string }>(
          `SELECT state FROM responses WHERE id = $1 AND item_id = $2 AND kind = 'reply'`,
          [isUuid(r.responseId) ? r.responseId : null, itemId],
        );
        if (!rows[0]) throw new NotFoundError('no such reply for this application');
        if (rows[0].state !== 'approved' && rows[0].state !== 'published')
          throw new ConflictError(`the reply must be approved before it is sent (it is "${rows[0].state}")`);
        await tx.query(
          `UPDATE application_cases SET state = $2, reply_response_id = $3, reply_channel = $4, reply_sent_on = $5,
             reply_recorded_at = now(), reply_sent_by = $6, updated_at = now() WHERE item_id = $1`,
          [itemId, c.to, r.responseId, r.channel, r.sentOn, by.id],
        );
        const onTime = r.sentOn <= c.due_date;
        await createAuditLog(tx).append({
          actor: by.email,
          action: 'application.reply_sent',
          targetType: 'item',
          targetId: itemId,
          details: { responseId: r.responseId, channel: r.channel, sentOn: r.sentOn, onTime },
        });
        return { onTime };
      });
    },

    /** Records forwarding to the competent institution (the applicant has been informed). */
    async forward(
      itemId: string,
      f: { institution: string; reason: string },
      by: { id: string; email: string },
    ) {
      await db.transaction(async (tx) => {
        const c = await lockFor(tx, itemId, 'forward');
        await tx.query(
          `UPDATE application_cases SET state = $2, forwarded_to = $3, forward_reason = $4, forwarded_at = now(),
             forwarded_by = $5, updated_at = now() WHERE item_id = $1`,
          [itemId, c.to, f.institution, f.reason, by.id],
        );
        await createAuditLog(tx).append({
          actor: by.email,
          action: 'application.forwarded',
          targetType: 'item',
          targetId: itemId,
          details: { institution: f.institution, reason: f.reason, applicantInformed: true },
        });
      });
    },

    async close(itemId: string, by: { id: string; email: string }) {
      await db.transaction(async (tx) => {
        const c = await lockFor(tx, itemId, 'close');
        await tx.query(
          `UPDATE application_cases SET state = $2, closed_at = now(), closed_by = $3, updated_at = now()
           WHERE item_id = $1`,
          [itemId, c.to, by.id],
        );
        await createAuditLog(tx).append({
          actor: by.email,
          action: 'application.closed',
          targetType: 'item',
          targetId: itemId,
          details: { from: c.state },
        });
      });
    },

    /**
     * SLA counts of the applications received in [from, to), by type or province, at `now`.
     * Same rules as `classifyCase` in the domain.
     */
    async sla(by: 'type' | 'province', from: Date, to: Date, now: Date): Promise<SlaRow[]> {
      const { rows } = await db.query<SlaRow>(
        `SELECT ${by === 'type' ? 'i.app_type' : 'i.province'} AS key,
           count(*) FILTER (WHERE c.reply_sent_on <= c.due_date)::int AS "onTime",
           count(*) FILTER (WHERE c.reply_sent_on > c.due_date)::int AS late,
           count(*) FILTER (WHERE c.reply_sent_on IS NULL AND c.forwarded_at IS NOT NULL)::int AS forwarded,
           count(*) FILTER (WHERE c.state = 'open' AND c.due_at >= $3 AND c.risk_at <= $3)::int AS "atRisk",
           count(*) FILTER (WHERE c.state = 'open' AND c.due_at < $3)::int AS overdue,
           count(*)::int AS total
         FROM application_cases c JOIN items i ON i.id = c.item_id
         WHERE c.received_at >= $1 AND c.received_at < $2 GROUP BY 1 ORDER BY 1 NULLS LAST`,
        [from.toISOString(), to.toISOString(), now.toISOString()],
      );
      return rows;
    },

    /** A citizen-safe status (no text, no personal data); creates the case of an application stored without one. */
    async publicStatus(itemId: string): Promise<PublicStatus | null> {
      if (!isUuid(itemId)) return null;
      await ensureCases({ itemIds: [itemId] });
      const { rows } = await db.query<PublicStatus>(
        `SELECT state, due_date AS "dueDate", due_at AS "dueAt", reply_sent_on AS "answeredOn",
           forwarded_to AS "forwardedTo" FROM application_cases WHERE item_id = $1`,
        [itemId],
      );
      return rows[0] ?? null;
    },
  };
}
export type ApplicationStore = ReturnType<typeof createApplicationStore>;
