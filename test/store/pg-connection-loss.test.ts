import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/domain/errors.js';
import { createDatabase, type Database } from '../../src/store/index.js';
import { PG_URL, randomId, serviceAvailable } from '../helpers/env.js';

/**
 * A connection lost while a client is checked out of the pool (inside a transaction) must
 * reject that transaction with UnavailableError, never crash the process with an unhandled
 * 'error' event, and leave the pool usable.
 */
describe('postgres: a connection lost inside a transaction', () => {
  let db: Database | undefined;
  let killer: pg.Client;
  const schema = randomId('t_loss');

  beforeAll(async () => {
    const up = await serviceAvailable('postgres', async () => {
      const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.end();
    });
    if (!up) return;
    db = await createDatabase({ url: PG_URL, schema, max: 2 });
    await db.query('CREATE TABLE t (n int PRIMARY KEY)');
    killer = new pg.Client({ connectionString: PG_URL });
    await killer.connect();
  });
  afterAll(async () => {
    if (!db) return;
    await db.close();
    await killer.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await killer.end();
  });

  const terminate = async (pid: number) => {
    const { rows } = await killer.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(rows[0]?.ok).toBe(true);
  };

  it('between statements: the transaction rejects with UnavailableError, the process lives on', async (t) => {
    if (!db) return t.skip();
    const err = await db
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1)');
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await terminate(rows[0]!.pid);
        // The server closes the socket while no query runs on it: the client emits 'error'.
        await new Promise((r) => setTimeout(r, 300));
        await tx.query('INSERT INTO t VALUES (2)');
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as UnavailableError).status).toBe(503);
    // The pool hands out a fresh connection; the lost transaction stored nothing.
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 0 }]);
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    expect((await db.query('SELECT n FROM t')).rows).toEqual([{ n: 3 }]);
  });

  it('during a running statement: the transaction rejects with UnavailableError, the process lives on', async (t) => {
    if (!db) return t.skip();
    const err = await db
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        const running = tx.query('SELECT pg_sleep(30)');
        // Its rejection can come while `terminate` is still awaited, before `await running` below:
        // handled at once, so it is not reported as an unhandled rejection (it still rejects there).
        running.catch(() => undefined);
        await new Promise((r) => setTimeout(r, 200));
        await terminate(rows[0]!.pid);
        await running;
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    // Let any late 'error' or 'end' event of the dead client fire before the next check.
    await new Promise((r) => setTimeout(r, 300));
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
