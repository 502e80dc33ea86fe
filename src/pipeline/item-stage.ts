import { z } from 'zod';
import type { Metrics } from '../obs/metrics.js';
import type { JobHandler } from '../queue/types.js';
import { createBatcher } from './batcher.js';

const itemIdSchema = z.string().min(1).max(100);

/** The most item ids one pipeline job carries. */
export const MAX_IDS_PER_JOB = 1000;

/**
 * Payload of the pipeline jobs ("tag", "index"): a batch of item ids (`itemIds`,
 * what producers send: one queue job per batch, not per item), or one item
 * (`itemId`, the form of jobs queued by earlier versions, still accepted).
 */
export const itemJobSchema = z
  .object({
    itemId: itemIdSchema.optional(),
    itemIds: z.array(itemIdSchema).min(1).max(MAX_IDS_PER_JOB).optional(),
    /** The approximate size of each item of `itemIds` (characters), where the producer knew it. */
    sizes: z.array(z.number().int().min(0)).max(MAX_IDS_PER_JOB).optional(),
    enqueuedAt: z.number().optional(),
  })
  .refine((p) => (p.itemId === undefined) !== (p.itemIds === undefined), {
    message: 'exactly one of itemId and itemIds',
  })
  .refine((p) => p.sizes === undefined || p.sizes.length === p.itemIds?.length, {
    message: 'sizes must have one entry per item of itemIds',
  });
export type ItemJobPayload = z.infer<typeof itemJobSchema>;

/** The ids of a job, whichever form it has. */
export const jobItemIds = (p: ItemJobPayload): string[] => p.itemIds ?? (p.itemId ? [p.itemId] : []);

/**
 * Queue entries for `ids`, at most MAX_IDS_PER_JOB a job; `jobId` names each
 * chunk from its first id (a chunk queued again under the same name while the
 * first is waiting is dropped by the queue's deduplication).
 */
export function itemJobs(
  ids: string[],
  enqueuedAt: number,
  jobId: (firstId: string, size: number) => string,
  /** Each item's approximate size (characters), aligned with `ids`, so the next stage can batch by size. */
  sizes?: number[],
): { payload: ItemJobPayload; opts: { jobId: string } }[] {
  const out: { payload: ItemJobPayload; opts: { jobId: string } }[] = [];
  for (let i = 0; i < ids.length; i += MAX_IDS_PER_JOB) {
    const chunk = ids.slice(i, i + MAX_IDS_PER_JOB);
    const payload: ItemJobPayload = { itemIds: chunk, enqueuedAt };
    if (sizes) payload.sizes = sizes.slice(i, i + MAX_IDS_PER_JOB);
    out.push({ payload, opts: { jobId: jobId(chunk[0]!, chunk.length) } });
  }
  return out;
}

/** The weight of an item whose size the job does not carry (queued by the reconciler or an earlier version). */
export const UNKNOWN_ITEM_SIZE = 2000;

/**
 * A pipeline stage over items: the items of its jobs are collected into batches
 * by count and time, each batch runs once over its distinct item ids, and the
 * stage latency (enqueue to done) and the items done or failed are recorded. A
 * job resolves when the batches holding its items are done, and fails (to be
 * retried whole: the stages are idempotent) if any of them failed.
 */
export function createItemStage(opts: {
  stage: string;
  batchSize: number;
  batchMs: number;
  /** The wait when no batch of this stage is in flight (default `batchMs`; see createBatcher). */
  lingerMs?: number;
  metrics?: Pick<Metrics, 'stageLatency' | 'jobsProcessed'>;
  /**
   * Batches are also closed at this total size (the jobs' `sizes`, characters; an item of
   * unknown size counts as UNKNOWN_ITEM_SIZE), so a batch of long texts stays bounded in memory.
   */
  maxBatchChars?: number;
  /** The most batches of this stage run at once (default: as many as the jobs in progress make). */
  maxInFlight?: number;
  run: (ids: string[]) => Promise<void>;
}) {
  const batcher = createBatcher<{ itemId: string; enqueuedAt?: number; size?: number }>({
    maxSize: opts.batchSize,
    maxWaitMs: opts.batchMs,
    lingerMs: opts.lingerMs,
    weigh: (j) => j.size ?? UNKNOWN_ITEM_SIZE,
    maxWeight: opts.maxBatchChars,
    maxInFlight: opts.maxInFlight,
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
  const handler: JobHandler<ItemJobPayload> = async (payload) => {
    const results = await Promise.allSettled(
      jobItemIds(payload).map((itemId, k) =>
        batcher.add({ itemId, enqueuedAt: payload.enqueuedAt, size: payload.sizes?.[k] }),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return { handler, drain: () => batcher.drain() };
}
