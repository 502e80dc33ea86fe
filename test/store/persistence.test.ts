import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, createItemStore, loadMigrations, migrate } from '../../src/store/index.js';
import { PG_URL, randomId, serviceAvailable } from '../helpers/env.js';
import { newPost } from './store-contract.js';

/** Every migration, in order, as `migrate` reports them. */
const allMigrations = async () => (await loadMigrations()).map((m) => `${m.version}_${m.name}`);

describe('PGlite persisted in DATA_DIR', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps data across a close and reopen', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-store-'));
    const first = await createDatabase({ dataDir: dir });
    expect((await migrate(first)).applied).toEqual(await allMigrations());
    const { inserted } = await createItemStore(first).insertMany([newPost()]);
    await first.close();

    const again = await createDatabase({ dataDir: dir });
    try {
      expect(await migrate(again)).toEqual({ applied: [] });
      expect((await createItemStore(again).get(inserted[0]!.id))?.id).toBe(inserted[0]!.id);
    } finally {
      await again.close();
    }
  });
});

describe('postgres: concurrent start-up', () => {
  it('two processes migrating the same schema at once apply each migration once', async (ctx) => {
    const up = await serviceAvailable('postgres', async () => {
      const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
      await c.connect();
      await c.end();
    });
    if (!up) return ctx.skip();
    const schema = randomId('t_migr');
    const [web, worker] = await Promise.all([
      createDatabase({ url: PG_URL, schema, max: 2 }),
      createDatabase({ url: PG_URL, schema, max: 2 }),
    ]);
    try {
      const results = await Promise.all([migrate(web), migrate(worker)]);
      // Each migration is applied by exactly one of the two.
      expect(results.flatMap((r) => r.applied).sort()).toEqual(await allMigrations());
      const { rows } = await web.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows).toEqual((await loadMigrations()).map((m) => ({ version: m.version })));
    } finally {
      await web.query(`DROP SCHEMA "${schema}" CASCADE`);
      await Promise.all([web.close(), worker.close()]);
    }
  });
});
