import { redactedSubjectSql } from './item-sql.js';
import type { Sql } from './types.js';

/** A labelled count. */
export interface Count {
  key: string;
  n: number;
}

/** Aggregates for the supervisor dashboard, computed in Postgres (the system of record). */
export function createStatsStore(db: Sql) {
  const counts = async (sql: string, params: unknown[]) =>
    (await db.query<{ key: string | null; n: number }>(sql, params)).rows.map((r) => ({
      key: r.key ?? '—',
      n: r.n,
    }));
  const since = `coalesce(i.occurred_at, i.created_at) >= now() - $1 * interval '1 day'`;
  return {
    byTag: (days: number) =>
      counts(
        `SELECT tag->>'tag' AS key, count(*)::int AS n FROM items i JOIN tag_results t ON t.item_id = i.id,
           jsonb_array_elements(t.result->'tags') AS tag WHERE ${since} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`,
        [days],
      ),
    bySource: (days: number) =>
      counts(
        `SELECT i.source AS key, count(*)::int AS n FROM items i WHERE ${since} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`,
        [days],
      ),
    byProvince: (days: number) =>
      counts(
        `SELECT i.province AS key, count(*)::int AS n FROM items i WHERE ${since} AND i.province IS NOT NULL
              GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`,
        [days],
      ),
    /** Items and flagged items per day. */
    async perDay(days: number): Promise<{ day: string; n: number; flagged: number }[]> {
      const { rows } = await db.query<{ day: string; n: number; flagged: number }>(
        `SELECT to_char(date_trunc('day', coalesce(i.occurred_at, i.created_at)), 'YYYY-MM-DD') AS day,
           count(*)::int AS n, count(*) FILTER (WHERE t.flagged)::int AS flagged
         FROM items i LEFT JOIN tag_results t ON t.item_id = i.id WHERE ${since} GROUP BY 1 ORDER BY 1`,
        [days],
      );
      return rows;
    },
    /**
     * Open application cases whose legal deadline is at risk or past (the case's risk instant,
     * computed from config/applications/deadlines.json, has passed), most urgent first.
     */
    async deadlinesAtRisk(limit = 20) {
      const { rows } = await db.query<{
        id: string;
        app_type: string;
        subject: string | null;
        due_date: string;
        escalated_at: string | null;
      }>(
        `SELECT c.item_id AS id, i.app_type, ${redactedSubjectSql('i')} AS subject, c.due_date, c.escalated_at
         FROM application_cases c JOIN items i ON i.id = c.item_id
         WHERE c.state = 'open' AND c.risk_at <= now() ORDER BY c.due_at, c.item_id LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({
        id: r.id,
        appType: r.app_type,
        subject: r.subject,
        dueDate: r.due_date,
        escalatedAt: r.escalated_at,
      }));
    },
  };
}
