import { describe, expect, it } from 'vitest';
import { createItemStage, itemJobSchema, itemJobs, jobItemIds, MAX_IDS_PER_JOB } from './item-stage.js';

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
