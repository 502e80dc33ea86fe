import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually } from '../helpers/app.js';

const RUMOUR =
  'Son dakika: Keban Barajı çatladı, Elazığ ve Malatya sular altında kalacak, yetkililer gizliyor, silinmeden paylaşın';
const EDITS = [
  (s: string, i: number) => `${s} #${i}`,
  (s: string, i: number) => `ACİL ${i}! ${s}`,
  (s: string, i: number) => `${s.replace('Son dakika', 'SON DAKİKA')} (${i})`,
  (s: string, i: number) => `${s.replace('çatladı', 'catladi')} kaynak ${i}`,
  (s: string, i: number) => `${s}!!! ${i}`,
];

describe('near-duplicate clusters through the pipeline (embedded)', () => {
  let ctx: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    ctx = await createTestApp('embedded');
    await ctx.app.startWorkers();
  });
  afterAll(() => ctx.dispose());

  it('makes 500 lightly edited copies one cluster, counted per channel with first and last seen', async () => {
    const posts = Array.from({ length: 450 }, (_, i) => ({
      source: `kanal-${i % 9}`,
      text: EDITS[i % EDITS.length]!(RUMOUR, i),
      publishedAt: new Date(Date.UTC(2026, 10, 1, 8, 0) + i * 60_000).toISOString(),
    }));
    const apps = Array.from({ length: 50 }, (_, i) => ({
      type: 'ihbar',
      text: EDITS[i % EDITS.length]!(RUMOUR, 1000 + i),
      receivedAt: new Date(Date.UTC(2026, 10, 2, 9, 0) + i * 60_000).toISOString(),
    }));
    expect((await ctx.app.ingest.ingest('post', posts)).accepted).toBe(450);
    expect((await ctx.app.ingest.ingest('application', apps)).accepted).toBe(50);
    await eventually('all indexed', async () => {
      const s = await ctx.app.stores.items.countByStage();
      return s.received === 0 && s.tagged === 0;
    });
    const res = await ctx.app.search.search<{ clusterKey: string }>('items', {
      limit: 0,
      facets: ['clusterKey'],
    });
    expect(Object.keys(res.facets.clusterKey ?? {})).toHaveLength(1);
    const key = Object.keys(res.facets.clusterKey!)[0]!;
    const stats = await ctx.app.stores.clusters.stats(key);
    expect(stats).toMatchObject({
      total: 500,
      byKind: { post: 450, application: 50 },
      firstSeen: '2026-11-01T08:00:00.000Z',
      lastSeen: '2026-11-02T09:49:00.000Z',
    });
  });

  it('matches items against the known claims seeded from config into PostgreSQL', async () => {
    const claims = await ctx.app.stores.claims.list();
    expect(claims.map((c) => c.id)).toContain('seed-002');
    await ctx.app.ingest.ingest('post', [
      { source: 'x', text: 'Aşıların içinde insanları takip eden mikroçip var, uyanın!' },
    ]);
    await eventually('matched', async () => {
      const r = await ctx.app.search.search<{ matches: { claimId: string }[] }>('items', {
        q: 'mikroçip',
        limit: 1,
      });
      return r.hits[0]?.matches[0]?.claimId === 'seed-002';
    });
  });
});
