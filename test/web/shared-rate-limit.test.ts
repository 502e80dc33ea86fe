/**
 * Rate limits in service mode (issue 14, item 13): the login limiter, the portal API limit and the
 * intake limits count through Redis, so N web processes together allow N requests, not N × processes.
 * When Redis does not answer, each process counts on its own (logged once), and every request is
 * still answered. The outage uses a redis-server of this test's own; the shared one is never touched.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { RateLimits } from '../../src/web/auth/rate-limit.js';
import { createRedisRateLimits } from '../../src/web/auth/redis-rate-limit.js';
import { rateLimitPerMinute } from '../../src/web/middleware/rate-limit.js';
import { createTestApp, servicesAvailable } from '../helpers/app.js';
import { inCI, randomId } from '../helpers/env.js';
import { freePort } from '../helpers/process.js';

const ORIGIN = 'http://127.0.0.1';
const available = await servicesAvailable();
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) {
  if (inCI) throw new Error('redis-server is required in CI for the rate-limit outage test');
  console.warn('[test] redis-server not on PATH, skipping the rate-limit outage test');
}

/** A redis-server of this test's own, answering on `port`. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  await vi.waitFor(
    async () => {
      if (probe.status !== 'ready') await probe.connect().catch(() => undefined);
      expect(await probe.ping()).toBe('PONG');
    },
    { timeout: 10_000, interval: 50 },
  );
  probe.disconnect();
  return child;
}

const stopRedis = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

const login = (app: App, email: string, from: string) =>
  app.web.request(`${ORIGIN}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password: 'not-the-password' }),
    headers: { origin: ORIGIN, accept: 'text/html', 'x-forwarded-for': from },
    redirect: 'manual',
  });
const portalApi = (app: App, from: string) =>
  app.web.request(`${ORIGIN}/api/v1/responses`, { headers: { 'x-forwarded-for': from } });

describe.skipIf(!available)('rate limits shared by two web processes (service mode)', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let second: App | undefined;
  /** The two web processes, taking turns. */
  const web = (i: number) => (i % 2 === 0 ? t.app : second!);

  beforeAll(async () => {
    t = await createTestApp('services', { PORTAL_API_RATE_PER_MIN: '5', TRUST_PROXY: '1' });
    // Another web process over the same PostgreSQL, Redis prefix and Meilisearch.
    second = await createApp(loadConfig(t.env), { role: 'web' });
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await t?.dispose();
  });

  it('the portal API allows N requests per minute across both processes, not N each', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await portalApi(web(i), '203.0.113.10')).status);
    expect(statuses).toEqual([...Array(5).fill(200), ...Array(7).fill(429)]);
    // Another client has its own count.
    expect((await portalApi(second!, '203.0.113.11')).status).toBe(200);
  });

  it('the login limiter counts failed attempts across both processes', async () => {
    // 20 failed logins per 15 minutes and address (or e-mail address): 10 on each process.
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push((await login(web(i), `nobody${i}@roles.test`, '203.0.113.20')).status);
    expect(statuses).toEqual([...Array(20).fill(401), 429, 429]);
  }, 60_000);

  it.skipIf(!hasRedisServer)(
    'with its Redis gone, a web process still answers logins and API calls, counting on its own',
    async () => {
      const port = await freePort();
      let redis: ChildProcess | undefined = await startRedis(port);
      const own = await createApp(
        loadConfig({ ...t.env, REDIS_URL: `redis://127.0.0.1:${port}`, SHUTDOWN_TIMEOUT_MS: '1000' }),
        { role: 'web' },
      );
      try {
        expect((await portalApi(own, '203.0.113.30')).status).toBe(200);
        await stopRedis(redis);
        redis = undefined;
        const api: number[] = [];
        for (let i = 0; i < 6; i++) api.push((await portalApi(own, '203.0.113.31')).status);
        // The per-process limit: 5 answered, then 429; never a 500.
        expect(api).toEqual([...Array(5).fill(200), 429]);
        const logins: number[] = [];
        for (let i = 0; i < 3; i++)
          logins.push((await login(own, 'nobody@roles.test', '203.0.113.32')).status);
        expect(logins).toEqual([401, 401, 401]);
      } finally {
        await own.close();
        await stopRedis(redis);
      }
    },
    60_000,
  );
});

