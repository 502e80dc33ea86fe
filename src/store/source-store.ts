import { newId } from './ids.js';
import type { Database } from './types.js';

/** A registered source (feed, file import, application intake, API client). */
export interface SourceRecord {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  config: Record<string, unknown>;
  createdAt: string;
}

/** Sources of items, by unique name. */
export function createSourceStore(db: Database) {
  return {
    /** Returns the id of the source `name`, registering it on first sight (the kind of an existing one is kept). */
    async ensure(name: string, kind: string): Promise<string> {
      // A no-op DO UPDATE (rather than DO NOTHING) makes RETURNING yield the existing row.
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO sources (id, name, kind) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [newId(), name, kind],
      );
      return rows[0]!.id;
    },

    async list(): Promise<SourceRecord[]> {
      const { rows } = await db.query<{
        id: string;
        name: string;
        kind: string;
        enabled: boolean;
        config: Record<string, unknown>;
        created_at: string;
      }>('SELECT id, name, kind, enabled, config, created_at FROM sources ORDER BY name');
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        kind: r.kind,
        enabled: r.enabled,
        config: r.config,
        createdAt: r.created_at,
      }));
    },
  };
}
