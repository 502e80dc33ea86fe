import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBullmqQueue } from '../../src/queue/bullmq-queue.js';
import { createScheduler, periodicJob, type Scheduler } from '../../src/queue/scheduler.js';
import type { JobQueue } from '../../src/queue/types.js';
import { freePort } from '../helpers/process.js';

// A Redis of our own: this test wipes and restarts it, which the shared one must never see.
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!hasRedisServer) console.warn('[test] redis-server not on PATH, skipping the scheduler recovery test');

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

const stopRedis = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe.skipIf(!hasRedisServer)('scheduler after Redis loses its data', () => {
  let port = 0;
  let redis: ChildProcess | undefined;
  const procs: { queue: JobQueue; scheduler: Scheduler }[] = [];
  let runs = 0;
  const task = {
    name: 'feed-tick-test',
    everyMs: 200,
    run: async () => {
      runs += 1;
    },
  };
  const url = () => `redis://127.0.0.1:${port}`;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    for (let i = 0; i < 2; i++) {
      // Short op timeout and check interval so the test does not wait for production defaults.
      const queue = createBullmqQueue({
        url: url(),
        prefix: 'recovery',
        opTimeoutMs: 2000,
        scheduleCheckMs: 300,
        onError: () => undefined,
      });
      const scheduler = createScheduler({ queue });
      scheduler.every(task);
      await scheduler.start();
      procs.push({ queue, scheduler });
    }
  }, 30_000);

  afterAll(async () => {
    for (const p of procs) {
      await p.scheduler.stop(2000);
      await p.queue.close(2000);
    }
    if (redis) await stopRedis(redis);
  });

  const resumes = async () => {
    const from = runs;
    await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(from + 3), { timeout: 20_000, interval: 50 });
  };

  const exclusiveAgain = async () => {
    const conn = new Redis(url(), { maxRetriesPerRequest: null });
    const q = new Queue(periodicJob(task.name).name, { connection: conn, prefix: 'recovery' });
    await vi.waitFor(async () => expect(await q.getGlobalConcurrency()).toBe(1), {
      timeout: 10_000,
      interval: 50,
    });
    await q.close();
    conn.disconnect();
  };

  it('ticks before anything goes wrong', async () => {
    await resumes();
  });

  it('re-creates its job scheduler and the overlap guard after FLUSHALL (connection kept)', async () => {
    const admin = new Redis(url());
    await admin.flushall();
    admin.disconnect();
    await resumes();
    await exclusiveAgain();
  }, 30_000);

  it('re-creates them after Redis restarts empty (reconnect)', async () => {
    await stopRedis(redis!);
    redis = await startRedis(port);
    await resumes();
    await exclusiveAgain();
  }, 40_000);
});
