import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postToItem } from '../../src/pipeline/ingest.js';
import { reindexItems } from '../../src/pipeline/reindex.js';
import { createReviewStore } from '../../src/store/review-store.js';
import { createTestApp, eventually, type Mode, servicesAvailable } from '../helpers/app.js';

for (const mode of ['embedded', 'services'] as Mode[]) {
  describe(`crash recovery and rebuild (${mode})`, () => {
    let ctx: Awaited<ReturnType<typeof createTestApp>> | undefined;

    beforeAll(async () => {
      if (mode === 'services' && !(await servicesAvailable())) return;
      ctx = await createTestApp(mode, { STUCK_AFTER_MS: '1000' });
    });
    afterAll(async () => {
      await ctx?.dispose();
    });

    it('the reconciler re-enqueues items stored but never queued (a crash between store and enqueue)', async (t) => {
      if (!ctx) return t.skip();
      const { items } = ctx.app.stores;
      // Started first: the scheduler's reconciler run at start must not race the runs below.
      const { reconciler } = await ctx.app.startWorkers();
      // Stored directly, as if the process died before the tag job was enqueued.
      const lost = Array.from({ length: 30 }, (_, i) =>
        postToItem({ source: 'kayip', text: `Kuyruğa hiç girmemiş kayıt kayipkod${i}` }),
      );
      const { inserted } = await items.insertMany(lost);
      expect(inserted).toHaveLength(30);
      // Not stuck yet: nothing to do.
      expect(await reconciler.runOnce()).toBe(0);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await reconciler.runOnce()).toBe(30);
      await eventually('recovered items indexed', async () => {
        const s = await items.countByStage();
        return s.received === 0 && s.tagged === 0 && s.indexed === 30;
      });
      const res = await ctx.app.search.search('items', { q: 'kayipkod7', limit: 5 });
      expect(res.hits.map((h) => (h as { text: string }).text).join(' ')).toContain('kayipkod7');
      // Running the stages again for already indexed items changes nothing.
      expect(await reconciler.runOnce()).toBe(0);
      expect(await items.count()).toBe(30);
    });

    it('reindex rebuilds the search index from PostgreSQL alone, review fields included', async (t) => {
      if (!ctx) return t.skip();
      const someone = await ctx.app.stores.users.create({
        email: 'analist@example.org',
        name: 'Analist',
        role: 'staff',
        passwordHash: 'x',
      });
      const [first] = (await ctx.app.search.search<{ id: string }>('items', { q: 'kayipkod3', limit: 1 }))
        .hits;
      await createReviewStore(ctx.app.db).assign([first!.id], someone.id, someone.id);
      await ctx.app.search.remove(
        'items',
        (await ctx.app.search.search<{ id: string }>('items', { limit: 100 })).hits.map((h) => h.id),
      );
      expect((await ctx.app.search.search('items', { limit: 0 })).total).toBe(0);
      const n = await reindexItems(ctx.app);
      expect(n).toBe(30);
      expect((await ctx.app.search.search('items', { limit: 0 })).total).toBe(30);
      expect((await ctx.app.search.search('items', { q: 'kayipkod29', limit: 1 })).total).toBeGreaterThan(0);
      const assigned = await ctx.app.search.search('items', {
        filter: 'assignee = "analist@example.org"',
        limit: 5,
      });
      expect(assigned.hits.map((h) => (h as { id: string }).id)).toEqual([first!.id]);
    });
  });
}
