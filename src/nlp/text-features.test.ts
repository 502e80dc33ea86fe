import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';
import { type FeatureSpec, textFeatures } from './text-features.js';
import { binaryRow, fitVectoriser, idfOf, vectorise } from './tfidf.js';

const ALL: FeatureSpec = {
  turkishWords: true,
  foldedWords: true,
  bigrams: true,
  prefix: 5,
  charMin: 3,
  charMax: 4,
};

describe('textFeatures', () => {
  const f = textFeatures(normalise("İstanbul'da IŞIK kesintisi @belediye https://t.co/x 12"), ALL);
  it('keeps Turkish case folding and an ASCII-folded form of each word', () => {
    expect(f).toContain('u:istanbulda');
    expect(f).toContain('u:ışık');
    expect(f).toContain('a:isik');
    expect(f).toContain('a:istanbulda');
  });
  it('adds bigrams, 5-letter prefixes of longer words and character n-grams inside word boundaries', () => {
    expect(f).toContain('b:isik_kesintisi');
    expect(f).toContain('p:kesin');
    expect(f).not.toContain('p:isik');
    expect(f).toContain('c: is');
    expect(f).toContain('c:isi ');
    expect(f.some((x) => x.startsWith('c:') && x.slice(2).trim().includes(' '))).toBe(false);
  });
  it('counts links, mentions and numbers as kinds, never by their text', () => {
    expect(f).toEqual(expect.arrayContaining(['k:url', 'k:mention', 'k:num']));
    expect(f.some((x) => x.includes('belediye') || x.includes('t.co'))).toBe(false);
  });
  it('gives text typed without Turkish letters the same folded features', () => {
    const spec = { ...ALL, turkishWords: false };
    expect(textFeatures(normalise('aşı olanlar ölüyor'), spec)).toEqual(
      textFeatures(normalise('asi olanlar oluyor'), spec),
    );
  });
});

describe('tfidf', () => {
  const docs = [
    ['a', 'b'],
    ['a', 'c'],
    ['a', 'b', 'd'],
  ];
  const v = fitVectoriser(docs, 2);
  it('keeps features seen in minDf documents, sorted, with smoothed idf', () => {
    expect(v.names).toEqual(['a', 'b']);
    expect(v.idf[0]).toBeCloseTo(idfOf(3, 3), 10);
    expect(v.idf[1]!).toBeGreaterThan(v.idf[0]!);
  });
  it('L2-normalises rows, counting unknown features in the norm only', () => {
    const r = vectorise(v, ['a', 'b']);
    expect(Math.hypot(...r.val)).toBeCloseTo(1, 10);
    const withUnknown = vectorise(v, ['a', 'b', 'zzz']);
    expect(withUnknown.idx.length).toBe(2);
    expect(Math.hypot(...withUnknown.val)).toBeLessThan(1);
    expect(binaryRow(v, ['b', 'zzz'])).toEqual({ idx: Int32Array.of(1), val: Float64Array.of(1) });
  });
});
