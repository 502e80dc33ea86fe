import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DenseQuery,
  DocArena,
  FeatureTable,
  PostingLists,
  QueryBuilder,
  scoreDoc,
  tfidfVector,
  topIndices,
  toSparse,
} from './claim-vectors.js';

describe('claim vectors', () => {
  it('topIndices returns the k largest values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 60 }),
        (vals, k) => {
          const items = Int32Array.from(vals.map((_, i) => i));
          const got = topIndices(items, items.length, Float64Array.from(vals), k)
            .map((i) => vals[i]!)
            .sort((a, b) => b - a);
          const want = [...vals].sort((a, b) => b - a).slice(0, k);
          expect(got).toEqual(want);
        },
      ),
    );
  });

  it('scoreDoc gives the dot product and the share of the document weight the query covers', () => {
    const doc = toSparse(
      new Map([
        [1, 0.6],
        [2, 0.8],
      ]),
    );
    const r = scoreDoc(
      doc,
      toSparse(
        new Map([
          [3, 0.5],
          [2, 0.5],
        ]),
      ),
    );
    expect(r.score).toBeCloseTo(0.4, 6);
    expect(r.coverage).toBeCloseTo(0.64, 6);
  });

  const vector = fc
    .uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 120 })
    .chain((ks) =>
      fc.tuple(
        fc.constant(ks.map((k) => (k * 2654435761) >>> 0)),
        fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), {
          minLength: ks.length,
          maxLength: ks.length,
        }),
      ),
    )
    .map(([keys, ws]) => toSparse(new Map(keys.map((k, i) => [k, ws[i]!]))));

  it('the dense query and the document arena give exactly the score and coverage of scoreDoc', () => {
    const table = new DenseQuery();
    fc.assert(
      fc.property(vector, fc.array(vector, { minLength: 1, maxLength: 5 }), (query, docs) => {
        // Feature ids as the claim index gives them: in order of first appearance.
        const ids = new Map<number, number>();
        const idOf = (k: number) => ids.get(k) ?? ids.set(k, ids.size).get(k)!;
        const arena = new DocArena();
        for (const d of docs) arena.add(d, idOf);
        // Some query features no document has: they get no id and must not count.
        const queryIds = Array.from(query.keys, (k) => ids.get(k) ?? -1);
        table.load(queryIds, query.weights, query.keys.length, ids.size);
        docs.forEach((d, i) => {
          const want = scoreDoc(d, query);
          table.scoreRun(arena.cells, arena.keys, arena.start[i]!, arena.start[i + 1]!, arena.norm2[i]!);
          expect([table.score, table.coverage]).toEqual([want.score, want.coverage]);
        });
        // After clear() nothing of this query is left for the next one.
        table.clear();
        docs.forEach((_, i) => {
          table.scoreRun(arena.cells, arena.keys, arena.start[i]!, arena.start[i + 1]!, arena.norm2[i]!);
          expect(table.score).toBe(0);
        });
      }),
    );
  });

  it('the feature table maps every stored hash to its id and unknown hashes to -1', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 700 }), (hs) => {
        const t = new FeatureTable();
        for (const [i, h] of hs.entries()) t.set(h, i);
        for (const [i, h] of hs.entries()) expect(t.get(h)).toBe(i);
        const known = new Set(hs);
        for (let x = 1; x < 50; x++) if (!known.has(x)) expect(t.get(x)).toBe(-1);
      }),
    );
    // Growth past the initial capacity keeps every entry.
    const t = new FeatureTable();
    for (let i = 0; i < 100_000; i++) t.set(Math.imul(i, 0x9e3779b1) >>> 0, i);
    for (let i = 0; i < 100_000; i += 997) expect(t.get(Math.imul(i, 0x9e3779b1) >>> 0)).toBe(i);
    expect(t.size).toBe(100_000);
  });

  it('the query builder gives the TF-IDF vector of the text with the feature id of each key', () => {
    const hash = fc.integer({ min: 0, max: 60 }).map((x) => (x * 2654435761) >>> 0);
    fc.assert(
      fc.property(
        fc.array(hash, { maxLength: 40 }),
        fc.array(hash, { maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (prefixes, grams, share) => {
          const table = new FeatureTable();
          const idfs: number[] = [];
          // Every other hash is known to the index.
          for (let x = 0; x <= 60; x += 2) {
            table.set((x * 2654435761) >>> 0, idfs.length);
            idfs.push(1 + x / 10);
          }
          const idf = (h: number) => {
            const fi = table.get(h);
            return fi < 0 ? 9 : idfs[fi]!;
          };
          const f = { prefixes, grams: Uint32Array.from(grams), words: [], tokens: [] };
          // The document side's definition: a Map-built TF-IDF vector, sorted by key.
          const want = toSparse(tfidfVector(f, share, idf));
          const got = new QueryBuilder(table, idfs, 9).build(f, share);
          expect([...got.keys.subarray(0, got.n)]).toEqual([...want.keys]);
          for (let i = 0; i < got.n; i++) expect(got.weights[i]).toBeCloseTo(want.weights[i]!, 5);
          for (let i = 0; i < got.n; i++) expect(got.feats[i]).toBe(table.get(got.keys[i]!));
        },
      ),
    );
  });

  it('posting lists keep every posting in the order added, across compactions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ f: fc.nat(30), d: fc.nat(1000), w: fc.double({ noNaN: true }) }),
            fc.constant('compact' as const),
          ),
          { maxLength: 300 },
        ),
        (ops) => {
          const lists = new PostingLists();
          const want = new Map<number, Array<[number, number]>>();
          for (const op of ops) {
            if (op === 'compact') {
              lists.compact();
              continue;
            }
            lists.add(op.f, op.d, op.w);
            want.set(op.f, [...(want.get(op.f) ?? []), [op.d, op.w]]);
          }
          const check = () => {
            for (let f = 0; f <= 31; f++) {
              const got: Array<[number, number]> = [];
              if (f + 1 < lists.start.length)
                for (let k = lists.start[f]!; k < lists.start[f + 1]!; k++)
                  got.push([lists.docs[k]!, lists.weights[k]!]);
              const tail = lists.tail(f);
              if (tail)
                for (let k = 0; k < tail.length; k++) got.push([tail[k]!, lists.tailWeightsOf(f)[k]!]);
              expect(got).toEqual(want.get(f) ?? []);
              expect(lists.length(f)).toBe(got.length);
            }
          };
          // Lists are read only after the first compaction (an index compacts once it is built).
          if (ops.includes('compact')) check();
          lists.compact();
          check();
        },
      ),
    );
  });
});
