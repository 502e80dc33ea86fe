import { recipientRoles } from '../domain/notifications.js';
import { rolePermissions } from '../domain/review/permissions.js';
import type { Sql } from './types.js';

/**
 * The writes that create notifications. Each runs on the caller's transaction (or inside
 * the caller's statement, for the SQL fragments), so a notification exists exactly when
 * its event was committed. Recipients are active users whose role may open the target;
 * the person who acted is never notified of their own action.
 */

/** Several items assigned by one person within this span add up in one unread notification. */
const GROUP_MS = 60 * 60_000;

/** Items newly assigned to `userId` by `by`: one notification per item, or one for several. */
export async function notifyAssigned(q: Sql, itemIds: string[], userId: string, by: string): Promise<void> {
  if (itemIds.length === 0 || userId === by) return;
  const roles = recipientRoles('item_assigned');
  // A bulk assignment runs in chunks: later chunks join the unread group of the first.
  const merged = await q.query(
    `UPDATE notifications SET count = count + $3, created_at = now()
     WHERE id = (SELECT id FROM notifications
                 WHERE recipient_id = $1 AND actor_id = $2 AND kind = 'item_assigned' AND target_id IS NULL
                   AND read_at IS NULL AND created_at > now() - make_interval(secs => $4)
                 ORDER BY created_at DESC LIMIT 1)`,
    [userId, by, itemIds.length, GROUP_MS / 1000],
  );
  if (merged.rowCount > 0) return;
  await q.query(
    `INSERT INTO notifications (recipient_id, kind, target_id, count, actor_id)
     SELECT u.id, 'item_assigned', $2::uuid, $3, $4 FROM users u
     WHERE u.id = $1 AND NOT u.disabled AND u.role = ANY($5::text[])`,
    [userId, itemIds.length === 1 ? itemIds[0] : null, itemIds.length, by, roles],
  );
}

/** The people who wrote a version of response `$1`, its creator included. */
const AUTHORS = `SELECT created_by AS id FROM responses WHERE id = $1
  UNION SELECT author_id FROM response_versions WHERE response_id = $1`;

/**
 * A response moved by `by`: submitted (everyone who may approve it and wrote none of
 * it), approved or sent back (everyone who wrote a version of it).
 */
export async function notifyResponse(
  q: Sql,
  responseId: string,
  event: 'submitted' | 'approved' | 'returned',
  by: string,
): Promise<void> {
  const kind = `response_${event}` as const;
  await q.query(
    `INSERT INTO notifications (recipient_id, kind, target_id, actor_id)
     SELECT u.id, $2, $1, $3 FROM users u
     WHERE u.id ${event === 'submitted' ? 'NOT IN' : 'IN'} (${AUTHORS})
       AND u.id <> $3 AND NOT u.disabled AND u.role = ANY($4::text[])`,
    [responseId, kind, by, recipientRoles(kind)],
  );
}

/** Above this many cases escalated in one statement, supervisors get one notification for all. */
export const ESCALATION_GROUP_MIN = 10;

/**
 * CTEs for a statement whose CTE `esc` returns the escalated cases' `item_id`: supervisors
 * (one each per case, or one for all of them when there are many) and each case's
 * assignee. `$a` and `$b` are the parameters of {@link escalationParams}.
 */
export const escalationNotifySql = (a: string, b: string) => `
  esc_n AS (SELECT count(*)::int AS k FROM esc),
  esc_sup AS (SELECT id FROM users WHERE NOT disabled AND role = ANY(${a}::text[])),
  esc_each AS (
    INSERT INTO notifications (recipient_id, kind, target_id)
    SELECT r.recipient, 'application_escalated', r.item_id FROM (
      SELECT e.item_id, s.id AS recipient FROM esc e CROSS JOIN esc_sup s
      WHERE (SELECT k FROM esc_n) <= ${ESCALATION_GROUP_MIN}
      UNION
      SELECT e.item_id, u.id FROM esc e JOIN assignments x ON x.item_id = e.item_id
        JOIN users u ON u.id = x.user_id WHERE NOT u.disabled AND u.role = ANY(${b}::text[])) r),
  esc_all AS (
    INSERT INTO notifications (recipient_id, kind, count)
    SELECT s.id, 'application_escalated', (SELECT k FROM esc_n) FROM esc_sup s
    WHERE (SELECT k FROM esc_n) > ${ESCALATION_GROUP_MIN})`;

/** The roles for {@link escalationNotifySql}: supervisors (who watch deadlines), then assignees. */
export const escalationParams = (): [string[], string[]] => {
  const roles = recipientRoles('application_escalated');
  return [roles.filter((r) => (rolePermissions['sla.read'] as readonly string[]).includes(r)), roles];
};

/** A surge detected this recently is news; an older one (an import of old posts) is history. */
export const LIVE_SURGE_MS = 24 * 3600_000;

/**
 * A CTE for a statement whose CTE `alert` returns `id`, `created`, `detected_at`, `kind` and
 * `subject`: every staff member who may see alerts hears of a new, recent surge. A claim that
 * surges in several provinces at once opens one episode per province (and one nationwide); a
 * person hears of it once, as long as an earlier notification of the same subject is unread.
 * `$r` are the roles.
 */
export const surgeNotifySql = (r: string) => `
  alert_n AS (
    INSERT INTO notifications (recipient_id, kind, target_id)
    SELECT u.id, 'surge_alert', a.id FROM alert a CROSS JOIN users u
    WHERE a.created AND a.detected_at > now() - make_interval(secs => ${LIVE_SURGE_MS / 1000})
      AND NOT u.disabled AND u.role = ANY(${r}::text[])
      AND NOT EXISTS (
        SELECT 1 FROM notifications n JOIN alerts same ON same.id = n.target_id
        WHERE n.recipient_id = u.id AND n.kind = 'surge_alert' AND n.read_at IS NULL
          AND same.kind = a.kind AND same.subject = a.subject))`;
