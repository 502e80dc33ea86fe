import pg from 'pg';
import { UnavailableError } from '../domain/errors.js';
import { sharedParsers } from './type-parsers.js';
import type { Database, Tx, TxOptions } from './types.js';

/** Options of the `pg` adapter. Every bound is in ms; 0 turns it off. */
export interface PgOptions {
  url: string;
  schema?: string;
  max?: number;
  /** Opening a connection, and waiting for a free one when the pool is full. */
  connectTimeoutMs?: number;
  /** Server side: a statement running longer is cancelled (`statement_timeout`). */
  statementTimeoutMs?: number;
  /** Client side: no answer from the server for this long fails the query and discards the connection. */
  queryTimeoutMs?: number;
  /** Server side: a session idle inside a transaction this long is ended (`idle_in_transaction_session_timeout`). */
  idleInTransactionTimeoutMs?: number;
  /** TCP keepalive on every connection, first probe after this much idle time. */
  keepAliveMs?: number;
}

/**
 * The bounds used when none are configured: a statement may run 15 s, the client waits 5 s
 * longer for an answer (so the server's own cancel, with its clear message, normally comes
 * first), and a request against an unreachable server fails in seconds instead of hanging.
 */
export const pgDefaults = {
  connectTimeoutMs: 5000,
  statementTimeoutMs: 15_000,
  queryTimeoutMs: 20_000,
  idleInTransactionTimeoutMs: 60_000,
  keepAliveMs: 10_000,
} as const;

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
  '25P03', // idle_in_transaction_session_timeout (the server ends the session)
  '28000', // invalid_authorization_specification
  '28P01', // invalid_password
  '3D000', // database does not exist
]);

/** True if `err` means the server cannot be reached or refused us, rather than a bad statement. */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && connectionCodes.has(e.code)) return true;
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Query read timeout|not queryable/i.test(
    e.message ?? '',
  );
}

/** True if the server cancelled a statement (statement_timeout, or pg_cancel_backend). */
const isCancelled = (err: unknown) => (err as { code?: string } | null)?.code === '57014';
/** True if the client gave up waiting for an answer (query_timeout): the connection is in an unknown state. */
const isReadTimeout = (err: unknown) => /Query read timeout/.test((err as Error | null)?.message ?? '');

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

function wrap(err: unknown, url: string, queryTimeoutMs: number): unknown {
  if (isCancelled(err))
    return new UnavailableError('postgres', `statement cancelled: ${(err as Error).message}`, err);
  if (!isConnectionError(err)) return err;
  const reason = isReadTimeout(err)
    ? `no answer within ${queryTimeoutMs} ms`
    : (err as Error).message || (err as { code?: string }).code || 'unknown error';
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
  const bounds = { ...pgDefaults, ...definedOnly(opts) };
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: bounds.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    options: settings.join(' '),
    // 0 (off) is falsy, and pg then leaves the setting alone.
    statement_timeout: bounds.statementTimeoutMs,
    idle_in_transaction_session_timeout: bounds.idleInTransactionTimeoutMs,
    query_timeout: bounds.queryTimeoutMs,
    keepAlive: bounds.keepAliveMs > 0,
    keepAliveInitialDelayMillis: bounds.keepAliveMs,
    types,
  });
  // An idle client losing its connection emits 'error' on the pool; unhandled it would crash
  // the process. The next query gets a fresh client or a wrapped UnavailableError.
  pool.on('error', () => {});
  const url = opts.url;
  const wrapped = (err: unknown) => wrap(err, url, bounds.queryTimeoutMs);

  const db: Database = {
    kind: 'pg',
    async query<T>(text: string, params?: unknown[]) {
      try {
        const r = await pool.query(text, params);
        return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
      } catch (err) {
        throw wrapped(err);
      }
    },
    async exec(script: string) {
      try {
        await pool.query(script);
      } catch (err) {
        throw wrapped(err);
      }
    },
    async transaction<T>(fn: (tx: Tx) => Promise<T>, txOpts: TxOptions = {}): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw wrapped(err);
      }
      // The pool listens for 'error' on idle clients only. A checked-out client whose
      // connection dies (reset, server restart, pg_terminate_backend) emits 'error' even
      // while a query is running; unheard, it is an uncaught exception that kills the process.
      let lost: Error | undefined;
      const onError = (err: Error) => {
        lost ??= err;
      };
      client.on('error', onError);
      // pg takes a per-query query_timeout over the pool's; the longest timer Node allows is "none".
      const run = (text: string, params?: unknown[]) =>
        txOpts.unbounded
          ? client.query({ text, values: params, query_timeout: 2_147_483_647 } as pg.QueryConfig)
          : client.query(text, params);
      const tx: Tx = {
        async query<R>(text: string, params?: unknown[]) {
          const r = await run(text, params);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
        },
        async exec(script: string) {
          await run(script);
        },
      };
      let broken: Error | undefined;
      try {
        await run('BEGIN');
        if (txOpts.unbounded) await run('SET LOCAL statement_timeout = 0');
        const result = await fn(tx);
        await run('COMMIT');
        return result;
      } catch (err) {
        if (lost || isConnectionError(err)) {
          // Gone, or still busy with a query the client gave up on (query_timeout): discarded,
          // never rolled back (a ROLLBACK would queue behind that query); closing the
          // connection makes the server roll back.
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
        throw wrapped(lost && !isConnectionError(err) ? lost : err);
      } finally {
        client.removeListener('error', onError);
        // A client whose connection or rollback failed is in an unknown state; destroy it rather than reuse it.
        client.release(broken ?? lost);
      }
    },
    async ping() {
      try {
        // /readyz answers within the connect bound even when the server hangs.
        await pool.query({ text: 'SELECT 1', query_timeout: bounds.connectTimeoutMs } as pg.QueryConfig);
      } catch (err) {
        const e = wrapped(err);
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

/** `opts` without its undefined entries, so that they do not override the defaults. */
function definedOnly(opts: PgOptions): Partial<typeof pgDefaults> {
  return Object.fromEntries(
    Object.entries(opts).filter(([k, v]) => k in pgDefaults && v !== undefined),
  ) as Partial<typeof pgDefaults>;
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
