import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/create-stores.js';
import { createDatabase, migrate } from '../../src/store/index.js';
import type { Database } from '../../src/store/types.js';

let db: Database;
let stores: ReturnType<typeof createStores>;
const ids = Array.from({ length: 5 }, (_, i) => `0190a000-0000-7000-8000-00000000000${i}`);
const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

async function item(
  i: number,
  o: { province: string; source: string; at: string; cluster: string; matches: unknown[] },
) {
  await db.query(
    `INSERT INTO items (id, kind, idempotency_key, source, text, province, occurred_at, stage)
     VALUES ($1::uuid, 'post', $1::text, $2, 'metin', $3, $4, 'tagged')`,
    [ids[i], o.source, o.province, o.at],
  );
  await db.query(
    `INSERT INTO tag_results (item_id, result, check_worthiness, risk, flagged, cluster_key)
     VALUES ($1, $2::jsonb, 0.5, 0.5, true, $3)`,
    [ids[i], JSON.stringify({ redactedText: `örnek ${i}`, matches: o.matches }), o.cluster],
  );
}

beforeAll(async () => {
  db = await createDatabase({ dataDir: ':memory:' });
  await migrate(db);
  stores = createStores(db, { deadline: () => new Date().toISOString() } as never);
  await stores.claims.upsertMany([
    { id: 'A', text: 'iddia a', verdict: 'false' },
    { id: 'B', text: 'iddia b', verdict: 'false' },
  ]);
  await item(0, {
    province: 'İzmir',
    source: 'x',
    at: day(1),
    cluster: 'c1',
    matches: [{ claimId: 'A', score: 0.9 }],
  });
  await item(1, {
    province: 'İzmir',
    source: 'x',
    at: day(2),
    cluster: 'c1',
    matches: [{ claimId: 'A', score: 0.8 }],
  });
  await item(2, {
    province: 'Ankara',
    source: 'feed',
    at: day(3),
    cluster: 'c2',
    matches: [{ claimId: 'B', score: 0.7 }],
  });
  await item(3, {
    province: 'Ankara',
    source: 'feed',
    at: day(10),
    cluster: 'c3',
    matches: [
      { claimId: 'A', score: 0.4 },
      { claimId: 'B', score: 0.6 },
    ],
  });
});
afterAll(() => db?.close());

describe('claim store', () => {
  it('counts suggested appearances by day, channel and province', async () => {
    const a = await stores.claims.counts('A');
    expect(a.total).toBe(3);
    expect(a.byChannel).toEqual([
      { key: 'x', n: 2 },
      { key: 'feed', n: 1 },
    ]);
    expect(a.byProvince.find((p) => p.key === 'İzmir')?.n).toBe(2);
    expect(a.byDay.reduce((s, d) => s + d.suggested, 0)).toBe(3);
    expect(a.firstSeen! < a.lastSeen!).toBe(true);
  });

  it('a rejected pair is no longer an appearance; a confirmed one counts as confirmed', async () => {
    await stores.claimLinks.decide({
      itemId: ids[3]!,
      claimId: 'A',
      kind: 'rejected',
      score: 0.4,
      by: 'u@x',
    });
    await stores.claimLinks.decide({
      itemId: ids[0]!,
      claimId: 'A',
      kind: 'confirmed',
      score: 0.9,
      by: 'u@x',
    });
    const a = await stores.claims.counts('A');
    expect(a.total).toBe(2);
    expect(a.byDay.reduce((s, d) => s + d.confirmed, 0)).toBe(1);
    const apps = await stores.claims.appearances('A');
    expect(apps.map((x) => x.itemId).sort()).toEqual([ids[0], ids[1]]);
  });

  it('confirms a claim for the items of a near-duplicate cluster; decided pairs keep their decision', async () => {
    const cluster = await stores.claimLinks.clusterItems(ids[0]!);
    expect(cluster.sort()).toEqual([ids[0], ids[1]].sort());
    // item 0 was already confirmed; only item 1 is new.
    expect(await stores.claimLinks.confirmMany(cluster, 'A', 'u@x')).toEqual([ids[1]]);
    expect(await stores.claimLinks.confirmMany([ids[3]!], 'A', 'u@x')).toEqual([]);
    const m = await stores.claims.forMatcher();
    expect(m.find((c) => c.id === 'A')?.examples).toHaveLength(2);
  });

  it('sorts the overview by total and filters by province', async () => {
    const all = await stores.claims.overview({ sort: 'total' });
    expect(all.map((c) => [c.id, c.total])).toEqual([
      ['A', 2],
      ['B', 2],
    ]);
    const ankara = await stores.claims.overview({ province: 'Ankara' });
    expect(ankara.map((c) => c.id)).toEqual(['B']);
    const rising = await stores.claims.overview({ sort: 'rising' });
    expect(rising[0]!.id).toBe('A');
  });

  it('merges B into A: links and suggestions move, B redirects', async () => {
    await stores.claimLinks.decide({
      itemId: ids[2]!,
      claimId: 'B',
      kind: 'confirmed',
      score: 0.7,
      by: 'u@x',
    });
    const moved = await stores.claims.merge('B', 'A');
    expect(moved).toBe(1);
    expect((await stores.claims.get('B'))?.mergedInto).toBe('A');
    const a = await stores.claims.counts('A');
    // items 0, 1, 2 confirmed; item 3 was rejected for A and suggested for B: the merge keeps it out.
    expect(a.total).toBe(3);
    expect((await stores.claims.get('A'))?.aliases).toContain('iddia b');
    expect((await stores.claims.overview()).map((c) => c.id)).toEqual(['A']);
    await expect(stores.claims.merge('B', 'A')).rejects.toThrow(/merged/);
  });

  it('creates and edits a claim', async () => {
    const id = await stores.claims.create(
      { text: 'yeni iddia', verdict: 'misleading', topic: 'sağlık' },
      'u@x',
    );
    expect(id).toMatch(/^K-/);
    expect(await stores.claims.update(id, { text: 'yeni iddia 2', aliases: ['takma'] })).toBe(true);
    expect(await stores.claims.get(id)).toMatchObject({
      text: 'yeni iddia 2',
      aliases: ['takma'],
      createdBy: 'u@x',
    });
    expect(await stores.claims.topics()).toEqual([]);
  });
});
