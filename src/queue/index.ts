import { createBullmqQueue } from './bullmq-queue.js';
import { createMemoryQueue } from './memory-queue.js';
import type { JobQueue } from './types.js';

export { type BullmqQueueOptions, createBullmqQueue } from './bullmq-queue.js';
export { createMemoryQueue, type MemoryJobQueue } from './memory-queue.js';
export { createScheduler, type PeriodicTask, periodicJob, type Scheduler } from './scheduler.js';
export { onShutdown, type ShutdownOptions } from './signals.js';
export type * from './types.js';

/**
 * Picks the adapter from configuration: BullMQ when a Redis URL is configured
 * (an unreachable Redis is then an error, never a fall-back), else in-process.
 */
export function createQueue(cfg: { redisUrl?: string; prefix: string; defaultAttempts?: number }): JobQueue {
  if (cfg.redisUrl) {
    return createBullmqQueue({ url: cfg.redisUrl, prefix: cfg.prefix, defaultAttempts: cfg.defaultAttempts });
  }
  return createMemoryQueue({ defaultAttempts: cfg.defaultAttempts });
}
