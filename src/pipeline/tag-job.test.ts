import { describe, expect, it } from 'vitest';
import type { TagResult } from '../domain/item.js';
import type { ItemWithTags } from '../store/index.js';
import { itemJobSchema } from './item-stage.js';
import { createTagStage } from './tag-job.js';

describe('the tag stage', () => {
  it("queues one index job for its batch with each item's text size, which the index job accepts", async () => {
    const items = [
      { id: 'p1', kind: 'post', text: 'kısa bir gönderi', subject: null },
      { id: 'a1', kind: 'application', text: 'x'.repeat(90_000), subject: 'Konu başlığı' },
    ] as unknown as ItemWithTags[];
    const enqueued: { name: string; payloads: unknown[] }[] = [];
    const stage = createTagStage({
      items: {
        getMany: async (ids: string[]) => items.filter((i) => ids.includes(i.id)),
        saveTagResults: async (rs: { id: string }[]) => new Map(rs.map((r) => [r.id, 2])),
      } as never,
      tagger: { tag: (text: string) => ({ redactedText: text, tags: [] }) as unknown as TagResult },
      queue: {
        enqueueMany: async (def: { name: string }, jobs: { payload: unknown }[]) => {
          enqueued.push({ name: def.name, payloads: jobs.map((j) => j.payload) });
        },
      } as never,
      batchSize: 200,
      batchMs: 5,
    });
    await stage.handler({ itemIds: ['p1', 'a1'] }, { id: 'j', attempt: 1 });
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]!.name).toBe('index');
    const payload = enqueued[0]!.payloads[0] as { itemIds: string[]; sizes: number[] };
    expect(payload.itemIds).toEqual(['p1', 'a1']);
    expect(payload.sizes).toEqual(['kısa bir gönderi'.length, 90_000 + 'Konu başlığı'.length]);
    expect(itemJobSchema.safeParse(payload).success).toBe(true);
  });
});
