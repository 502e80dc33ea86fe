import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../../src/domain/errors.js';
import { createDatabase } from '../../src/store/index.js';
import { PG_URL, randomId, serviceAvailable } from '../helpers/env.js';
import { storeContract } from './store-contract.js';

storeContract('pglite (in-memory)', async () => {
  const db = await createDatabase({ dataDir: ':memory:' });
  return { db, dispose: () => db.close() };
});

storeContract('pglite (in-memory, own thread)', async () => {
  const db = await createDatabase({ dataDir: ':memory:', thread: true });
  return { db, dispose: () => db.close() };
});

storeContract('postgres', async () => {
  const up = await serviceAvailable('postgres', async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  });
  if (!up) return null;
  const schema = randomId('t_store');
  const db = await createDatabase({ url: PG_URL, schema, max: 4 });
  return {
    db,
    dispose: async () => {
      await db.close();
      // search_path on the pool points at the test schema; drop it from a plain connection.
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
});

describe('createDatabase', () => {
  it('rejects promptly with UnavailableError when postgres is unreachable', async () => {
    const t0 = Date.now();
    const err = await createDatabase({ url: 'postgres://kopru:secret@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(
      /^postgres: cannot reach PostgreSQL at postgres:\/\/kopru:\*\*\*@127\.0\.0\.1:1/,
    );
    expect((err as Error).message).not.toContain('secret');
    expect(Date.now() - t0).toBeLessThan(6000);
  });

  it('rejects an unsafe schema name', async () => {
    await expect(createDatabase({ schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(/invalid schema name/);
  });
});
