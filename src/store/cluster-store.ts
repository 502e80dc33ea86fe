import type { ItemKind } from '../domain/item.js';
import type { Sql } from './types.js';

/** What the store knows of one near-duplicate cluster. */
export interface ClusterStats {
  clusterKey: string;
  total: number;
  /** Items per channel (posts vs applications). */
  byKind: Partial<Record<ItemKind, number>>;
  /** Exact re-deliveries counted on the members (not stored twice). */
  repeats: number;
  firstSeen: string;
  lastSeen: string;
}

/** Near-duplicate clusters, derived from the tag results (the tagger assigns the keys). */
export function createClusterStore(db: Sql) {
  return {
    async stats(clusterKey: string): Promise<ClusterStats | null> {
      const { rows } = await db.query<{
        kind: ItemKind;
        n: number;
        repeats: number;
        first: string;
        last: string;
      }>(
        `SELECT i.kind, count(*)::int AS n, coalesce(sum(i.duplicate_count), 0)::int AS repeats,
                min(coalesce(i.occurred_at, i.created_at)) AS first, max(coalesce(i.occurred_at, i.created_at)) AS last
         FROM tag_results t JOIN items i ON i.id = t.item_id
         WHERE t.cluster_key = $1 GROUP BY i.kind`,
        [clusterKey],
      );
      if (rows.length === 0) return null;
      return {
        clusterKey,
        total: rows.reduce((s, r) => s + r.n, 0),
        byKind: Object.fromEntries(rows.map((r) => [r.kind, r.n])),
        repeats: rows.reduce((s, r) => s + r.repeats, 0),
        firstSeen: rows.map((r) => r.first).sort()[0]!,
        lastSeen: rows
          .map((r) => r.last)
          .sort()
          .at(-1)!,
      };
    },

    /** The most recent signatures, to seed a tagger's near-duplicate index at start. */
    async signatures(limit: number): Promise<{ clusterKey: string; signature: string }[]> {
      const { rows } = await db.query<{ clusterKey: string; signature: string }>(
        `SELECT cluster_key AS "clusterKey", result->>'signature' AS signature FROM tag_results
         WHERE cluster_key IS NOT NULL AND result ? 'signature'
         ORDER BY tagged_at DESC LIMIT $1`,
        [limit],
      );
      return rows.reverse();
    },
  };
}

export type ClusterStore = ReturnType<typeof createClusterStore>;
