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
  // Matches are ranked best first: A is only this item's second suggestion.
  await item(3, {
    province: 'Ankara',
    source: 'feed',
    at: day(10),
    cluster: 'c3',
    matches: [
      { claimId: 'B', score: 0.6 },
      { claimId: 'A', score: 0.4 },
    ],
  });
  // A weak top match is shown on the item page but is not an appearance.
  await item(4, {
    province: 'Ankara',
    source: 'feed',
    at: day(4),
    cluster: 'c4',
    matches: [{ claimId: 'A', score: 0.45 }],
  });
});
afterAll(() => db?.close());

describe('claim store', () => {
  it('counts suggested appearances (strong top matches) by day, channel and province', async () => {
    const a = await stores.claims.counts('A');
    expect(a.total).toBe(2);
    expect(a.byChannel).toEqual([{ key: 'x', n: 2 }]);
    expect(a.byProvince.find((p) => p.key === 'İzmir')?.n).toBe(2);
    expect(a.byDay.reduce((s, d) => s + d.suggested, 0)).toBe(2);
    expect(a.firstSeen! < a.lastSeen!).toBe(true);
    expect((await stores.claims.counts('B')).byChannel).toEqual([{ key: 'feed', n: 2 }]);
  });

  it('a rejected pair is no longer an appearance; a confirmed one counts, even when ranked lower', async () => {
    await stores.claimLinks.decide({
      itemId: ids[3]!,
      claimId: 'B',
      kind: 'rejected',
      score: 0.6,
      by: 'u@x',
    });
    expect((await stores.claims.counts('B')).total).toBe(1);
    for (const i of [0, 3])
      await stores.claimLinks.decide({
        itemId: ids[i]!,
        claimId: 'A',
        kind: 'confirmed',
        score: 0.5,
        by: 'u@x',
      });
    const a = await stores.claims.counts('A');
    expect(a.total).toBe(3);
    expect(a.byDay.reduce((s, d) => s + d.confirmed, 0)).toBe(2);
    const apps = await stores.claims.appearances('A');
    expect(apps.map((x) => [x.itemId, x.kind]).sort()).toEqual([
      [ids[0], 'confirmed'],
      [ids[1], 'suggested'],
      [ids[3], 'confirmed'],
    ]);
  });

  it('confirms a claim for the items of a near-duplicate cluster; decided pairs keep their decision', async () => {
    const cluster = await stores.claimLinks.clusterItems(ids[0]!);
    expect(cluster.sort()).toEqual([ids[0], ids[1]].sort());
    // item 0 was already confirmed; only item 1 is new.
    expect(await stores.claimLinks.confirmMany(cluster, 'A', 'u@x')).toEqual([ids[1]]);
    expect(await stores.claimLinks.confirmMany([ids[3]!], 'A', 'u@x')).toEqual([]);
    const m = await stores.claims.forMatcher();
    expect(m.find((c) => c.id === 'A')?.examples).toHaveLength(3);
  });

  it('sorts the overview by total and filters by province', async () => {
    const all = await stores.claims.overview({ sort: 'total' });
    expect(all.map((c) => [c.id, c.total])).toEqual([
      ['A', 3],
      ['B', 1],
    ]);
    const ankara = await stores.claims.overview({ province: 'Ankara' });
    expect(ankara.map((c) => [c.id, c.total])).toEqual([
      ['B', 1],
      ['A', 1],
    ]);
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
    // B's links (item 2 confirmed, item 3 rejected) move; A's confirmation of item 3 wins.
    const moved = await stores.claims.merge('B', 'A');
    expect(moved).toBe(2);
    expect((await stores.claims.get('B'))?.mergedInto).toBe('A');
    const a = await stores.claims.counts('A');
    expect(a.total).toBe(4);
    expect(a.byDay.reduce((s, d) => s + d.confirmed, 0)).toBe(4);
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

  it('a confident match links the item automatically; a person decides over it', async () => {
    const save = (score: number, confident: boolean) =>
      stores.items.saveTagResults([
        {
          id: ids[4]!,
          result: {
            redactedText: 'örnek 4',
            checkWorthiness: 0.5,
            risk: 0.5,
            flagged: false,
            clusterKey: 'c4',
            matches: [{ claimId: 'A', score, confident }],
          } as never,
        },
      ]);
    await save(0.9, true);
    expect(await stores.claimLinks.forItem(ids[4]!)).toMatchObject([
      { claimId: 'A', kind: 'automatic', by: null },
    ]);
    const apps = await stores.claims.appearances('A');
    expect(apps.find((x) => x.itemId === ids[4])?.kind).toBe('automatic');
    expect((await stores.claims.counts('A')).byDay.reduce((s, d) => s + d.automatic, 0)).toBe(1);
    // Tagged again without confidence: the automatic link goes away.
    await save(0.45, false);
    expect(await stores.claimLinks.forItem(ids[4]!)).toEqual([]);
    // A rejection (the undo) is never overwritten by the matcher.
    await save(0.9, true);
    await stores.claimLinks.decide({
      itemId: ids[4]!,
      claimId: 'A',
      kind: 'rejected',
      score: 0.9,
      by: 'u@x',
    });
    await save(0.9, true);
    expect(await stores.claimLinks.forItem(ids[4]!)).toMatchObject([{ kind: 'rejected' }]);
    expect((await stores.claims.appearances('A')).some((x) => x.itemId === ids[4])).toBe(false);
  });
});
