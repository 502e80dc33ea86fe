import { describe, expect, it } from 'vitest';
import type { TagResult } from '../domain/item.js';
import { createTagHandoff } from './handoff.js';
import { indexItems } from './index-job.js';

const result = (risk: number) => ({ risk, redactedText: `metin ${risk}` }) as unknown as TagResult;

describe('tag hand-off', () => {
  it('gives a result back once, and only for the version it was stored at', () => {
    const h = createTagHandoff();
    h.put('a', result(0.1), 5);
    h.put('b', result(0.2), 7);
    expect(h.take('a', 5)).toEqual(result(0.1));
    expect(h.take('a', 5)).toBeUndefined();
    expect(h.take('b', 8)).toBeUndefined();
    expect(h.take('b', 7)).toBeUndefined();
    expect(h.take('c', undefined)).toBeUndefined();
    h.put('d', result(0.3), 1);
    expect(h.take('d', undefined)).toBeUndefined();
  });

  it('keeps at most its bound, dropping the oldest; a newer result replaces an older one', () => {
    const h = createTagHandoff({ maxEntries: 3 });
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) h.put(id, result(i), i);
    expect(h.size).toBe(3);
    expect(h.take('a', 0)).toBeUndefined();
    h.put('b', result(9), 9);
    expect(h.take('b', 1)).toBeUndefined();
    h.put('b', result(9), 9);
    expect(h.take('b', 9)).toEqual(result(9));
  });

  it('drops results older than its age limit (never taken here: another worker indexed them)', () => {
    let t = 0;
    const h = createTagHandoff({ maxAgeMs: 100, now: () => t });
    h.put('a', result(0.1), 1);
    t = 60;
    h.put('b', result(0.2), 2);
    t = 120;
    expect(h.take('a', 1)).toBeUndefined();
    h.put('c', result(0.3), 3);
    // a is gone; b (60 ms old) is still there.
    expect(h.size).toBe(2);
    t = 150;
    expect(h.take('b', 2)).toEqual(result(0.2));
    t = 500;
    h.put('d', result(0.4), 4);
    expect(h.size).toBe(1);
  });

  it('lets the index stage read only the unchanged rows and fall back to stored results for the rest', async () => {
    const h = createTagHandoff();
    h.put('a', result(0.1), 1);
    h.put('b', result(0.2), 2);
    h.put('c', result(0.3), 3);
    const reads: string[][] = [];
    const upserts: unknown[][] = [];
    const row = (id: string) => ({ id, tagResult: null }) as never;
    const n = await indexItems(
      {
        items: {
          // b changed since it was tagged (version 2 → 4); c changed after the versions were read.
          indexVersions: async () =>
            new Map([
              ['a', 1],
              ['b', 4],
              ['c', 3],
              ['d', 1],
            ]),
          getUnchanged: async (v) => [...v.keys()].filter((id) => id !== 'c').map(row),
          // Rows read with their stored results.
          getMany: async (ids) => {
            reads.push(ids);
            return ids.map((id) => ({ id, tagResult: { stored: true } }) as never);
          },
          markIndexed: async (ids) => ids.length,
        },
        projection: {
          decorate: async (items) =>
            items.map(
              (i) =>
                ('stored' in i.tagResult!
                  ? { id: i.id, from: 'database' }
                  : { id: i.id, from: 'handoff', text: i.tagResult!.redactedText }) as never,
            ),
          documents: async () => {
            throw new Error('the batch is projected once, with decorate');
          },
        },
        search: { upsert: async (_name, docs) => void upserts.push(docs) },
        handoff: h,
      },
      ['a', 'b', 'c', 'd'],
    );
    expect(n).toBe(4);
    expect(reads).toEqual([['b', 'c', 'd']]);
    expect(upserts[0]).toEqual([
      { id: 'a', from: 'handoff', text: 'metin 0.1' },
      { id: 'b', from: 'database' },
      { id: 'c', from: 'database' },
      { id: 'd', from: 'database' },
    ]);
    // Every entry was used up, taken or not.
    expect(h.size).toBe(0);
  });
});
