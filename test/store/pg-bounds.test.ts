import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/domain/errors.js';
import { createDatabase, type Database, migrate } from '../../src/store/index.js';
import { PG_URL, randomId, serviceAvailable } from '../helpers/env.js';

/** Every statement is bounded (statement_timeout, query_timeout) except inside an `unbounded` transaction. */
describe('postgres: statement and query bounds', () => {
  let db: Database | undefined;
  const schema = randomId('t_bounds');

  beforeAll(async () => {
    const up = await serviceAvailable('postgres', async () => {
      const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.end();
    });
    if (!up) return;
    db = await createDatabase({ url: PG_URL, schema, max: 2, statementTimeoutMs: 300, queryTimeoutMs: 600 });
  });
  afterAll(async () => {
    if (!db) return;
    await db.close();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
  });

  it('the server cancels a statement that runs too long: UnavailableError naming the timeout', async (t) => {
    if (!db) return t.skip();
    for (const run of [
      () => db!.query('SELECT pg_sleep(2)'),
      () => db!.transaction((tx) => tx.query('SELECT pg_sleep(2)')),
    ]) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnavailableError);
      expect((err as Error).message).toMatch(/^postgres: statement cancelled: .*statement timeout/);
    }
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('an unbounded transaction (migrations) may run longer, and the bounds hold again after it', async (t) => {
    if (!db) return t.skip();
    const r = await db.transaction((tx) => tx.query<{ ok: boolean }>('SELECT true AS ok FROM pg_sleep(1)'), {
      unbounded: true,
    });
    expect(r.rows).toEqual([{ ok: true }]);
    // SET LOCAL ended with that transaction: the same pooled connection is bounded again.
    await expect(db.transaction((tx) => tx.query('SELECT pg_sleep(2)'))).rejects.toBeInstanceOf(
      UnavailableError,
    );
    await expect(db.query('SHOW statement_timeout')).resolves.toMatchObject({
      rows: [{ statement_timeout: '300ms' }],
    });
    await migrate(db);
    expect((await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0]).not.toEqual({
      n: 0,
    });
  });
});
