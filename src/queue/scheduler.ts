import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { JobDefinition, JobQueue } from './types.js';

/** A piece of periodic work: a sweep that is safe to run again and to skip once. */
export interface PeriodicTask {
  /** Stable kebab-case name: the metric label and the queue `periodic-<name>`. */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * The one way to run periodic work. In service mode (BullMQ) each task is a job
 * scheduler in Redis: every worker process registers the same tasks, each tick
 * runs once in one of them, and a run never starts while the previous run of the
 * same task is still going in any process (the task's queue is exclusive). In
 * embedded mode the in-process queue's timer gives the same behaviour.
 */
export interface Scheduler {
  /** Registers a task; only before start(). A second task with the same name throws. */
  every(task: PeriodicTask): void;
  /** Starts consuming and schedules every registered task (runs now, then every interval). */
  start(): Promise<void>;
  /** Takes no more runs here and waits (up to timeoutMs) for the runs in progress. */
  stop(timeoutMs?: number): Promise<void>;
}

const TASK_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const tickSchema = z.object({}).strict() as z.ZodType<Record<string, never>>;

/** The job definition a task runs as: one attempt (the next tick is the retry), exclusive. */
export const periodicJob = (name: string): JobDefinition<Record<string, never>> => ({
  name: `periodic-${name}`,
  schema: tickSchema,
  attempts: 1,
  exclusive: true,
});

/**
 * Builds the scheduler on a JobQueue. A run that throws is logged and counted
 * (`kopru_periodic_failures_total`), never fatal; every run sets the last-run
 * time and observes its duration.
 */
export function createScheduler(deps: {
  queue: Pick<JobQueue, 'process' | 'repeat'>;
  metrics?: Pick<Metrics, 'periodicLastRun' | 'periodicDuration' | 'periodicFailures'>;
  logger?: Pick<Logger, 'error'>;
}): Scheduler {
  const tasks = new Map<string, PeriodicTask>();
  const running = new Set<Promise<void>>();
  let started = false;
  let stopped = false;

  const runOnce = async (task: PeriodicTask) => {
    const t0 = performance.now();
    try {
      await task.run();
    } catch (err) {
      deps.metrics?.periodicFailures.inc({ task: task.name });
      deps.logger?.error({ err, task: task.name }, 'periodic task failed');
    } finally {
      deps.metrics?.periodicDuration.observe({ task: task.name }, (performance.now() - t0) / 1000);
      deps.metrics?.periodicLastRun.set({ task: task.name }, Date.now() / 1000);
    }
  };

  return {
    every(task) {
      if (started) throw new AppError('scheduler_started', `task "${task.name}" registered after start()`);
      if (!TASK_NAME.test(task.name))
        throw new AppError('scheduler_task_name', `task name "${task.name}" is not kebab-case`);
      if (tasks.has(task.name)) throw new AppError('scheduler_task_exists', `task "${task.name}" exists`);
      if (!(task.everyMs >= 1)) throw new AppError('scheduler_task_interval', `task "${task.name}": everyMs`);
      tasks.set(task.name, task);
      deps.metrics?.periodicFailures.inc({ task: task.name }, 0);
    },
    async start() {
      if (started) return;
      started = true;
      for (const task of tasks.values()) {
        const def = periodicJob(task.name);
        deps.queue.process(def, async () => {
          // A tick taken while stopping is skipped: the next one runs in another process, or after restart.
          if (stopped) return;
          const run = runOnce(task);
          running.add(run);
          await run.finally(() => running.delete(run));
        });
        await deps.queue.repeat(def, task.name, task.everyMs, {});
      }
    },
    async stop(timeoutMs = 30_000) {
      stopped = true;
      if (running.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((r) => {
          timer = setTimeout(r, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
