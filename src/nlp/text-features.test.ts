import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';
import { type FeatureSpec, featureId, textFeatures } from './text-features.js';

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
  const has = (name: string) => f.includes(featureId(name));
  it('keeps Turkish case folding and an ASCII-folded form of each word', () => {
    expect(has('u:istanbulda')).toBe(true);
    expect(has('u:ışık')).toBe(true);
    expect(has('a:isik')).toBe(true);
    expect(has('a:istanbulda')).toBe(true);
  });
  it('adds bigrams, 5-letter prefixes of longer words and character n-grams inside word boundaries', () => {
    expect(has('b:isik_kesintisi')).toBe(true);
    expect(has('p:kesin')).toBe(true);
    expect(has('p:isik')).toBe(false);
    expect(has('c: is')).toBe(true);
    expect(has('c:isi ')).toBe(true);
    expect(has('c:k k')).toBe(false);
  });
  it('yields exactly the ids of the feature names (no more, no duplicates)', () => {
    const words = ['istanbulda', 'isik', 'kesintisi'];
    const names = new Set(['u:istanbulda', 'u:ışık', 'u:kesintisi', 'k:mention', 'k:url', 'k:num']);
    words.forEach((w, i) => {
      names.add(`a:${w}`);
      if (i) names.add(`b:${words[i - 1]}_${w}`);
      if (w.length > 5) names.add(`p:${w.slice(0, 5)}`);
      const padded = ` ${w} `;
      for (let n = 3; n <= 4; n++)
        for (let k = 0; k + n <= padded.length; k++) names.add(`c:${padded.slice(k, k + n)}`);
    });
    expect([...f].sort()).toEqual([...names].map(featureId).sort());
  });
  it('counts links, mentions and numbers as kinds, never by their text', () => {
    expect(has('k:url') && has('k:mention') && has('k:num')).toBe(true);
    expect(has('a:belediye')).toBe(false);
  });
  it('gives text typed without Turkish letters the same folded features', () => {
    const spec = { ...ALL, turkishWords: false };
    expect(textFeatures(normalise('aşı olanlar ölüyor'), spec)).toEqual(
      textFeatures(normalise('asi olanlar oluyor'), spec),
    );
  });
});
