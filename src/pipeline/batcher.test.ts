import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.js';

describe('createBatcher', () => {
  it('flushes by count', async () => {
    const batches: number[][] = [];
    const b = createBatcher<number>({
      maxSize: 3,
      maxWaitMs: 60_000,
      run: async (xs) => void batches.push(xs),
    });
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => b.add(n)));
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('closes a batch by weight before an item would take it over maxWeight', async () => {
    const batches: number[][] = [];
    const b = createBatcher<number>({
      maxSize: 100,
      maxWaitMs: 60_000,
      weigh: (n) => n,
      maxWeight: 10,
      run: async (xs) => void batches.push(xs),
    });
    // 4+5 = 9; +3 would be 12: [4, 5] goes; 3+7 = 10 reaches the limit: [3, 7] goes; 20 alone; 1 waits for drain.
    const all = Promise.all([4, 5, 3, 7, 20, 1].map((n) => b.add(n)));
    await b.drain();
    await all;
    expect(batches).toEqual([[4, 5], [3, 7], [20], [1]]);
  });

  it('flushes by time when the batch is not full', async () => {
    const batches: number[][] = [];
    const b = createBatcher<number>({ maxSize: 100, maxWaitMs: 5, run: async (xs) => void batches.push(xs) });
    await Promise.all([b.add(1), b.add(2)]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('rejects every member of a failed batch and keeps going', async () => {
    let fail = true;
    const b = createBatcher<number>({
      maxSize: 2,
      maxWaitMs: 5,
      run: async () => {
        if (fail) throw new Error('boom');
      },
    });
    const results = await Promise.allSettled([b.add(1), b.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(b.add(3)).resolves.toBeUndefined();
  });

  it('adapts the window: alone an item waits only lingerMs; while a batch is in flight items gather and go when it is done', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const b = createBatcher<number>({
      maxSize: 100,
      // Far longer than the test: any batch it sees went out by linger or on completion.
      maxWaitMs: 60_000,
      lingerMs: 5,
      run: async (xs) => {
        batches.push(xs);
        if (batches.length === 1) await gate;
      },
    });
    const first = b.add(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => b.add(n));
    await new Promise((r) => setTimeout(r, 30));
    // Still in flight: the three wait (no 60 s timer needed to send them later).
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('runs at most maxInFlight batches at once; closed batches wait their turn in order', async () => {
    const started: number[][] = [];
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const b = createBatcher<number>({
      maxSize: 2,
      maxWaitMs: 60_000,
      maxInFlight: 2,
      run: (xs) => {
        started.push(xs);
        running++;
        most = Math.max(most, running);
        return new Promise<void>((r) =>
          releases.push(() => {
            running--;
            r();
          }),
        );
      },
    });
    const all = Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map((n) => b.add(n)));
    await new Promise((r) => setTimeout(r, 10));
    expect(started).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // Each batch that ends lets the next closed one start.
    while (started.length < 4 || running > 0) {
      releases.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await all;
    expect(started).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
      [7, 8],
    ]);
    expect(most).toBe(2);
  });

  it('drain processes what is pending', async () => {
    const seen: number[] = [];
    const b = createBatcher<number>({
      maxSize: 100,
      maxWaitMs: 60_000,
      run: async (xs) => void seen.push(...xs),
    });
    const p = b.add(7);
    await b.drain();
    await p;
    expect(seen).toEqual([7]);
  });
});
