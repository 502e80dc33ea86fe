import { describe, expect, it } from 'vitest';
import type { Stage } from '../domain/item.js';
import { type ItemJobPayload, jobItemIds } from './item-stage.js';
import { createReconciler } from './reconciler.js';

/** An item table in memory: stage and whether the stuck timer was restarted. */
function fakeItems(counts: Partial<Record<Stage, number>>) {
  const rows = Object.entries(counts).flatMap(([stage, n]) =>
    Array.from({ length: n! }, (_, i) => ({ id: `${stage}-${i}`, stage: stage as Stage, touched: false })),
  );
  return {
    rows,
    async findStuck(stage: Stage, _olderThanMs: number, limit: number) {
      return rows
        .filter((r) => r.stage === stage && !r.touched)
        .slice(0, limit)
        .map((r) => r.id);
    },
    async touch(ids: string[]) {
      const set = new Set(ids);
      for (const r of rows) if (set.has(r.id)) r.touched = true;
    },
  };
}

function fakeQueue() {
  const jobs: { name: string; id: string }[] = [];
  return {
    jobs,
    async enqueueMany(
      job: { name: string },
      entries: { payload: ItemJobPayload; opts?: { jobId?: string } }[],
    ) {
      for (const e of entries) for (const id of jobItemIds(e.payload)) jobs.push({ name: job.name, id });
    },
  };
}

describe('reconciler', () => {
  it('recovers a backlog larger than one batch in one pass, every stuck item once', async () => {
    const items = fakeItems({ received: 8_000, tagged: 2_500, indexed: 100 });
    const queue = fakeQueue();
    const r = createReconciler({ items, queue: queue as never, stuckAfterMs: 1000, batch: 1000 });
    expect(await r.runOnce()).toBe(10_500);
    expect(new Set(queue.jobs.map((j) => j.id)).size).toBe(10_500);
    expect(queue.jobs.filter((j) => j.id.startsWith('indexed'))).toEqual([]);
    expect(await r.runOnce()).toBe(0);
  });

  it('stops a pass at its cap per stage; the next pass goes on', async () => {
    const items = fakeItems({ received: 5_000 });
    const queue = fakeQueue();
    const r = createReconciler({
      items,
      queue: queue as never,
      stuckAfterMs: 1000,
      batch: 1000,
      maxPerPass: 3_000,
    });
    expect(await r.runOnce()).toBe(3_000);
    expect(await r.runOnce()).toBe(2_000);
    expect(new Set(queue.jobs.map((j) => j.id)).size).toBe(5_000);
  });
});

describe('reconciler at the start of an in-process queue', () => {
  it('queues every item left unfinished by the last run at once, each once, and stops', async () => {
    const earlier = Date.now() - 50;
    const rows = Array.from({ length: 2_500 }, (_, i) => ({
      id: `r-${i}`,
      stage: (i % 5 === 0 ? 'tagged' : 'received') as Stage,
      changedAt: earlier,
    }));
    const items = {
      async findStuck(stage: Stage, olderThanMs: number, limit: number) {
        const cutoff = Date.now() - olderThanMs;
        return rows
          .filter((r) => r.stage === stage && r.changedAt < cutoff)
          .slice(0, limit)
          .map((r) => r.id);
      },
      async touch(ids: string[]) {
        const set = new Set(ids);
        // A later instant than the start, as the database's now() would be.
        for (const r of rows) if (set.has(r.id)) r.changedAt = Date.now() + 1;
      },
    };
    const queue = fakeQueue();
    const r = createReconciler({
      items,
      queue: queue as never,
      stuckAfterMs: 120_000,
      batch: 1000,
      maxPerPass: 1000,
    });
    // Not stuck by age: the periodic pass leaves them.
    expect(await r.runOnce()).toBe(0);
    const start = Date.now();
    expect(await r.recoverAll(start)).toBe(2_500);
    expect(queue.jobs).toHaveLength(2_500);
    expect(new Set(queue.jobs.map((j) => j.id)).size).toBe(2_500);
    expect(queue.jobs.filter((j) => j.name === 'tag')).toHaveLength(2_000);
    // Items that changed after the start are this run's own: never taken.
    expect(await r.recoverAll(start)).toBe(0);
  });
});
