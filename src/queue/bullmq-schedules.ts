import type { JobsOptions, Queue } from 'bullmq';

interface Schedule {
  queue: string;
  id: string;
  everyMs: number;
  template: { name: string; data: unknown; opts: Omit<JobsOptions, 'jobId' | 'repeat' | 'delay'> };
}

/** What the keeper needs from its adapter. */
export interface ScheduleKeeperDeps {
  queueFor(name: string): Queue;
  /** Runs a Redis call with the adapter's time limit and error mapping. */
  guard<T>(what: string, fn: () => Promise<T>): Promise<T>;
  report(err: Error): void;
  /** How often the schedules are checked (default 10 s). */
  checkMs?: number;
}

/**
 * Keeps the job schedulers and the exclusive (global concurrency 1) queues this
 * process asserted, and asserts them again whenever they are missing from Redis:
 * after a reconnect (a restarted Redis without persistence) and on a periodic
 * check (data lost while connected: FLUSHALL, failover to an empty replica). A
 * scheduler is only re-created when missing, since upserting an existing one
 * would move its next run.
 */
export function createScheduleKeeper(deps: ScheduleKeeperDeps) {
  const schedules = new Map<string, Schedule>();
  const exclusive = new Set<string>();
  // Keys being upserted by schedule(): the check leaves them alone so a start is not doubled.
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;

  const upsert = (s: Schedule) =>
    deps
      .queueFor(s.queue)
      .upsertJobScheduler(s.id, { every: s.everyMs }, s.template)
      .then(() => undefined);

  const setExclusive = async (name: string) => {
    const q = deps.queueFor(name);
    if ((await q.getGlobalConcurrency()) !== 1) await q.setGlobalConcurrency(1);
  };

  const checkAll = async () => {
    for (const name of exclusive) await deps.guard(`exclusive ${name}`, () => setExclusive(name));
    for (const [key, s] of schedules) {
      if (pending.has(key)) continue;
      const exists = await deps.guard(`check schedule ${s.id}`, () =>
        deps.queueFor(s.queue).getJobScheduler(s.id),
      );
      if (!exists && !pending.has(key)) await deps.guard(`restore schedule ${s.id}`, () => upsert(s));
    }
  };

  const startChecks = () => {
    if (timer) return;
    timer = setInterval(() => void keeper.check(), deps.checkMs ?? 10_000);
    timer.unref();
  };

  const keeper = {
    /** Marks a queue exclusive now and keeps it so. */
    async exclusive(name: string) {
      exclusive.add(name);
      startChecks();
      await deps.guard(`exclusive ${name}`, () => setExclusive(name));
    },
    /** Upserts a job scheduler now (replacing its template) and keeps it. */
    async schedule(s: Schedule) {
      const key = `${s.queue}\u0000${s.id}`;
      schedules.set(key, s);
      startChecks();
      pending.add(key);
      try {
        if (exclusive.has(s.queue)) await deps.guard(`exclusive ${s.queue}`, () => setExclusive(s.queue));
        await deps.guard(`schedule ${s.queue}`, () => upsert(s));
      } finally {
        pending.delete(key);
      }
    },
    /** Re-asserts whatever is missing; one check at a time, errors reported, never thrown. */
    check(): Promise<void> {
      if (schedules.size === 0 && exclusive.size === 0) return Promise.resolve();
      checking ??= checkAll()
        .catch((err: Error) => deps.report(err))
        .finally(() => {
          checking = undefined;
        });
      return checking;
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
  return keeper;
}
