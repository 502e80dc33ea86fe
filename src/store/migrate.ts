import { readdir, readFile } from 'node:fs/promises';
import type { Database, Tx } from './types.js';

/** Directory of the versioned migrations `NNN_name.sql`, beside this module. */
export const migrationsDir = new URL('./migrations/', import.meta.url);

/** One migration file. */
export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Reads the migrations in version order. */
export async function loadMigrations(dir: URL = migrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const [version = '', ...rest] = file.replace(/\.sql$/, '').split('_');
      return { version, name: rest.join('_'), sql: await readFile(new URL(file, dir), 'utf8') };
    }),
  );
}

// A migration may rewrite a large table, and a process starting beside another waits for its lock.
const unbounded = { unbounded: true } as const;

// Transaction-scoped advisory lock keyed by schema: web and worker starting together
// serialise here, while test runs in different schemas do not wait on each other.
const lock = (tx: Tx) =>
  tx.query(`SELECT pg_advisory_xact_lock(hashtext('kopru.migrate:' || current_schema()))`);

async function appliedVersions(tx: Tx): Promise<Set<string>> {
  const { rows } = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies pending migrations, each in its own transaction under an advisory lock,
 * and records them in `schema_migrations`. Idempotent: a second run applies nothing.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<{ applied: string[] }> {
  const all = migrations ?? (await loadMigrations());
  const pending = await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = await appliedVersions(tx);
    return all.filter((m) => !done.has(m.version));
  }, unbounded);
  const applied: string[] = [];
  for (const m of pending) {
    const ran = await db.transaction(async (tx) => {
      await lock(tx);
      // Another process may have applied it while we waited for the lock.
      if ((await appliedVersions(tx)).has(m.version)) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    }, unbounded);
    if (ran) applied.push(`${m.version}_${m.name}`);
  }
  return { applied };
}
