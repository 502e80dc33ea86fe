import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, type Mode, servicesAvailable } from '../helpers/app.js';

const TASKS = [
  'reconciler',
  'feed-tick',
  'retention',
  'embargo-publish',
  'webhook-retry',
  'deadline-sweep',
  'surge-detection',
  'notifications-prune',
] as const;

/** Every periodic job of the app runs through the one scheduler: it runs at start and is measured. */
for (const mode of ['embedded', 'services'] as Mode[])
  describe(`periodic tasks of the app (${mode})`, () => {
    let t: Awaited<ReturnType<typeof createTestApp>> | undefined;

    beforeAll(async () => {
      if (mode === 'services' && !(await servicesAvailable())) return;
      t = await createTestApp(mode);
      await t.app.startWorkers();
    }, 120_000);
    afterAll(async () => {
      await t?.dispose();
    });

    it('runs each of them once at start and exports last run, duration and failures', async (c) => {
      if (!t) return c.skip();
      const { registry } = t.app.metrics;
      const ran = async () => {
        const m = await registry.getSingleMetric('kopru_periodic_last_run_timestamp_seconds')!.get();
        return new Set(m.values.map((v) => String(v.labels.task)));
      };
      await eventually('every task ran once', async () => (await ran()).size >= TASKS.length, 60_000);
      expect([...(await ran())].sort()).toEqual([...TASKS].sort());
      const text = await registry.metrics();
      for (const task of TASKS) {
        expect(text).toContain(`kopru_periodic_failures_total{task="${task}"} 0`);
        expect(text).toMatch(new RegExp(`kopru_periodic_duration_seconds_count\\{task="${task}"\\} [1-9]`));
      }
    });

    it.runIf(mode === 'services')('keeps one job scheduler per task in Redis', async (c) => {
      if (!t) return c.skip();
      const { Queue } = await import('bullmq');
      const { Redis } = await import('ioredis');
      const conn = new Redis(t.env.REDIS_URL!, { maxRetriesPerRequest: null });
      try {
        for (const task of TASKS) {
          const q = new Queue(`periodic-${task}`, { connection: conn, prefix: t.env.QUEUE_PREFIX });
          expect(await q.getJobScheduler(task), task).toBeTruthy();
          expect(await q.getGlobalConcurrency()).toBe(1);
          await q.close();
        }
      } finally {
        conn.disconnect();
      }
    });
  });
