import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cached, f5Stem, lightTurkishStem } from './stem.js';
import { turkishStemmer } from './stemmers.js';

describe('Turkish stemmers', () => {
  it('light: strips inflection but keeps derivation and short words', () => {
    expect(lightTurkishStem('depremde')).toBe('deprem');
    expect(lightTurkishStem('depremler')).toBe('deprem');
    expect(lightTurkishStem('asisiz')).not.toBe(lightTurkishStem('asi'));
    expect(lightTurkishStem('ev')).toBe('ev');
  });

  it('light: never returns a longer word, never shorter than three letters for longer input', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcdeilmnrstuyz'.split('')), minLength: 1, maxLength: 14 }),
        (w) => {
          const s = lightTurkishStem(w);
          expect(w.startsWith(s)).toBe(true);
          if (w.length >= 4) expect(s.length).toBeGreaterThanOrEqual(3);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('f5 truncates to five letters', () => {
    expect(f5Stem('depremler')).toBe('depre');
    expect(f5Stem('ev')).toBe('ev');
  });

  it('named stemmers: snowball and nlp.js return folded stems of surface words', () => {
    expect(turkishStemmer('none')('kitaplar')).toBe('kitaplar');
    for (const name of ['snowball', 'nlpjs'] as const) {
      const s = turkishStemmer(name)('kitaplarımızdan');
      expect(s).toMatch(/^kitap/);
      expect(s).toMatch(/^[a-z]+$/);
    }
  });

  it('cached returns the same stems and clears itself when full', () => {
    let calls = 0;
    const s = cached((w: string) => {
      calls++;
      return w.slice(0, 2);
    }, 2);
    expect(s('abc')).toBe('ab');
    expect(s('abc')).toBe('ab');
    expect(calls).toBe(1);
    s('x');
    s('y');
    expect(s('abc')).toBe('ab');
    expect(calls).toBe(4);
  });
});
