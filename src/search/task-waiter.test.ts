import type { Task } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { createTaskWaiter, type TaskLister } from './task-waiter.js';

/** A fake engine: tasks finish when the test says so; every status request is recorded. */
function fakeEngine() {
  const status = new Map<number, Task['status']>();
  const requests: number[][] = [];
  let down = false;
  const lister: TaskLister = {
    async getTasks({ uids }) {
      requests.push([...uids]);
      if (down) throw new Error('connect ECONNREFUSED');
      return {
        results: uids
          .filter((u) => status.has(u))
          .map((uid) => ({ uid, status: status.get(uid)! }) as unknown as Task),
      };
    },
  };
  return {
    lister,
    requests,
    finish: (uid: number, s: Task['status'] = 'succeeded') => status.set(uid, s),
    enqueue: (uid: number) => status.set(uid, 'enqueued'),
    setDown: (d: boolean) => {
      down = d;
    },
  };
}

const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

describe('createTaskWaiter', () => {
  it('asks for all waited tasks in one request per interval and resolves each when it finishes', async () => {
    const e = fakeEngine();
    const w = createTaskWaiter(e.lister, { intervalMs: 5, timeoutMs: 10_000 });
    for (const uid of [1, 2, 3, 4]) e.enqueue(uid);
    const done: number[] = [];
    const all = [1, 2, 3, 4].map((uid) => w.wait(uid).then((t) => done.push(t.uid)));
    await tick();
    expect(done).toEqual([]);
    // Every request so far carried all four tasks: one poll for many tasks.
    expect(e.requests.length).toBeGreaterThan(0);
    for (const r of e.requests) expect(r.sort()).toEqual([1, 2, 3, 4]);
    e.finish(2);
    e.finish(4, 'failed');
    await tick();
    expect(done.sort()).toEqual([2, 4]);
    const before = e.requests.length;
    await tick();
    for (const r of e.requests.slice(before)) expect(r.sort()).toEqual([1, 3]);
    e.finish(1);
    e.finish(3);
    await Promise.all(all);
    expect(w.pending).toBe(0);
    // Nothing waited for, nothing asked.
    const after = e.requests.length;
    await tick(30);
    expect(e.requests.length).toBe(after);
  });

  it('gives a failed task back as it is (the caller decides), and two waits on one task both resolve', async () => {
    const e = fakeEngine();
    const w = createTaskWaiter(e.lister, { intervalMs: 5, timeoutMs: 10_000 });
    e.finish(7, 'failed');
    const [a, b] = await Promise.all([w.wait(7), w.wait(7)]);
    expect(a.status).toBe('failed');
    expect(b.uid).toBe(7);
  });

  it('rejects every waiting task when the status request fails, and works again afterwards', async () => {
    const e = fakeEngine();
    const w = createTaskWaiter(e.lister, { intervalMs: 5, timeoutMs: 10_000 });
    e.enqueue(1);
    e.enqueue(2);
    e.setDown(true);
    const results = await Promise.allSettled([w.wait(1), w.wait(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/ECONNREFUSED/);
    e.setDown(false);
    e.finish(1);
    expect((await w.wait(1)).status).toBe('succeeded');
  });

  it('rejects a task that does not finish within timeoutMs', async () => {
    const e = fakeEngine();
    const w = createTaskWaiter(e.lister, { intervalMs: 5, timeoutMs: 30 });
    e.enqueue(9);
    await expect(w.wait(9)).rejects.toThrow(/task 9 not finished after 30 ms/);
    expect(w.pending).toBe(0);
  });
});
