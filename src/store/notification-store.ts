import type { NotificationKind } from '../domain/notifications.js';
import type { Sql } from './types.js';

/** A notification as its recipient sees it, with what its target is called now. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  /** The item, response, application (item) or alert; null for a grouped notification. */
  targetId: string | null;
  /** How many items or applications a grouped notification stands for (1 otherwise). */
  count: number;
  /** Who acted (assigned, submitted, approved, sent back); null for the system's events. */
  actorName: string | null;
  createdAt: string;
  readAt: string | null;
  /**
   * What the target is called now: a draft's title, an application's subject or an item's
   * redacted text, a claim's text; null when there is nothing to show (or it was erased).
   */
  subject: string | null;
  /** A surge alert's province (null: all provinces) and subject kind. */
  province: string | null;
  alertKind: 'claim' | 'cluster' | null;
  /** An escalated application's legal due date (YYYY-MM-DD). */
  dueDate: string | null;
}

/** What a notification links to, for "open" (mark read, then go there). */
export interface NotificationTarget {
  kind: NotificationKind;
  targetId: string | null;
}

const ID = /^\d{1,18}$/;
/** The newest creation time as exact text (microseconds), for "mark all read" up to it. */
const STAMP = `to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
/** A stamp as {@link STAMP} writes it. */
export const isStamp = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(s);
/** Read notifications are kept this long; any notification at most {@link KEEP_DAYS}. */
export const KEEP_READ_DAYS = 90;
export const KEEP_DAYS = 365;

// The text of an item: an application's redacted subject, else the redacted text (never the raw ones).
const itemText = (
  id: string,
) => `(SELECT coalesce(t.result ->> 'redactedSubject', left(t.result ->> 'redactedText', 200))
  FROM items i LEFT JOIN tag_results t ON t.item_id = i.id WHERE i.id = ${id})`;

const SELECT = `SELECT n.id::text AS id, n.kind, n.target_id AS "targetId", n.count, u.name AS "actorName",
  n.created_at AS "createdAt", n.read_at AS "readAt",
  CASE
    WHEN n.kind IN ('item_assigned', 'application_escalated') THEN ${itemText('n.target_id')}
    WHEN n.kind LIKE 'response_%' THEN (SELECT v.title FROM responses r
      JOIN response_versions v ON v.response_id = r.id AND v.version = r.current_version WHERE r.id = n.target_id)
    WHEN n.kind = 'surge_alert' THEN (SELECT CASE a.kind
      WHEN 'claim' THEN (SELECT k.text FROM known_claims k WHERE k.id = a.subject)
      ELSE (SELECT left(t.result ->> 'redactedText', 200) FROM tag_results t WHERE t.cluster_key = a.subject
            ORDER BY t.check_worthiness DESC, t.item_id LIMIT 1) END
      FROM alerts a WHERE a.id = n.target_id)
  END AS subject,
  CASE WHEN n.kind = 'surge_alert' THEN (SELECT a.province FROM alerts a WHERE a.id = n.target_id) END AS province,
  CASE WHEN n.kind = 'surge_alert' THEN (SELECT a.kind FROM alerts a WHERE a.id = n.target_id) END AS "alertKind",
  CASE WHEN n.kind = 'application_escalated' THEN
    (SELECT to_char(c.due_date, 'YYYY-MM-DD') FROM application_cases c WHERE c.item_id = n.target_id) END AS "dueDate"
  FROM notifications n LEFT JOIN users u ON u.id = n.actor_id`;

/**
 * A person's notifications: the list, the unread count, marking read. Every read and
 * write names the recipient, so nobody reaches another person's notifications; `kinds`
 * are those the recipient's role may see now. Notifications are made where their
 * events happen (see notification-sql.ts).
 */
export function createNotificationStore(db: Sql) {
  return {
    /**
     * Newest first; `unreadOnly` leaves out those already read. `newest` is the creation
     * time of the recipient's newest notification (for {@link markAllRead}).
     */
    async list(
      recipientId: string,
      kinds: NotificationKind[],
      opts: { unreadOnly?: boolean; limit: number; offset: number },
    ): Promise<{ rows: NotificationRow[]; total: number; newest: string | null }> {
      const where = `n.recipient_id = $1 AND n.kind = ANY($2::text[]) AND (NOT $3 OR n.read_at IS NULL)`;
      const params = [recipientId, kinds, opts.unreadOnly ?? false];
      const [{ rows }, count] = await Promise.all([
        db.query<NotificationRow>(
          `${SELECT} WHERE ${where} ORDER BY n.created_at DESC, n.id DESC LIMIT $4 OFFSET $5`,
          [...params, opts.limit, opts.offset],
        ),
        db.query<{ n: number; newest: string | null }>(
          `SELECT count(*)::int AS n, (SELECT ${STAMP} FROM notifications WHERE recipient_id = $1) AS newest
           FROM notifications n WHERE ${where}`,
          params,
        ),
      ]);
      return { rows, total: count.rows[0]?.n ?? 0, newest: count.rows[0]?.newest ?? null };
    },

    /** How many of the recipient's notifications are unread (the header count). */
    async unreadCount(recipientId: string, kinds: NotificationKind[]): Promise<number> {
      if (kinds.length === 0) return 0;
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notifications
         WHERE recipient_id = $1 AND read_at IS NULL AND kind = ANY($2::text[])`,
        [recipientId, kinds],
      );
      return rows[0]?.n ?? 0;
    },

    /**
     * Marks one of the recipient's notifications read (again is harmless) and returns its
     * target; null when it does not exist, is someone else's or is of a kind they may not see.
     */
    async markRead(
      id: string,
      recipientId: string,
      kinds: NotificationKind[],
    ): Promise<NotificationTarget | null> {
      if (!ID.test(id)) return null;
      const { rows } = await db.query<NotificationTarget>(
        `UPDATE notifications SET read_at = coalesce(read_at, now())
         WHERE id = $1 AND recipient_id = $2 AND kind = ANY($3::text[])
         RETURNING kind, target_id AS "targetId"`,
        [id, recipientId, kinds],
      );
      return rows[0] ?? null;
    },

    /**
     * Marks read every unread notification of the recipient made at or before `before` (the
     * newest one the page knew of, so one that arrived since stays unread); returns how many.
     */
    async markAllRead(recipientId: string, before: string): Promise<number> {
      if (!isStamp(before)) return 0;
      const r = await db.query(
        `UPDATE notifications SET read_at = now()
         WHERE recipient_id = $1 AND read_at IS NULL AND created_at <= $2`,
        [recipientId, before],
      );
      return r.rowCount;
    },

    /** Deletes read notifications older than {@link KEEP_READ_DAYS} and any older than {@link KEEP_DAYS}. */
    async prune(): Promise<number> {
      const r = await db.query(
        `DELETE FROM notifications
         WHERE (read_at IS NOT NULL AND read_at < now() - make_interval(days => $1))
            OR created_at < now() - make_interval(days => $2)`,
        [KEEP_READ_DAYS, KEEP_DAYS],
      );
      return r.rowCount;
    },
  };
}
export type NotificationStore = ReturnType<typeof createNotificationStore>;
