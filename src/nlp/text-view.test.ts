import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiFold, asciiFoldReference, buildView, toOriginal } from './text-view.js';

describe('text view', () => {
  it('folds Turkish letters and both i forms, in NFC and NFD alike', () => {
    expect(asciiFold('İĞNE ığne ŞÖÇÜ şöçü')).toBe('igne igne socu socu');
    expect(buildView('aşı olanlar ölüyor').text).toBe(buildView('asi olanlar oluyor').text);
    expect(buildView('Aşı'.normalize('NFD')).text).toBe(buildView('Aşı').text);
  });

  it('collapses runs of three or more letters but keeps doubles and URLs', () => {
    expect(buildView('acilll saat').text).toBe('acil saat');
    const v = buildView('bakın https://ex.com/aaaa');
    expect(v.text).toContain('https://ex.com/aaaa');
    expect(v.urls).toHaveLength(1);
  });

  it('splits camel-case hashtags into words', () => {
    expect(buildView('#SonDakikaDeprem').text).toContain('son dakika deprem');
  });

  it('maps every view position back into the original text, monotonically', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'aAşŞıİğĞ #xX!çÇ.'.split('')), maxLength: 60 }),
        (s) => {
          const v = buildView(s);
          expect(v.map[v.text.length]).toBe(s.length);
          for (let k = 0; k < v.text.length; k++) {
            expect(v.map[k]!).toBeGreaterThanOrEqual(0);
            expect(v.map[k]!).toBeLessThan(s.length);
            if (k > 0) expect(v.map[k]!).toBeGreaterThanOrEqual(v.map[k - 1]!);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('converts a view span to the original span of the same word', () => {
    const s = 'SİLİNMEDEN PAYLAŞIN!!!';
    const v = buildView(s);
    const k = v.text.indexOf('paylasin');
    const o = toOriginal(v, k, k + 'paylasin'.length);
    expect(s.slice(o.start, o.end)).toBe('PAYLAŞIN');
  });
});

describe('asciiFold', () => {
  it('equals the per-character definition on any string, short or long', () => {
    const chars = fc.constantFrom(...'aAıIiİşŞğĞüÜöÖçÇâÂ \u0301\u0307’“x1😱ΣЖ');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(chars, { maxLength: 300 }).map((a) => a.join('')),
        ),
        (s) => {
          expect(asciiFold(s)).toBe(asciiFoldReference(s));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
