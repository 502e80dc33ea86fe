import { describe, expect, it } from 'vitest';
import {
  createItemStage,
  itemJobSchema,
  itemJobs,
  jobItemIds,
  MAX_IDS_PER_JOB,
  UNKNOWN_ITEM_SIZE,
} from './item-stage.js';

describe('pipeline jobs carry batches of ids', () => {
  it('accepts a batch of ids or one id (jobs queued by earlier versions), never both or neither', () => {
    expect(itemJobSchema.safeParse({ itemIds: ['a', 'b'], enqueuedAt: 1 }).success).toBe(true);
    expect(itemJobSchema.safeParse({ itemId: 'a' }).success).toBe(true);
    expect(itemJobSchema.safeParse({ itemId: 'a', itemIds: ['b'] }).success).toBe(false);
    expect(itemJobSchema.safeParse({}).success).toBe(false);
    expect(itemJobSchema.safeParse({ itemIds: [] }).success).toBe(false);
    expect(
      itemJobSchema.safeParse({ itemIds: Array.from({ length: MAX_IDS_PER_JOB + 1 }, (_, i) => `i${i}`) })
        .success,
    ).toBe(false);
    expect(jobItemIds({ itemId: 'x' })).toEqual(['x']);
    expect(jobItemIds({ itemIds: ['x', 'y'] })).toEqual(['x', 'y']);
  });

  it('splits ids into jobs of at most MAX_IDS_PER_JOB, each named by its first id and size', () => {
    const ids = Array.from({ length: 2500 }, (_, i) => `id${i}`);
    const jobs = itemJobs(ids, 42, (first, n) => `tag-${first}-${n}`);
    expect(jobs.map((j) => j.payload.itemIds?.length)).toEqual([1000, 1000, 500]);
    expect(jobs.map((j) => j.opts.jobId)).toEqual(['tag-id0-1000', 'tag-id1000-1000', 'tag-id2000-500']);
    expect(jobs.flatMap((j) => jobItemIds(j.payload))).toEqual(ids);
    expect(jobs.every((j) => j.payload.enqueuedAt === 42)).toBe(true);
    expect(itemJobs([], 1, () => 'x')).toEqual([]);
  });

  it("carries each item's size beside its id, chunked with the ids; a size list of another length is refused", () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `id${i}`);
    const sizes = ids.map((_, i) => i);
    const jobs = itemJobs(ids, 1, (first) => first, sizes);
    expect(jobs.map((j) => j.payload.sizes?.length)).toEqual([1000, 500]);
    expect(jobs.flatMap((j) => j.payload.sizes ?? [])).toEqual(sizes);
    for (const j of jobs) expect(itemJobSchema.safeParse(j.payload).success).toBe(true);
    expect(itemJobs(['a'], 1, (f) => f)[0]!.payload).not.toHaveProperty('sizes');
    const bad = itemJobSchema.safeParse({ itemIds: ['a', 'b'], sizes: [1] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/one entry per item/);
    expect(itemJobSchema.safeParse({ itemId: 'a', sizes: [1] }).success).toBe(false);
    expect(itemJobSchema.safeParse({ itemIds: ['a'], sizes: [-1] }).success).toBe(false);
  });

  it('closes a batch at maxBatchChars of its items; items of unknown size count as UNKNOWN_ITEM_SIZE', async () => {
    const batches: string[][] = [];
    const stage = createItemStage({
      stage: 'index',
      batchSize: 5000,
      batchMs: 5,
      maxBatchChars: 250_000,
      run: async (ids) => void batches.push(ids),
    });
    // Ten long applications of 100,000 characters: two to a batch, never three (300,000 > 250,000).
    const ids = Array.from({ length: 10 }, (_, i) => `long${i}`);
    await stage.handler({ itemIds: ids, sizes: ids.map(() => 100_000) }, { id: 'j', attempt: 1 });
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 2, 2]);
    expect(batches.flat()).toEqual(ids);
    // One item heavier than the limit still goes, alone.
    batches.length = 0;
    await stage.handler({ itemIds: ['a', 'huge', 'b'], sizes: [10, 900_000, 10] }, { id: 'k', attempt: 1 });
    expect(batches).toEqual([['a'], ['huge'], ['b']]);
    // Short posts stay batched by count and time, as without the limit.
    batches.length = 0;
    const short = Array.from({ length: 100 }, (_, i) => `s${i}`);
    await stage.handler({ itemIds: short, sizes: short.map(() => 280) }, { id: 'l', attempt: 1 });
    expect(batches).toEqual([short]);
    // A job without sizes (the reconciler's, or an earlier version's): each id weighs UNKNOWN_ITEM_SIZE.
    batches.length = 0;
    const n = Math.floor(250_000 / UNKNOWN_ITEM_SIZE) + 1;
    const unknown = Array.from({ length: n }, (_, i) => `u${i}`);
    await stage.handler({ itemIds: unknown }, { id: 'm', attempt: 1 });
    expect(batches.map((b) => b.length)).toEqual([n - 1, 1]);
  });

  it('runs a job of 450 ids in stage batches of at most 200 and resolves when all are done', async () => {
    const batches: string[][] = [];
    const stage = createItemStage({
      stage: 't',
      batchSize: 200,
      batchMs: 5,
      run: async (ids) => void batches.push(ids),
    });
    const ids = Array.from({ length: 450 }, (_, i) => `i${i}`);
    await stage.handler({ itemIds: ids }, { id: 'j', attempt: 1 });
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
    expect(batches.flat()).toEqual(ids);
  });

  it('fails the whole job when one of its batches fails (the retry runs it again; stages are idempotent)', async () => {
    let calls = 0;
    const stage = createItemStage({
      stage: 't',
      batchSize: 2,
      batchMs: 5,
      run: async () => {
        calls++;
        if (calls === 2) throw new Error('engine down');
      },
    });
    await expect(
      stage.handler({ itemIds: ['a', 'b', 'c', 'd', 'e'] }, { id: 'j', attempt: 1 }),
    ).rejects.toThrow('engine down');
    // Every batch ran: a failed batch does not leave the others' items hanging.
    expect(calls).toBe(3);
  });
});
