import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryVector, scoreDoc, tfidfVector, topIndices, toSparse } from './claim-vectors.js';

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

  it('the query vector (sorted arrays) equals the map-built TF-IDF vector', () => {
    const hash = fc.integer({ min: 0, max: 60 }).map((x) => (x * 2654435761) >>> 0);
    fc.assert(
      fc.property(
        fc.array(hash, { maxLength: 40 }),
        fc.array(hash, { maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (prefixes, grams, share) => {
          const f = { prefixes, grams, words: [], tokens: [] };
          const idf = (h: number) => 1 + (h % 7) / 3;
          const expected = toSparse(tfidfVector(f, share, idf));
          const got = queryVector(f, share, idf);
          expect([...got.keys]).toEqual([...expected.keys]);
          for (let i = 0; i < got.weights.length; i++)
            expect(got.weights[i]).toBeCloseTo(expected.weights[i]!, 5);
        },
      ),
    );
  });
});
