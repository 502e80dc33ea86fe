import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreDoc, topIndices, toSparse } from './claim-vectors.js';

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
});
