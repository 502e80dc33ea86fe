import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { PeriodicTask } from '../queue/scheduler.js';
import type { JobQueue } from '../queue/types.js';
import type { createItemStore } from '../store/index.js';
import { indexJob } from './index-job.js';
import { itemJobs } from './item-stage.js';
import { tagJob } from './tag-job.js';

type Items = Pick<ReturnType<typeof createItemStore>, 'findStuck' | 'touch'>;

/**
 * The reconciler: finds items whose stage has not advanced within `stuckAfterMs`
 * (a crash between store and enqueue, a lost job, a dead worker) and enqueues
 * them again. Every stage is idempotent, so a spurious re-enqueue is harmless.
 */
export function createReconciler(deps: {
  items: Items;
  queue: Pick<JobQueue, 'enqueueMany'>;
  stuckAfterMs: number;
  batch?: number;
  /**
   * Most items re-enqueued per stage in one pass. A pass takes batch after batch until
   * no stuck item is left or this cap is reached, so a backlog is recovered at pipeline
   * speed (one batch per 30-s pass took 50 minutes per 100,000 items); the cap keeps a
   * pass from queueing more than the workers finish before the items count as stuck again.
   */
  maxPerPass?: number;
  metrics?: Pick<Metrics, 'reconciled'>;
  logger?: Pick<Logger, 'info'>;
}) {
  const batch = deps.batch ?? 1000;
  const maxPerPass = Math.max(batch, deps.maxPerPass ?? 20_000);
  const plan = [
    // A tag job is named by its first id and size, so the same stuck batch found again while its
    // job still waits in a long backlog is not queued twice (the stages are idempotent anyway).
    { stage: 'received' as const, job: tagJob, jobId: (first: string, n: number) => `tag-r-${first}-${n}` },
    {
      stage: 'tagged' as const,
      job: indexJob,
      jobId: (first: string, n: number, now: number) => `index-${first}-r${now}-${n}`,
    },
  ];

  /**
   * One pass over every stage; returns how many items were re-enqueued. With `before` (epoch
   * ms), every item whose stage last changed before that instant counts as stuck, whatever its
   * age: at the start of an in-process queue, which begins empty, so nothing before it can still
   * be queued. Re-enqueued items are touched, so they leave that set and the pass ends.
   */
  async function runOnce(opts: { before?: number } = {}): Promise<number> {
    const olderThanMs = () =>
      opts.before === undefined ? deps.stuckAfterMs : Math.max(0, Date.now() - opts.before);
    let total = 0;
    for (const { stage, job, jobId } of plan) {
      let done = 0;
      while (done < maxPerPass) {
        // Touched items leave the stuck set, so each batch is new.
        const ids = await deps.items.findStuck(stage, olderThanMs(), Math.min(batch, maxPerPass - done));
        if (ids.length === 0) break;
        const now = Date.now();
        await deps.queue.enqueueMany(
          job,
          itemJobs(ids, now, (first, n) => jobId(first, n, now)),
        );
        await deps.items.touch(ids);
        deps.metrics?.reconciled.inc({ stage }, ids.length);
        done += ids.length;
        if (ids.length < batch) break;
      }
      if (done > 0) deps.logger?.info({ stage, count: done }, 'reconciler re-enqueued stuck items');
      total += done;
    }
    return total;
  }

  return {
    runOnce,
    /** Re-enqueues everything left in a stage before `before`, pass after pass until none is left. */
    async recoverAll(before: number): Promise<number> {
      let total = 0;
      for (let n = await runOnce({ before }); n > 0; n = await runOnce({ before })) total += n;
      return total;
    },
    /** The reconciler as a periodic task for the one scheduler. */
    task: (everyMs: number): PeriodicTask => ({ name: 'reconciler', everyMs, run: runOnce }),
  };
}
