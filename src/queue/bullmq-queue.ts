import { type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { UnavailableError } from '../domain/errors.js';
import { createScheduleKeeper } from './bullmq-schedules.js';
import {
  backoffDelay,
  CAPPED_BACKOFF,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  parseForEnqueue,
  parseOnReceipt,
} from './payload.js';
import { closeWithin, createRedisConnections, type RedisConnections } from './redis-connections.js';
import type { EnqueueOptions, FailedJob, JobDefinition, JobQueue, QueueCounts } from './types.js';

/** Options of the BullMQ adapter. */
export interface BullmqQueueOptions {
  url: string;
  /** Namespaces every Redis key, so several deployments or test runs can share one Redis. */
  prefix: string;
  defaultAttempts?: number;
  /** Upper bound for producer calls (enqueue, counts, …) while Redis is unreachable (default 10 s). */
  opTimeoutMs?: number;
  /** Connection and worker errors; they are also reported by ping(). */
  onError?: (err: Error) => void;
  /** How often job schedulers and exclusive queues are checked and re-created if Redis lost them (default 10 s). */
  scheduleCheckMs?: number;
}

const KEEP_COMPLETED = 1000;
const KEEP_FAILED = 10_000;

/**
 * JobQueue on BullMQ/Redis: one Queue per job name (created on first use), one
 * Worker per process() call. Dedupe uses BullMQ deduplication rather than a
 * fixed jobId, so an id is free again once its job completed or failed (a
 * kept completed job would otherwise block re-enqueueing forever).
 */
export function createBullmqQueue(opts: BullmqQueueOptions): JobQueue {
  const redis: RedisConnections = createRedisConnections(opts.url, opts.onError);
  const opTimeoutMs = opts.opTimeoutMs ?? 10_000;
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  let closed = false;

  const queueFor = (name: string): Queue => {
    if (closed) throw new UnavailableError('redis', 'the queue is closed');
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: redis.command, prefix: opts.prefix });
      q.on('error', redis.report);
      queues.set(name, q);
    }
    return q;
  };

  const guarded = <T>(what: string, fn: () => Promise<T>): Promise<T> => redis.guard(what, opTimeoutMs, fn);
  const keeper = createScheduleKeeper({
    queueFor,
    guard: guarded,
    report: redis.report,
    checkMs: opts.scheduleCheckMs,
  });
  // A reconnect may find a Redis that restarted empty: schedules and queue settings are gone.
  redis.command.on('ready', () => void keeper.check());

  const jobOptions = (def: JobDefinition<unknown>, o: EnqueueOptions = {}): JobsOptions => ({
    attempts: Math.max(1, def.attempts ?? opts.defaultAttempts ?? DEFAULT_ATTEMPTS),
    backoff: {
      type: def.backoffMaxMs ? CAPPED_BACKOFF : 'exponential',
      delay: def.backoffMs ?? DEFAULT_BACKOFF_MS,
    },
    delay: o.delayMs,
    deduplication: o.jobId === undefined ? undefined : { id: o.jobId },
    removeOnComplete: { count: KEEP_COMPLETED },
    removeOnFail: { count: KEEP_FAILED },
  });

  return {
    kind: 'bullmq',
    async enqueue(def, payload, o) {
      const data = parseForEnqueue(def, payload);
      const q = queueFor(def.name);
      await guarded(`enqueue ${def.name}`, () =>
        q.add(def.name, data, jobOptions(def as JobDefinition<unknown>, o)),
      );
    },
    async enqueueMany(def, items) {
      if (items.length === 0) return;
      const jobs = items.map((it) => ({
        name: def.name,
        data: parseForEnqueue(def, it.payload),
        opts: jobOptions(def as JobDefinition<unknown>, it.opts),
      }));
      const q = queueFor(def.name);
      await guarded(`enqueue ${def.name}`, () => q.addBulk(jobs));
    },
    async repeat(def, id, everyMs, payload) {
      const data = parseForEnqueue(def, payload);
      const { deduplication: _none, delay: _now, ...o } = jobOptions(def as JobDefinition<unknown>);
      if (closed) throw new UnavailableError('redis', 'the queue is closed');
      await keeper.schedule({ queue: def.name, id, everyMs, template: { name: def.name, data, opts: o } });
    },
    process(def, handler, o = {}) {
      if (closed) throw new UnavailableError('redis', 'the queue is closed');
      const worker = new Worker(
        def.name,
        async (job) => {
          const parsed = parseOnReceipt(def, job.data);
          if (!parsed.ok) throw new UnrecoverableError(parsed.message);
          await handler(parsed.data, { id: job.id ?? '', attempt: job.attemptsMade + 1 });
        },
        {
          connection: redis.worker(),
          prefix: opts.prefix,
          concurrency: def.exclusive ? 1 : Math.max(1, o.concurrency ?? 1),
          // BullMQ sleeps this long (default 15 s, not abortable by close()) after a
          // connection error; shorter means faster recovery and a prompt exit.
          runRetryDelay: 2000,
          // Jobs of a kind with a delay cap carry CAPPED_BACKOFF; the built-in types never reach here.
          settings: {
            backoffStrategy: (attemptsMade, _type, _err, job) =>
              backoffDelay(
                (job?.opts.backoff as { delay?: number } | undefined)?.delay ??
                  def.backoffMs ??
                  DEFAULT_BACKOFF_MS,
                attemptsMade,
                def.backoffMaxMs,
              ),
          },
        },
      );
      worker.on('error', redis.report);
      workers.push(worker);
      if (def.exclusive) keeper.exclusive(def.name).catch(redis.report);
    },
    async counts(name): Promise<QueueCounts> {
      const q = queueFor(name);
      const c = await guarded(`counts ${name}`, () =>
        q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
      );
      return {
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        completed: c.completed ?? 0,
      };
    },
    async failed(name, limit = 100): Promise<FailedJob[]> {
      const q = queueFor(name);
      const jobs = await guarded(`failed ${name}`, () => q.getFailed(0, Math.max(1, limit) - 1));
      return jobs.map((j) => ({
        id: j.id ?? '',
        name: j.name,
        payload: j.data,
        error: j.failedReason ?? '',
        attempts: j.attemptsMade,
        failedAt: new Date(j.finishedOn ?? j.timestamp).toISOString(),
      }));
    },
    async retryFailed(name) {
      const q = queueFor(name);
      return guarded(`retryFailed ${name}`, async () => {
        const seen = new Set<string>();
        let moved = 0;
        for (;;) {
          const batch = (await q.getFailed(0, 499)).filter((j) => j.id && !seen.has(j.id));
          if (batch.length === 0) return moved;
          for (const job of batch) {
            seen.add(job.id!);
            // A retried dead letter gets its full attempts again, as in the memory adapter.
            const ok = await job
              .retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true })
              .then(
                () => true,
                () => false, // removed or picked up meanwhile: not ours to count
              );
            if (ok) moved += 1;
          }
        }
      });
    },
    ping: () => redis.ping(),
    async close(timeoutMs = 10_000) {
      if (closed) return;
      closed = true;
      keeper.stop();
      await Promise.all(
        workers.map((w) =>
          closeWithin(
            timeoutMs,
            () => w.close(),
            () => w.close(true),
          ),
        ),
      );
      await Promise.all([...queues.values()].map((q) => closeWithin(2000, () => q.close())));
      redis.disconnect();
    },
  };
}
