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
     * Open applications whose legal deadline is within `withinDays` or past: Law 4982
     * (information requests) 15 working days, taken as 21 calendar days; Law 3071 30 days.
     */
    async deadlinesAtRisk(withinDays: number, limit = 20) {
      const { rows } = await db.query<{
        id: string;
        app_type: string;
        subject: string | null;
        deadline: string;
        days_left: number;
      }>(
        `SELECT id, app_type, subject, deadline, floor(extract(epoch FROM deadline - now()) / 86400)::int AS days_left FROM (
           SELECT i.id, i.app_type, i.subject, coalesce(i.occurred_at, i.created_at)
             + CASE WHEN i.app_type = 'bilgi_edinme' THEN interval '21 days' ELSE interval '30 days' END AS deadline
           FROM items i WHERE i.kind = 'application' AND i.status NOT IN ('responded', 'dismissed')) d
         WHERE deadline < now() + $1 * interval '1 day' ORDER BY deadline LIMIT $2`,
        [withinDays, limit],
      );
      return rows.map((r) => ({
        id: r.id,
        appType: r.app_type,
        subject: r.subject,
        deadline: r.deadline,
        daysLeft: r.days_left,
      }));
    },
  };
}
