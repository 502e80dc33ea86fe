import { z } from 'zod';
import type { Logger } from '../../obs/logger.js';
import type { JobDefinition, JobQueue } from '../../queue/types.js';
import type { FeedSourceStore } from '../../store/feed-source-store.js';
import { pollFeedJob } from './poll-feed-job.js';

/** The scheduler's own tick, repeated by the queue (a BullMQ job scheduler in service mode). */
export const feedTickJob: JobDefinition<Record<string, never>> = {
  name: 'feed-tick',
  schema: z.object({}).strict() as z.ZodType<Record<string, never>>,
  attempts: 1,
};

/**
 * Turns the sources table into poll-feed jobs: every tick, feeds due before
 * the next tick are enqueued with a delay up to their planned time. The job id
 * names the planned run, so ticks of several worker processes (service mode)
 * collapse into one job, and the handler's claim runs it once even if not.
 * The schedule lives in Postgres, so it survives restarts in both modes.
 */
export function createFeedScheduler(deps: {
  sources: Pick<FeedSourceStore, 'due'>;
  queue: Pick<JobQueue, 'enqueueMany' | 'repeat' | 'process'>;
  logger?: Pick<Logger, 'warn'>;
  tickMs?: number;
  now?: () => number;
}) {
  const tickMs = deps.tickMs ?? 15_000;
  const now = deps.now ?? Date.now;
  const queue = deps.queue;

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
    /**
     * Ticks every `tickMs` through the queue: one BullMQ job scheduler shared by all
     * workers in service mode (each tick runs on one of them), a timer in embedded mode.
     */
    async start() {
      queue.process(
        feedTickJob,
        async () => {
          await tick().catch((err) => {
            deps.logger?.warn({ err: (err as Error).message }, 'feed scheduler tick failed');
          });
        },
        { concurrency: 1 },
      );
      await queue.repeat(feedTickJob, 'feed-scheduler', tickMs, {});
    },
  };
}
