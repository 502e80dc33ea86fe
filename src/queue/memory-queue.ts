import { AppError, UnavailableError } from '../domain/errors.js';
import {
  backoffDelay,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  errorMessage,
  parseForEnqueue,
  parseOnReceipt,
} from './payload.js';
import type { EnqueueOptions, FailedJob, JobDefinition, JobHandler, JobQueue, QueueCounts } from './types.js';

interface MemJob {
  id: string;
  name: string;
  payload: unknown;
  /** Attempts started so far. */
  attempts: number;
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs?: number;
  dedupeKey?: string;
  timer?: NodeJS.Timeout;
  error?: string;
  failedAt?: string;
}

interface Processor {
  // biome-ignore lint/suspicious/noExplicitAny: one lane holds processors of any payload type
  def: JobDefinition<any>;
  handler: JobHandler<unknown>;
  concurrency: number;
}

interface Lane {
  waiting: MemJob[];
  delayed: Set<MemJob>;
  active: Set<MemJob>;
  failed: MemJob[];
  completed: number;
  dedupe: Set<string>;
  processor?: Processor;
}

/** The in-process queue, plus a hook the contract tests use to bypass enqueue validation. */
export interface MemoryJobQueue extends JobQueue {
  /** Test hook: queues a payload without validating it, as a foreign producer could. */
  enqueueUnchecked(def: JobDefinition<unknown>, payload: unknown, opts?: EnqueueOptions): void;
}

/**
 * In-process JobQueue with BullMQ's semantics (per-name FIFO, concurrency,
 * exponential backoff, jobId dedupe, delayed jobs, dead-letter view). Jobs live
 * in memory only: Postgres stays the system of record and the reconciler
 * re-enqueues anything lost when the process stops. One process() per job
 * name (a second call throws); scale with `concurrency` instead.
 */
