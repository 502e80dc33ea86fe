import { z } from 'zod';
import type { Metrics } from '../obs/metrics.js';
import type { JobHandler } from '../queue/types.js';
import { createBatcher } from './batcher.js';

/** Payload of the per-item pipeline jobs ("tag", "index"). */
export const itemJobSchema = z.object({
  itemId: z.string().min(1).max(100),
  enqueuedAt: z.number().optional(),
});
export type ItemJobPayload = z.infer<typeof itemJobSchema>;

/**
 * A pipeline stage over items: jobs are collected into batches by count and
 * time, each batch runs once over its distinct item ids, and the stage latency
 * (enqueue to done) and the jobs done or failed are recorded. A job resolves or fails with its batch.
 */
export function createItemStage(opts: {
  stage: string;
  batchSize: number;
  batchMs: number;
  metrics?: Pick<Metrics, 'stageLatency' | 'jobsProcessed'>;
  run: (ids: string[]) => Promise<void>;
}) {
  const batcher = createBatcher<ItemJobPayload>({
    maxSize: opts.batchSize,
    maxWaitMs: opts.batchMs,
    run: async (jobs) => {
      try {
        await opts.run([...new Set(jobs.map((j) => j.itemId))]);
      } catch (err) {
        opts.metrics?.jobsProcessed.inc({ queue: opts.stage, outcome: 'failed' }, jobs.length);
        throw err;
      }
      opts.metrics?.jobsProcessed.inc({ queue: opts.stage, outcome: 'done' }, jobs.length);
      const now = Date.now();
      for (const j of jobs) {
        if (j.enqueuedAt)
          opts.metrics?.stageLatency.observe({ stage: opts.stage }, (now - j.enqueuedAt) / 1000);
      }
    },
  });
  const handler: JobHandler<ItemJobPayload> = (payload) => batcher.add(payload);
  return { handler, drain: () => batcher.drain() };
}
