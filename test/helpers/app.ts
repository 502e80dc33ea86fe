import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { PG_URL, REDIS_URL, randomId, serviceAvailable } from './env.js';
import { registerLiveApp } from './live-apps.js';
import { startTestMeili, type TestMeili } from './meili.js';

export type Mode = 'embedded' | 'services';

/**
 * Builds a fully isolated app for a test: embedded (temp DATA_DIR: PGlite,
 * in-process queue, Meilisearch child process) or services (a fresh PostgreSQL
 * database, a random BullMQ prefix, a Meilisearch on a free port with random
 * index names). `dispose` removes everything it created. `opts.pgPort`: the app reaches
 * PostgreSQL through this loopback port (a fault-injecting proxy); `directDatabaseUrl` does not.
 */
export async function createTestApp(
  mode: Mode,
  env: Record<string, string> = {},
  opts: {
    /** The app reaches PostgreSQL through this local port (a test's TCP proxy), services mode. */
    pgPort?: number;
    /** Embedded mode with its own Meilisearch (MEILI_URL), so a test can stop and restart it. */
    ownMeili?: boolean;
  } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), 'kopru-test-'));
  // Retries: the engine's child may still be writing its last files as it exits (ENOTEMPTY).
  const cleanups: (() => Promise<unknown>)[] = [
    () => rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }),
  ];
  const base: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    SEED_DEMO: 'false',
    STUCK_AFTER_MS: '60000',
    RECONCILE_INTERVAL_MS: '60000',
    ...env,
  };
  let directDatabaseUrl: string | undefined;
  let meili: TestMeili | undefined;
  const useMeili = async () => {
    meili = await startTestMeili();
    cleanups.push(() => meili!.stop());
    Object.assign(base, {
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.masterKey,
      MEILI_INDEX_PREFIX: `${randomId('kt')}_`,
    });
  };
  if (mode === 'services') {
    const dbName = randomId('kopru_test').toLowerCase();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    cleanups.push(async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    });
    await useMeili();
    const url = new URL(PG_URL);
    url.pathname = `/${dbName}`;
    directDatabaseUrl = url.toString();
    if (opts.pgPort) {
      url.hostname = '127.0.0.1';
      url.port = String(opts.pgPort);
    }
    Object.assign(base, { DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: randomId('kt') });
  } else if (opts.ownMeili) await useMeili();
  let app: App;
  try {
    app = await createApp(loadConfig(base), { role: 'all' });
  } catch (err) {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    throw err;
  }
  const dispose = async () => {
    unregister();
    // The database, the engine and the data directory go even when closing the app fails
    // (a test that broke a service on purpose); the failure is still reported.
    try {
      await app.close();
    } finally {
      if (mode === 'services') await clearRedisPrefix(base.QUEUE_PREFIX!).catch(() => undefined);
      for (const c of cleanups.reverse()) await c().catch(() => undefined);
    }
  };
  const unregister = registerLiveApp(dataDir, dispose);
  return {
    app,
    env: base,
    /** The test database without the proxy (services mode). */
    directDatabaseUrl,
    /** The test's own Meilisearch (services mode, or `ownMeili`), to stop and restart. */
    meili,
    dispose,
  };
}

/** Deletes every Redis key under `prefix:` (a test's BullMQ queues and shared rate limits). */
export async function clearRedisPrefix(prefix: string) {
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await r.connect();
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await r.del(...keys);
  } while (cursor !== '0');
  await r.quit();
}

/** Polls until `fn` returns true, or throws with `what` after the timeout. */
export async function eventually(what: string, fn: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

/**
 * Whether PostgreSQL and Redis answer, for the service-mode variant of a suite
 * (locally false skips it; in CI an unreachable service fails the suite).
 */
export async function servicesAvailable(): Promise<boolean> {
  const pgOk = await serviceAvailable('PostgreSQL', async () => {
    const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  });
  const redisOk = await serviceAvailable('Redis', async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
    await r.connect();
    await r.ping();
    r.disconnect();
  });
  return pgOk && redisOk;
}
