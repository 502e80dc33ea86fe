import type { Sql } from './types.js';

/** One audit entry as listed. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** Filters for {@link createAuditLog}'s `list`; newest first. */
export interface AuditQuery {
  limit?: number;
  offset?: number;
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
}

/** One audit entry to write. */
export interface AuditInput {
  actor: string;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/**
 * The append-only audit log (a trigger rejects UPDATE, DELETE and TRUNCATE).
 * Takes `Sql` so an entry can be written in the same transaction as the change it records.
 */
export function createAuditLog(db: Sql) {
  return {
    async append(e: AuditInput): Promise<void> {
      await db.query(
        'INSERT INTO audit_log (actor, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [e.actor, e.action, e.targetType ?? null, e.targetId ?? null, JSON.stringify(e.details ?? {})],
      );
    },

    /** Appends several entries in one statement, in order. */
    async appendMany(entries: AuditInput[]): Promise<void> {
      if (entries.length === 0) return;
      await db.query(
        `INSERT INTO audit_log (actor, action, target_type, target_id, details)
         SELECT e.v->>'actor', e.v->>'action', e.v->>'target_type', e.v->>'target_id', e.v->'details'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(v, n) ORDER BY e.n`,
        [
          JSON.stringify(
            entries.map((e) => ({
              actor: e.actor,
              action: e.action,
              target_type: e.targetType ?? null,
              target_id: e.targetId ?? null,
              details: e.details ?? {},
            })),
          ),
        ],
      );
    },

    async list(q: AuditQuery = {}): Promise<AuditEntry[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      const filters = { actor: q.actor, action: q.action, target_type: q.targetType, target_id: q.targetId };
      for (const [column, value] of Object.entries(filters)) {
        if (value === undefined) continue;
        params.push(value);
        where.push(`${column} = $${params.length}`);
      }
      params.push(Math.min(Math.max(q.limit ?? 100, 1), 1000), Math.max(q.offset ?? 0, 0));
      const { rows } = await db.query<{
        id: number;
        at: string;
        actor: string;
        action: string;
        target_type: string | null;
        target_id: string | null;
        details: Record<string, unknown>;
      }>(
        `SELECT id, at, actor, action, target_type, target_id, details FROM audit_log
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        details: r.details ?? {},
      }));
    },
  };
}
