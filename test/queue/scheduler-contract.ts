import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics, type Metrics } from '../../src/obs/metrics.js';
import { createScheduler, type PeriodicTask, type Scheduler } from '../../src/queue/scheduler.js';
import type { JobQueue } from '../../src/queue/types.js';
import { randomId } from '../helpers/env.js';

/** One adapter under test: `open()` is one more worker process on the same backend. */
export interface SchedulerHarness {
  open(): JobQueue;
  /** Whether several open() queues share one backend (BullMQ: same Redis and prefix). */
  shared: boolean;
}

const EVENTUALLY = { timeout: 15_000, interval: 20 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts runs and the most that were ever in progress at once, across all "processes". */
function probe(workMs = 0, fail = false) {
  const p = { runs: 0, active: 0, peak: 0, starts: [] as number[] };
  const run = async () => {
    p.runs += 1;
    p.active += 1;
    p.peak = Math.max(p.peak, p.active);
    p.starts.push(Date.now());
    try {
      if (workMs) await sleep(workMs);
      if (fail) throw new Error('sweep failed');
    } finally {
      p.active -= 1;
    }
  };
  return { p, run };
}

const value = async (m: Metrics, name: string, task: string) => {
  const metric = await m.registry.getSingleMetric(name)!.get();
  return metric.values
    .filter((v) => v.labels.task === task)
    .map((v) => ({ name: (v as { metricName?: string }).metricName ?? name, value: v.value }));
};

/** The Scheduler contract, run against each queue adapter. */
export function schedulerContract(name: string, h: SchedulerHarness, opts: { skip?: boolean } = {}) {
  describe.skipIf(opts.skip ?? false)(`Scheduler contract: ${name}`, () => {
    const open: { queue: JobQueue; scheduler: Scheduler }[] = [];
    const proc = (metrics?: Metrics) => {
      const queue = h.open();
      const scheduler = createScheduler({ queue, metrics, logger: { error: () => undefined } });
      open.push({ queue, scheduler });
      return scheduler;
    };
    const task = (run: () => Promise<void>, everyMs: number): PeriodicTask => ({
      name: randomId('task').toLowerCase().replace(/_/g, '-'),
      everyMs,
      run,
    });

    afterEach(async () => {
      for (const o of open.splice(0)) {
        await o.scheduler.stop(5000);
        await o.queue.close(5000);
      }
    });

    it('runs a task at start and then every interval', async () => {
      const s = proc();
      const { p, run } = probe();
      s.every(task(run, 150));
      await s.start();
      await vi.waitFor(() => expect(p.runs).toBeGreaterThanOrEqual(1), { timeout: 2000, interval: 10 });
      await vi.waitFor(() => expect(p.runs).toBeGreaterThanOrEqual(4), EVENTUALLY);
    });

    it('never starts a run while the previous run of the task is going (runs longer than the interval)', async () => {
      const s = proc();
      const { p, run } = probe(250);
      s.every(task(run, 50));
      await s.start();
      await vi.waitFor(() => expect(p.runs).toBeGreaterThanOrEqual(3), EVENTUALLY);
      expect(p.peak).toBe(1);
    });

    it('logs and counts a run that throws, keeps the schedule, and records last run and duration', async () => {
      const metrics = createMetrics();
      const s = proc(metrics);
      const { p, run } = probe(20, true);
      const t = task(run, 100);
      s.every(t);
      expect(await value(metrics, 'kopru_periodic_failures_total', t.name)).toEqual([
        { name: 'kopru_periodic_failures_total', value: 0 },
      ]);
      const before = Date.now() / 1000;
      await s.start();
      await vi.waitFor(() => expect(p.runs).toBeGreaterThanOrEqual(3), EVENTUALLY);
      await vi.waitFor(
        async () =>
          expect(
            (await value(metrics, 'kopru_periodic_failures_total', t.name))[0]!.value,
          ).toBeGreaterThanOrEqual(3),
        EVENTUALLY,
      );
      const [last] = await value(metrics, 'kopru_periodic_last_run_timestamp_seconds', t.name);
      expect(last!.value).toBeGreaterThanOrEqual(before);
      const duration = await value(metrics, 'kopru_periodic_duration_seconds', t.name);
      const count = duration.find((d) => d.name === 'kopru_periodic_duration_seconds_count')!.value;
      const sum = duration.find((d) => d.name === 'kopru_periodic_duration_seconds_sum')!.value;
      expect(count).toBeGreaterThanOrEqual(3);
      expect(sum / count).toBeGreaterThanOrEqual(0.015);
    });

    it('runs each task on its own: a slow task does not hold back another', async () => {
      const s = proc();
      const slow = probe(1500);
      const fast = probe();
      s.every(task(slow.run, 100));
      s.every(task(fast.run, 100));
      await s.start();
      await vi.waitFor(() => expect(fast.p.runs).toBeGreaterThanOrEqual(4), EVENTUALLY);
      expect(slow.p.runs).toBeLessThanOrEqual(2);
    });

    it('stop() waits for the run in progress and starts no more', async () => {
      const s = proc();
      const { p, run } = probe(300);
      s.every(task(run, 50));
      await s.start();
      await vi.waitFor(() => expect(p.active).toBe(1), EVENTUALLY);
      await s.stop(5000);
      expect(p.active).toBe(0);
      const after = p.runs;
      await sleep(400);
      expect(p.runs).toBe(after);
    });

    it('refuses a task registered twice, after start, or with a bad name', async () => {
      const s = proc();
      const t = task(async () => {}, 1000);
      s.every(t);
      expect(() => s.every({ ...t })).toThrow(/exists/);
      expect(() => s.every({ ...t, name: 'Not Kebab' })).toThrow(/kebab/);
      await s.start();
      expect(() => s.every(task(async () => {}, 1000))).toThrow(/after start/);
    });

    it.skipIf(!h.shared)(
      'runs each tick once across several worker processes, never two runs at once',
      async () => {
        const { p, run } = probe(30);
        const name = randomId('shared').toLowerCase().replace(/_/g, '-');
        const procs = [proc(), proc(), proc()];
        for (const s of procs) s.every({ name, everyMs: 200, run });
        const t0 = Date.now();
        await Promise.all(procs.map((s) => s.start()));
        await sleep(2000);
        const elapsed = Date.now() - t0;
        // One run per tick: never more than the ticks that fit, whatever the number of processes.
        expect(p.runs).toBeGreaterThanOrEqual(5);
        expect(p.runs).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
        expect(p.peak).toBe(1);
      },
    );

    it.skipIf(!h.shared)(
      'never overlaps runs across processes when a run outlasts the interval',
      async () => {
        const { p, run } = probe(300);
        const name = randomId('slow').toLowerCase().replace(/_/g, '-');
        const procs = [proc(), proc()];
        for (const s of procs) s.every({ name, everyMs: 50, run });
        await Promise.all(procs.map((s) => s.start()));
        await vi.waitFor(() => expect(p.runs).toBeGreaterThanOrEqual(4), EVENTUALLY);
        expect(p.peak).toBe(1);
        for (let i = 1; i < p.starts.length; i++)
          expect(p.starts[i]! - p.starts[i - 1]!).toBeGreaterThanOrEqual(290);
      },
    );
  });
}
