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
