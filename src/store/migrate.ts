import { readdir, readFile } from 'node:fs/promises';
import { ConfigError } from '../domain/errors.js';
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
export const migrationLock = (tx: Tx) =>
  tx.query(`SELECT pg_advisory_xact_lock(hashtext('kopru.migrate:' || current_schema()))`);

async function appliedVersions(tx: Tx): Promise<Set<string>> {
  const { rows } = await tx.query<{ version: string }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies pending migrations, each in its own transaction under an advisory lock,
 * and records them in `schema_migrations`. Idempotent: a second run applies nothing.
 *
 * An up-to-date schema is only read, never altered, so a role without DDL rights (the app
 * role when migrations run as a separate owner, `DATABASE_OWNER_URL`) starts normally; if
 * migrations are pending and the role may not apply them, a ConfigError says what to run.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<{ applied: string[] }> {
  const all = migrations ?? (await loadMigrations());
  const applied: string[] = [];
  try {
    const pending = await db.transaction(async (tx) => {
      await migrationLock(tx);
      // CREATE TABLE IF NOT EXISTS needs CREATE on the schema even when the table exists.
      const { rows } = await tx.query<{ t: string | null }>(
        `SELECT to_regclass('schema_migrations')::text AS t`,
      );
      if (!rows[0]?.t)
        await tx.exec(`CREATE TABLE schema_migrations (
        version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await appliedVersions(tx);
      return all.filter((m) => !done.has(m.version));
    }, unbounded);
    for (const m of pending) {
      const ran = await db.transaction(async (tx) => {
        await migrationLock(tx);
        // Another process may have applied it while we waited for the lock.
        if ((await appliedVersions(tx)).has(m.version)) return false;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        return true;
      }, unbounded);
      if (ran) applied.push(`${m.version}_${m.name}`);
    }
  } catch (err) {
    // insufficient_privilege: this role may use the tables but not create or alter them.
    if ((err as { code?: string }).code === '42501')
      throw new ConfigError(
        `database migrations are pending and the role of DATABASE_URL may not apply them (${(err as Error).message}): ` +
          'run "npm run migrate" with DATABASE_OWNER_URL set to the owner role (docs/OPERATIONS.md)',
      );
    throw err;
  }
  return { applied };
}
