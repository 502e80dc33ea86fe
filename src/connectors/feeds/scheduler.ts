import type { PeriodicTask } from '../../queue/scheduler.js';
import type { JobQueue } from '../../queue/types.js';
import type { FeedSourceStore } from '../../store/feed-source-store.js';
import { pollFeedJob } from './poll-feed-job.js';

/**
 * Turns the sources table into poll-feed jobs: every tick, feeds due before
 * the next tick are enqueued with a delay up to their planned time. The job id
 * names the planned run, so ticks of several worker processes (service mode)
 * collapse into one job, and the handler's claim runs it once even if not.
 * The schedule lives in Postgres, so it survives restarts in both modes.
 */
export function createFeedScheduler(deps: {
  sources: Pick<FeedSourceStore, 'due'>;
  queue: Pick<JobQueue, 'enqueueMany'>;
  tickMs?: number;
  now?: () => number;
}) {
  const tickMs = deps.tickMs ?? 15_000;
  const now = deps.now ?? Date.now;

  async function tick(): Promise<number> {
    const t = now();
    const due = await deps.sources.due(new Date(t + tickMs));
    await deps.queue.enqueueMany(
      pollFeedJob,
      due.map((s) => {
        const at = s.nextRunAt ? Date.parse(s.nextRunAt) : t;
        return {
          payload: { sourceId: s.id, due: s.nextRunAt },
          opts: { jobId: `poll-feed-${s.id}-${s.nextRunAt ? at : 'new'}`, delayMs: Math.max(0, at - t) },
        };
      }),
    );
    return due.length;
  }

  return {
    /** One scheduling pass; returns how many feeds were enqueued. */
    tick,
    /** The tick as a periodic task for the one scheduler (each tick once across workers). */
    task: { name: 'feed-tick', everyMs: tickMs, run: tick } satisfies PeriodicTask,
  };
}