export function createMemoryQueue(opts: { defaultAttempts?: number } = {}): MemoryJobQueue {
  const lanes = new Map<string, Lane>();
  const idleWaiters = new Set<() => void>();
  let seq = 0;
  let closed = false;
  const repeats = new Map<string, NodeJS.Timeout>();

  const lane = (name: string): Lane => {
    let l = lanes.get(name);
    if (!l) {
      l = { waiting: [], delayed: new Set(), active: new Set(), failed: [], completed: 0, dedupe: new Set() };
      lanes.set(name, l);
    }
    return l;
  };

  const activeCount = () => [...lanes.values()].reduce((n, l) => n + l.active.size, 0);

  const release = (l: Lane, job: MemJob) => {
    if (job.dedupeKey) l.dedupe.delete(job.dedupeKey);
  };

  const schedule = (l: Lane, job: MemJob, delayMs: number) => {
    if (delayMs <= 0) {
      l.waiting.push(job);
      pump(l);
      return;
    }
    l.delayed.add(job);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      l.delayed.delete(job);
      l.waiting.push(job);
      pump(l);
    }, delayMs);
  };

  const pump = (l: Lane) => {
    const p = l.processor;
    while (p && !closed && l.active.size < p.concurrency && l.waiting.length > 0) {
      const job = l.waiting.shift()!;
      l.active.add(job);
      job.attempts += 1;
      // Start on a microtask so a handler never runs inside the caller's enqueue().
      queueMicrotask(() => void run(l, p, job));
    }
  };

  const fail = (l: Lane, job: MemJob, error: string) => {
    job.error = error;
    job.failedAt = new Date().toISOString();
    l.failed.push(job);
    release(l, job);
  };

  const run = async (l: Lane, p: Processor, job: MemJob) => {
    try {
      const parsed = parseOnReceipt(p.def, job.payload);
      if (!parsed.ok) {
        fail(l, job, parsed.message);
        return;
      }
      try {
        await p.handler(parsed.data, { id: job.id, attempt: job.attempts });
        l.completed += 1;
        release(l, job);
      } catch (err) {
        if (job.attempts >= job.maxAttempts) fail(l, job, errorMessage(err));
        // After close() a retry is dropped: memory dies with the process and the reconciler re-enqueues.
        else if (!closed) schedule(l, job, backoffDelay(job.backoffMs, job.attempts, job.backoffMaxMs));
      }
    } finally {
      l.active.delete(job);
      pump(l);
      if (activeCount() === 0) for (const done of idleWaiters) done();
    }
  };

  const add = (def: JobDefinition<unknown>, payload: unknown, o: EnqueueOptions = {}) => {
    if (closed) throw new UnavailableError('queue', 'the in-process queue is closed');
    const l = lane(def.name);
    if (o.jobId !== undefined && l.dedupe.has(o.jobId)) return;
    seq += 1;
    const job: MemJob = {
      id: String(seq),
      name: def.name,
      payload,
      attempts: 0,
      maxAttempts: Math.max(1, def.attempts ?? opts.defaultAttempts ?? DEFAULT_ATTEMPTS),
      backoffMs: def.backoffMs ?? DEFAULT_BACKOFF_MS,
      backoffMaxMs: def.backoffMaxMs,
      dedupeKey: o.jobId,
    };
    if (o.jobId !== undefined) l.dedupe.add(o.jobId);
    schedule(l, job, o.delayMs ?? 0);
  };

  return {
    kind: 'memory',
    async enqueue(def, payload, o) {
      add(def as JobDefinition<unknown>, parseForEnqueue(def, payload), o);
    },
    async enqueueMany(def, items) {
      // Validate everything first so a bad item means nothing is queued.
      const parsed = items.map((it) => ({ payload: parseForEnqueue(def, it.payload), opts: it.opts }));
      for (const it of parsed) add(def as JobDefinition<unknown>, it.payload, it.opts);
    },
    async repeat(def, id, everyMs, payload) {
      const data = parseForEnqueue(def, payload);
      clearInterval(repeats.get(id));
      // A run still pending is not queued twice (same job id), as with BullMQ's scheduler.
      const run = () => {
        if (!closed) add(def as JobDefinition<unknown>, data, { jobId: `repeat:${id}` });
      };
      run();
      const timer = setInterval(run, everyMs);
      timer.unref();
      repeats.set(id, timer);
    },
    enqueueUnchecked(def, payload, o) {
      add(def, payload, o);
    },
    process(def, handler, o = {}) {
      const l = lane(def.name);
      if (l.processor) {
        throw new AppError('queue_processor_exists', `job "${def.name}" already has a processor here`);
      }
      // One process holds every handler here, so one at a time is exclusive across "processes" too.
      const concurrency = def.exclusive ? 1 : Math.max(1, o.concurrency ?? 1);
      l.processor = { def, handler: handler as JobHandler<unknown>, concurrency };
      pump(l);
    },
    async counts(name): Promise<QueueCounts> {
      const l = lane(name);
      return {
        waiting: l.waiting.length,
        active: l.active.size,
        delayed: l.delayed.size,
        failed: l.failed.length,
        completed: l.completed,
      };
    },
    async failed(name, limit = 100): Promise<FailedJob[]> {
      // Newest first, as BullMQ's getFailed returns them.
      return [...lane(name).failed]
        .reverse()
        .slice(0, limit)
        .map((j) => ({
          id: j.id,
          name: j.name,
          payload: j.payload,
          error: j.error ?? '',
          attempts: j.attempts,
          failedAt: j.failedAt ?? '',
        }));
    },
    async retryFailed(name) {
      const l = lane(name);
      const jobs = l.failed.splice(0);
      for (const job of jobs) {
        job.attempts = 0;
        job.error = undefined;
        job.failedAt = undefined;
        if (job.dedupeKey !== undefined) l.dedupe.add(job.dedupeKey);
        l.waiting.push(job);
      }
      pump(l);
      return jobs.length;
    },
    async ping() {
      if (closed) throw new UnavailableError('queue', 'the in-process queue is closed');
    },
    async close(timeoutMs = 10_000) {
      closed = true;
      for (const t of repeats.values()) clearInterval(t);
      repeats.clear();
      for (const l of lanes.values()) for (const job of l.delayed) clearTimeout(job.timer);
      if (activeCount() === 0) return;
      let timer: NodeJS.Timeout | undefined;
      let done: () => void = () => {};
      await new Promise<void>((resolve) => {
        done = resolve;
        idleWaiters.add(done);
        timer = setTimeout(resolve, timeoutMs);
      });
      idleWaiters.delete(done);
      clearTimeout(timer);
    },
  };
}