describe.skipIf(!hasRedisServer)('shared rate limits on a Redis of our own', () => {
  let port = 0;
  let redis: ChildProcess | undefined;
  const prefix = randomId('kt');
  const logs = () => ({ warn: vi.fn(), info: vi.fn() });
  const made: RateLimits[] = [];
  const limitsFor = (logger: ReturnType<typeof logs>, commandTimeoutMs?: number) => {
    const l = createRedisRateLimits({ url: `redis://127.0.0.1:${port}`, prefix, logger, commandTimeoutMs });
    made.push(l);
    return l;
  };
  /** A web process's limited route, over `limits`. */
  const appOver = (limits: RateLimits) => {
    const app = new Hono();
    app.use(rateLimitPerMinute({ perMinute: 3, limits, name: 'api' }));
    app.get('/x', (c) => c.text('ok'));
    return (from: string) => app.request('/x', { headers: { 'x-forwarded-for': from } });
  };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
  });
  afterAll(async () => {
    for (const l of made) await l.close();
    await stopRedis(redis);
  });

  it('two processes share one count; Redis down: each answers by its own count and logs it once; back: shared again', async () => {
    const la = logs();
    const lb = logs();
    const a = appOver(limitsFor(la));
    const b = appOver(limitsFor(lb));
    const shared: number[] = [];
    for (let i = 0; i < 8; i++) shared.push((await (i % 2 ? b : a)('198.51.100.1')).status);
    expect(shared).toEqual([200, 200, 200, 429, 429, 429, 429, 429]);
    // The counter is one key under the test's prefix, the address hashed (no personal data in Redis).
    const probe = new Redis(port, '127.0.0.1');
    const keys = await probe.keys(`${prefix}:ratelimit:api:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('198.51.100.1');
    expect(await probe.pttl(keys[0]!)).toBeGreaterThan(0);
    probe.disconnect();

    await stopRedis(redis);
    redis = undefined;
    const down: number[] = [];
    for (let i = 0; i < 5; i++) down.push((await a('198.51.100.2')).status);
    expect(down).toEqual([200, 200, 200, 429, 429]);
    expect((await b('198.51.100.2')).status).toBe(200);
    expect(la.warn).toHaveBeenCalledTimes(1);
    expect(lb.warn).toHaveBeenCalledTimes(1);
    expect(String(la.warn.mock.calls[0]?.[1])).toMatch(/Redis does not answer/);

    redis = await startRedis(port);
    // ioredis reconnects on its own; once it has, the counts are shared again (a fresh Redis: empty).
    await vi.waitFor(
      async () => {
        await a('198.51.100.3');
        expect(la.info).toHaveBeenCalledTimes(1);
      },
      { timeout: 20_000, interval: 200 },
    );
    const back = new Redis(port, '127.0.0.1');
    expect(await back.keys(`${prefix}:ratelimit:api:*`)).toHaveLength(1);
    back.disconnect();
    expect(la.warn).toHaveBeenCalledTimes(1);
  }, 60_000);

  it('a hung Redis (stopped, connection open) is given up after the command timeout: requests are answered', async () => {
    const l = logs();
    const limits = limitsFor(l, 300);
    const a = appOver(limits);
    expect((await a('198.51.100.4')).status).toBe(200);
    redis!.kill('SIGSTOP');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await a('198.51.100.5')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(l.warn).toHaveBeenCalledTimes(1);
      // The login limiter's other calls fall back the same way.
      const login = limits.limiter('login', { max: 2, windowMs: 60_000 });
      await expect(login.over('x')).resolves.toBe(false);
      await expect(login.reset('x')).resolves.toBeUndefined();
    } finally {
      redis!.kill('SIGCONT');
    }
  }, 30_000);
});
