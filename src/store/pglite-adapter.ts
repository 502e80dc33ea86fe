import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { UnavailableError } from '../domain/errors.js';
import { sharedParsers } from './type-parsers.js';
import type { Database, Tx } from './types.js';

/** Options of the PGlite adapter. */
export interface PgliteOptions {
  /** Directory under which `pglite/` holds the data; undefined or ':memory:' keeps it in memory. */
  dataDir?: string;
  schema?: string;
}

type Raw = { rows: unknown[]; affectedRows?: number };
// PGlite reports affectedRows 0 for SELECT; pg's rowCount is the number of rows returned.
const rowCount = (r: Raw) => r.affectedRows || r.rows.length;

/**
 * Opens PGlite (Postgres in WASM). PGlite belongs to one process: two processes
 * must never open the same data directory.
 *
 * Inside `transaction(fn)` use only the `tx` handle: PGlite has one connection,
 * so a query on the outer handle waits for the transaction and deadlocks.
 */
export async function createPgliteDatabase(opts: PgliteOptions): Promise<Database> {
  let dir: string | undefined;
  if (opts.dataDir && opts.dataDir !== ':memory:') {
    dir = join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ ...(dir ? { dataDir: dir } : {}), parsers: sharedParsers });
  } catch (err) {
    throw new UnavailableError(
      'pglite',
      `cannot open ${dir ?? 'in-memory database'}: ${(err as Error).message}`,
      err,
    );
  }
  await pglite.exec(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO'`);
  if (opts.schema) {
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"; SET search_path = "${opts.schema}"`);
  }

  return {
    kind: 'pglite',
    async query<T>(text: string, params?: unknown[]) {
      const r = await pglite.query<T>(text, params);
      return { rows: r.rows, rowCount: rowCount(r) };
    },
    async exec(script: string) {
      await pglite.exec(script);
    },
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return pglite.transaction(async (t) =>
        fn({
          async query<R>(text: string, params?: unknown[]) {
            const r = await t.query<R>(text, params);
            return { rows: r.rows, rowCount: rowCount(r) };
          },
          async exec(script: string) {
            await t.exec(script);
          },
        }),
      );
    },
    async ping() {
      try {
        await pglite.query('SELECT 1');
      } catch (err) {
        throw new UnavailableError('pglite', `ping failed: ${(err as Error).message}`, err);
      }
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
