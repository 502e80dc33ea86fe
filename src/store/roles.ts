import { ConfigError } from '../domain/errors.js';
import { type Migration, migrate, migrationLock } from './migrate.js';
import type { Database, Sql } from './types.js';

/** Tables the app may read and append to, never change: their rows are the record. */
const APPEND_ONLY = ['audit_log'] as const;
/** Tables the app may only read: written by migrations alone. */
const READ_ONLY = ['schema_migrations'] as const;

/** Quotes an SQL identifier (a role or schema name read from the server). */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The role a connection acts as. */
export async function currentRole(db: Sql): Promise<string> {
  const { rows } = await db.query<{ role: string }>('SELECT current_user::text AS role');
  return rows[0]?.role ?? '';
}

/**
 * Refuses an app role that could undo the owner split: the owner itself or a member of it,
 * a superuser, a member of the schema's owner (the database owner is one for `public` on
 * PostgreSQL 15+), or the owner of any relation in the schema (an owner may DISABLE TRIGGER,
 * TRUNCATE and DROP whatever its grants say). `owner` is a connection as the migrating role.
 */
export async function checkAppRole(owner: Sql, appRole: string): Promise<void> {
  const who = `the role of DATABASE_URL ("${appRole}")`;
  const found = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [appRole]);
  if (found.rowCount === 0) throw new ConfigError(`${who} does not exist`);
  const { rows } = await owner.query<{
    superuser: boolean;
    in_owner: boolean;
    in_schema_owner: boolean;
    owned: string[] | null;
  }>(
    `SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = $1::name) AS superuser,
            pg_has_role($1::name, current_user, 'MEMBER') AS in_owner,
            pg_has_role($1::name, n.nspowner, 'MEMBER') AS in_schema_owner,
            (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
              WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                AND pg_has_role($1::name, c.relowner, 'MEMBER')) AS owned
       FROM pg_namespace n WHERE n.nspname = current_schema()`,
    [appRole],
  );
  const r = rows[0];
  if (!r) throw new ConfigError(`the schema of DATABASE_OWNER_URL does not exist`);
  if (r.superuser) throw new ConfigError(`${who} is a superuser: the app must connect as a role without it`);
  if (r.in_owner)
    throw new ConfigError(
      `${who} is, or is a member of, the role of DATABASE_OWNER_URL: use two separate roles`,
    );
  if (r.in_schema_owner)
    throw new ConfigError(
      `${who} owns the schema (or the database, which owns "public"): make the owner role its owner (docs/OPERATIONS.md)`,
    );
  if (r.owned?.length)
    throw new ConfigError(
      `${who} owns ${r.owned.slice(0, 5).join(', ')}${r.owned.length > 5 ? ', …' : ''}: ` +
        'hand them to the owner role (config/postgres/init-roles.sh, docs/OPERATIONS.md)',
    );
}

/**
 * Refuses an owner role that does not own the schema's relations (an installation from before
 * the split, whose tables the app role or a superuser created): its grants would silently
 * grant nothing, and its migrations could not alter those tables.
 */
export async function checkOwnerRole(owner: Sql): Promise<void> {
  const { rows } = await owner.query<{ role: string; superuser: boolean; foreign: string[] | null }>(
    `SELECT current_user::text AS role,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
            (SELECT array_agg(c.relname::text ORDER BY c.relname) FROM pg_class c
              WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                AND NOT pg_has_role(current_user, c.relowner, 'USAGE')) AS foreign`,
  );
  const r = rows[0];
  if (r && !r.superuser && r.foreign?.length)
    throw new ConfigError(
      `the role of DATABASE_OWNER_URL ("${r.role}") does not own ${r.foreign.slice(0, 5).join(', ')}` +
        `${r.foreign.length > 5 ? ', …' : ''}: hand them over with config/postgres/init-roles.sh (docs/OPERATIONS.md)`,
    );
}

/**
 * Grants the app role exactly what the app does with each table: SELECT, INSERT, UPDATE and
 * DELETE on the working tables, SELECT and INSERT on the audit log, SELECT on the migration
 * record, USAGE on the sequences (serial ids) and on the schema; nothing else (no TRUNCATE,
 * REFERENCES or TRIGGER, no CREATE on the schema). Run as the owner after every migration, so
 * a table a later migration adds gets its grants; revoking first makes it exact, not additive.
 */
export async function grantAppRole(owner: Database, appRole: string): Promise<void> {
  const role = quoteIdent(appRole);
  await owner.transaction(
    async (tx) => {
      // Under the migration lock: two processes granting at once would fail with "tuple concurrently updated".
      await migrationLock(tx);
      const { rows } = await tx.query<{ schema: string }>('SELECT current_schema()::text AS schema');
      const schema = quoteIdent(rows[0]?.schema ?? 'public');
      const qualified = (t: string) => `${schema}.${quoteIdent(t)}`;
      await tx.exec(`
      REVOKE ALL ON SCHEMA ${schema} FROM ${role};
      GRANT USAGE ON SCHEMA ${schema} TO ${role};
      REVOKE ALL ON ALL TABLES IN SCHEMA ${schema} FROM ${role};
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${role};
      REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ${schema} FROM ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${role};
      REVOKE INSERT, UPDATE, DELETE ON ${[...APPEND_ONLY, ...READ_ONLY].map(qualified).join(', ')} FROM ${role};
      GRANT INSERT ON ${APPEND_ONLY.map(qualified).join(', ')} TO ${role};
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${role};
    `);
    },
    { unbounded: true },
  );
}

/**
 * Service mode with an owner role: applies the migrations as the owner (`owner`, from
 * `DATABASE_OWNER_URL`), then grants the app role (`appRole`, the role of `DATABASE_URL`)
 * its rights. Refuses an app role that could switch the audit log's append-only rule off.
 */
export async function migrateAsOwner(
  owner: Database,
  appRole: string,
  migrations?: Migration[],
): Promise<{ applied: string[] }> {
  // Checked before and after: a migration must not run for a split that does not hold, and
  // the owner must end up owning every relation the migrations created.
  await checkAppRole(owner, appRole);
  await checkOwnerRole(owner);
  const result = await migrate(owner, migrations);
  await grantAppRole(owner, appRole);
  await checkAppRole(owner, appRole);
  return result;
}
