import pg from 'pg';
import { UnavailableError } from '../domain/errors.js';
import { sharedParsers } from './type-parsers.js';
import type { Database, Tx } from './types.js';

/** Options of the `pg` adapter. */
export interface PgOptions {
  url: string;
  schema?: string;
  max?: number;
  connectTimeoutMs?: number;
}

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  '3D000', // database does not exist
]);

/** True if `err` means the server cannot be reached or refused us, rather than a bad statement. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && connectionCodes.has(e.code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED/i.test(
    e.message ?? '',
  );
}

/** Strips the password from a connection URL for error messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}

function wrap(err: unknown, url: string): unknown {
  if (!isConnectionError(err)) return err;
  const reason = (err as Error).message || (err as { code?: string }).code || 'unknown error';
  return new UnavailableError('postgres', `cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`, err);
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    sharedParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Opens a pg Pool and checks that it answers; an unreachable server rejects with UnavailableError. */
export async function createPgDatabase(opts: PgOptions): Promise<Database> {
  const settings = ['-c TimeZone=UTC', '-c DateStyle=ISO'];
  if (opts.schema) settings.push(`-c search_path=${opts.schema}`);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    options: settings.join(' '),
    types,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled it would crash
  // the process. The next query gets a fresh client or a wrapped UnavailableError.
  pool.on('error', () => {});
  const url = opts.url;

  const db: Database = {
    kind: 'pg',
    async query<T>(text: string, params?: unknown[]) {
      try {
        const r = await pool.query(text, params);
        return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
      } catch (err) {
        throw wrap(err, url);
      }
    },
    async exec(script: string) {
      try {
        await pool.query(script);
      } catch (err) {
        throw wrap(err, url);
      }
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw wrap(err, url);
      }
      // The pool listens for 'error' on idle clients only. A checked-out client whose
      // connection dies (reset, server restart, pg_terminate_backend) emits 'error' even
      // while a query is running; unheard, it is an uncaught exception that kills the process.
      let lost: Error | undefined;
      const onError = (err: Error) => {
        lost ??= err;
      };
      client.on('error', onError);
      const tx: Tx = {
        async query<R>(text: string, params?: unknown[]) {
          const r = await client.query(text, params);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
        },
        async exec(script: string) {
          await client.query(script);
        },
      };
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        if (lost || isConnectionError(err)) {
          // The server rolls back a transaction whose connection is gone; the client is discarded.
          broken = lost ?? (err as Error);
        } else {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackErr) {
            broken = rollbackErr as Error;
          }
        }
        // A statement that failed because the connection died reports it in its own words
        // ("not queryable"); the connection error is the one that says what happened.
        throw wrap(lost && !isConnectionError(err) ? lost : err, url);
      } finally {
        client.removeListener('error', onError);
        // A client whose connection or rollback failed is in an unknown state; destroy it rather than reuse it.
        client.release(broken ?? lost);
      }
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
      } catch (err) {
        const e = wrap(err, url);
        throw e instanceof UnavailableError
          ? e
          : new UnavailableError('postgres', `ping failed: ${(err as Error).message}`, err);
      }
    },
    async close() {
      await pool.end();
    },
  };

  try {
    await db.ping();
    if (opts.schema) await ensureSchema(db, opts.schema);
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  return db;
}

async function ensureSchema(db: Database, schema: string): Promise<void> {
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (err) {
    // Two processes creating the same schema at once: the loser sees a unique violation.
    const code = (err as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw err;
  }
}
