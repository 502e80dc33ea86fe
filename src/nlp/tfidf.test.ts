import { describe, expect, it } from 'vitest';
import { binaryRow, fitVectoriser, idfOf, vectorise } from './tfidf.js';

describe('tfidf', () => {
  const docs = [
    [1, 2],
    [1, 3],
    [1, 2, 4],
  ];
  const v = fitVectoriser(docs, 2);
  it('keeps features seen in minDf documents, sorted, with smoothed idf', () => {
    expect(v.names).toEqual([1, 2]);
    expect(v.idf[0]).toBeCloseTo(idfOf(3, 3), 10);
    expect(v.idf[1]!).toBeGreaterThan(v.idf[0]!);
  });
  it('L2-normalises rows, counting unknown features in the norm only', () => {
    const r = vectorise(v, [1, 2]);
    expect(Math.hypot(...r.val)).toBeCloseTo(1, 10);
    const withUnknown = vectorise(v, [1, 2, 99]);
    expect(withUnknown.idx.length).toBe(2);
    expect(Math.hypot(...withUnknown.val)).toBeLessThan(1);
    expect(binaryRow(v, [2, 99])).toEqual({ idx: Int32Array.of(1), val: Float64Array.of(1) });
  });
});
