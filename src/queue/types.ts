import type { z } from 'zod';

/** A job kind: its name, payload schema and retry policy. One file per job defines one of these. */
export interface JobDefinition<P> {
  name: string;
  schema: z.ZodType<P>;
  /** Total attempts including the first (default 5). */
  attempts?: number;
  /** Base delay of the exponential backoff in ms (default 1000): delay = base * 2^(attempt-1). */
  backoffMs?: number;
  /**
   * The longest delay between two tries (ms; default none). A stage whose failures
   * come from an outage sets it, so its work resumes soon after the service returns
   * instead of sleeping out a doubling delay.
   */
  backoffMaxMs?: number;
  /**
   * At most one job of this kind runs at a time across all processes (BullMQ global
   * concurrency 1; one handler at a time in the in-process queue). Periodic tasks use it
   * so that a run never overlaps the previous one.
   */
  exclusive?: boolean;
}

export interface JobContext {
  id: string;
  /** 1 on the first run. */
  attempt: number;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

export interface FailedJob {
  id: string;
  name: string;
  payload: unknown;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface EnqueueOptions {
  /** Deduplicates: a job with the same id that is still waiting/active/delayed is not added again. */
  jobId?: string;
  delayMs?: number;
}

/**
 * The JobQueue port. Payloads are validated with the definition's schema on
 * enqueue (ValidationError, nothing queued) and on receipt (the job fails at
 * once, without retry). Handlers that throw are retried with exponential backoff
 * up to `attempts`, then kept in the failed (dead-letter) view.
 */
export interface JobQueue {
  readonly kind: 'bullmq' | 'memory';
  enqueue<P>(def: JobDefinition<P>, payload: P, opts?: EnqueueOptions): Promise<void>;
  enqueueMany<P>(def: JobDefinition<P>, items: { payload: P; opts?: EnqueueOptions }[]): Promise<void>;
  /**
   * Enqueues `payload` now and every `everyMs` under the schedule `id`, once across all
   * processes: a BullMQ job scheduler in Redis (upserted, so every worker may call it;
   * it outlives the process, and the adapter re-creates it when Redis comes back
   * without it), a timer in the in-process queue. Runs need a `process()`r. Periodic
   * work goes through the Scheduler (scheduler.ts), which builds on this.
   */
  repeat<P>(def: JobDefinition<P>, id: string, everyMs: number, payload: P): Promise<void>;
  /** Starts consuming jobs of this kind in this process. */
  process<P>(def: JobDefinition<P>, handler: JobHandler<P>, opts?: { concurrency?: number }): void;
  counts(name: string): Promise<QueueCounts>;
  failed(name: string, limit?: number): Promise<FailedJob[]>;
  /** Moves failed jobs back to waiting; returns how many. */
  retryFailed(name: string): Promise<number>;
  ping(): Promise<void>;
  /** Graceful: stops taking jobs, waits for running handlers (up to timeoutMs), closes connections. */
  close(timeoutMs?: number): Promise<void>;
}
