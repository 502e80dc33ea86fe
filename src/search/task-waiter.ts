import type { Task } from 'meilisearch';

/** What the waiter needs of the client: one request for the state of many tasks. */
export interface TaskLister {
  getTasks(query: { uids: number[]; limit: number }): Promise<{ results: Task[] }>;
}

const FINISHED = new Set(['succeeded', 'failed', 'canceled']);

/**
 * Waits for many Meilisearch tasks with one status request per interval for all
 * of them, instead of one poll loop per task. Why by hand: the client's
 * `waitForTasks` polls the tasks one after another, each with its own requests;
 * with several index batches in flight that is several requests every interval
 * against the engine that is busy indexing them.
 *
 * `wait(uid)` resolves with the finished task (whatever its status: the caller
 * checks it), or rejects when the status request fails (the engine is
 * unreachable) or `timeoutMs` passes.
 */
export function createTaskWaiter(client: TaskLister, opts: { intervalMs: number; timeoutMs: number }) {
  const waiting = new Map<
    number,
    { resolve: (t: Task) => void; reject: (e: unknown) => void; deadline: number }[]
  >();
  let looping = false;

  const settle = (
    uid: number,
    fn: (w: { resolve: (t: Task) => void; reject: (e: unknown) => void }) => void,
  ) => {
    for (const w of waiting.get(uid) ?? []) fn(w);
    waiting.delete(uid);
  };

  const loop = async () => {
    looping = true;
    try {
      while (waiting.size > 0) {
        await new Promise((r) => setTimeout(r, opts.intervalMs));
        const uids = [...waiting.keys()];
        let tasks: Task[];
        try {
          tasks = (await client.getTasks({ uids, limit: uids.length })).results;
        } catch (err) {
          for (const uid of uids) settle(uid, (w) => w.reject(err));
          continue;
        }
        for (const task of tasks) if (FINISHED.has(task.status)) settle(task.uid, (w) => w.resolve(task));
        const now = Date.now();
        for (const [uid, ws] of waiting) {
          const late = ws.filter((w) => w.deadline <= now);
          if (late.length === 0) continue;
          for (const w of late) w.reject(new Error(`task ${uid} not finished after ${opts.timeoutMs} ms`));
          const left = ws.filter((w) => w.deadline > now);
          if (left.length > 0) waiting.set(uid, left);
          else waiting.delete(uid);
        }
      }
    } finally {
      looping = false;
    }
  };

  return {
    wait(uid: number): Promise<Task> {
      return new Promise<Task>((resolve, reject) => {
        const list = waiting.get(uid) ?? [];
        list.push({ resolve, reject, deadline: Date.now() + opts.timeoutMs });
        waiting.set(uid, list);
        if (!looping) void loop();
      });
    },
    /** Tasks being waited for now. */
    get pending() {
      return waiting.size;
    },
  };
}
