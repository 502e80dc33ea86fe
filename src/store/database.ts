import { createPgDatabase } from './pg-adapter.js';
import { createPgliteDatabase } from './pglite-adapter.js';
import { createThreadedPgliteDatabase } from './pglite-thread-adapter.js';
import { checkSchemaName } from './type-parsers.js';
import type { Database } from './types.js';

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** PostgreSQL URL; when set, a `pg` Pool is used, else embedded PGlite. */
  url?: string;
  /** Data directory for PGlite (`${dataDir}/pglite`); undefined or ':memory:' is in-memory. */
  dataDir?: string;
  /** Schema created if missing and used as search_path on every connection (test isolation). */
  schema?: string;
  /** PGlite only: run it in a worker thread, off the caller's event loop. */
  thread?: boolean;
  /** Pool size for `pg`. */
  max?: number;
  /** Bounds for `pg` in ms (defaults: `pgDefaults`; 0 turns one off). */
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  queryTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  keepAliveMs?: number;
}

/**
 * Opens the system-of-record database: PostgreSQL when `url` is set (an
 * unreachable server rejects with UnavailableError, never a fall-back), else PGlite.
 * Call `migrate(db)` before use.
 */
export async function createDatabase(opts: DatabaseOptions): Promise<Database> {
  const schema = opts.schema === undefined ? undefined : checkSchemaName(opts.schema);
  if (opts.url) {
    const { dataDir: _dataDir, schema: _schema, thread: _thread, ...pgOpts } = opts;
    return createPgDatabase({ ...pgOpts, url: opts.url, ...(schema ? { schema } : {}) });
  }
  const pgliteOpts = { ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), ...(schema ? { schema } : {}) };
  return opts.thread ? createThreadedPgliteDatabase(pgliteOpts) : createPgliteDatabase(pgliteOpts);
}
