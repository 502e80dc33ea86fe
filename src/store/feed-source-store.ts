import { ConflictError } from '../domain/errors.js';
import { isUuid, newId } from './ids.js';
import type { Database } from './types.js';

/** A source with its polling state (feeds are polled; other kinds only carry counters). */
export interface FeedSource {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  url: string | null;
  intervalSeconds: number;
  etag: string | null;
  lastModified: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  itemsFetched: number;
  failures: number;
  nextRunAt: string | null;
  createdAt: string;
}

const COLUMNS = `id, name, kind, enabled, url, interval_seconds, etag, last_modified, last_run_at,
  last_success_at, last_status, last_error, items_fetched, failures, next_run_at, created_at`;

type Row = {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  url: string | null;
  interval_seconds: number;
  etag: string | null;
  last_modified: string | null;
  last_run_at: string | null;
  last_success_at: string | null;
  last_status: string | null;
  last_error: string | null;
  items_fetched: number | string;
  failures: number;
  next_run_at: string | null;
  created_at: string;
};

const toSource = (r: Row): FeedSource => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  enabled: r.enabled,
  url: r.url,
  intervalSeconds: r.interval_seconds,
  etag: r.etag,
  lastModified: r.last_modified,
  lastRunAt: r.last_run_at,
  lastSuccessAt: r.last_success_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  itemsFetched: Number(r.items_fetched),
  failures: r.failures,
  nextRunAt: r.next_run_at,
  createdAt: r.created_at,
});

/** Sources with their polling state: admin changes, the scheduler's due list, and run outcomes. */
export function createFeedSourceStore(db: Database) {
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query<Row>(sql, params);
    return rows[0] ? toSource(rows[0]) : null;
  };

  return {
    /** Registers a feed; a name already taken throws ConflictError. */
    async create(s: { name: string; url: string; intervalSeconds?: number; enabled?: boolean }) {
      try {
        return (await one(
          `INSERT INTO sources (id, name, kind, url, interval_seconds, enabled, config)
           VALUES ($1, $2, 'feed', $3, $4, $5, '{}'::jsonb) RETURNING ${COLUMNS}`,
          [newId(), s.name, s.url, s.intervalSeconds ?? 900, s.enabled ?? true],
        ))!;
      } catch (err) {
        if ((err as { code?: string }).code === '23505')
          throw new ConflictError(`a source named "${s.name}" already exists`);
        throw err;
      }
    },

    get: async (id: string) =>
      isUuid(id) ? one(`SELECT ${COLUMNS} FROM sources WHERE id = $1`, [id]) : null,

    async list(): Promise<FeedSource[]> {
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM sources ORDER BY name`);
      return rows.map(toSource);
    },

    /** Changes admin settings; re-enabling or a new interval makes the feed due at once. */
    async update(id: string, p: { enabled?: boolean; intervalSeconds?: number; url?: string }) {
      if (!isUuid(id)) return null;
      return one(
        `UPDATE sources SET enabled = coalesce($2, enabled), interval_seconds = coalesce($3, interval_seconds),
           url = coalesce($4, url),
           next_run_at = CASE WHEN $2::boolean IS TRUE OR $3::int IS NOT NULL THEN NULL ELSE next_run_at END,
           failures = CASE WHEN $2::boolean IS TRUE THEN 0 ELSE failures END
         WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, p.enabled ?? null, p.intervalSeconds ?? null, p.url ?? null],
      );
    },

    /** Enabled feeds whose next run is unset or at or before `until`. */
    async due(until: Date): Promise<FeedSource[]> {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM sources WHERE kind = 'feed' AND enabled AND url IS NOT NULL
           AND (next_run_at IS NULL OR next_run_at <= $1) ORDER BY next_run_at NULLS FIRST LIMIT 1000`,
        [until.toISOString()],
      );
      return rows.map(toSource);
    },

    /**
     * Claims the run planned for `expectedNextRunAt` by moving the next run to
     * `leaseUntil` (so a crashed run is retried then). Null when another run
     * already took it, the schedule changed or the source is disabled.
     */
    claim: (id: string, expectedNextRunAt: string | null, leaseUntil: Date) =>
      one(
        `UPDATE sources SET next_run_at = $3, last_run_at = $4
         WHERE id = $1 AND kind = 'feed' AND enabled AND next_run_at IS NOT DISTINCT FROM $2::timestamptz
         RETURNING ${COLUMNS}`,
        [id, expectedNextRunAt, leaseUntil.toISOString(), new Date().toISOString()],
      ),

    /** Records a good run (200 or 304): new validators, items added, failures reset. */
    async recordSuccess(
      id: string,
      r: {
        status: string;
        etag?: string | null;
        lastModified?: string | null;
        fetched: number;
        nextRunAt: Date;
      },
    ) {
      await db.query(
        `UPDATE sources SET last_status = $2, etag = coalesce($3, etag), last_modified = coalesce($4, last_modified),
           items_fetched = items_fetched + $5, failures = 0, last_error = NULL, last_success_at = $6, next_run_at = $7
         WHERE id = $1`,
        [
          id,
          r.status,
          r.etag ?? null,
          r.lastModified ?? null,
          r.fetched,
          new Date().toISOString(),
          r.nextRunAt.toISOString(),
        ],
      );
    },

    /** Records a failed run and the backed-off next run. */
    async recordFailure(id: string, r: { error: string; nextRunAt: Date }) {
      await db.query(
        `UPDATE sources SET last_status = 'error', last_error = $2, failures = failures + 1, next_run_at = $3
         WHERE id = $1`,
        [id, r.error.slice(0, 2000), r.nextRunAt.toISOString()],
      );
    },
  };
}

export type FeedSourceStore = ReturnType<typeof createFeedSourceStore>;
