import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Normalised, normalise, surfaceReference, turkishLower } from './normalise.js';
import { asciiFold, buildView } from './text-view.js';

describe('normalise', () => {
  it('turkishLower gives the same string on its fast path as the full conversion', () => {
    const full = (s: string) => s.normalize('NFC').replace(/İ/g, 'i').replace(/I/g, 'ı').toLowerCase();
    const letters = [..."abcçdefgğhıijklmnoöprsştuüvyzâîûABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZ0 9'’-\u0301\u0307é"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { maxLength: 12 }), (cs) => {
        const s = cs.join('');
        expect(turkishLower(s)).toBe(full(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('lower-cases Turkish dotted and dotless i correctly', () => {
    expect(turkishLower('İSTANBUL IĞDIR')).toBe('istanbul ığdır');
    expect(turkishLower('ığdır')).toBe('ığdır');
    expect(turkishLower('e\u0301')).toBe('\u00e9'); // decomposed letters are composed
    expect(buildView('İSTANBUL IĞDIR').text).toBe('istanbul igdir');
  });

  it('gives text typed without Turkish letters the same view', () => {
    expect(buildView('aşı olanlar ölüyor').text).toBe(buildView('asi olanlar oluyor').text);
    expect(asciiFold('ÇĞİÖŞÜçğıöşü')).toBe('cgiosucgiosu');
  });

  it('folds decomposed (NFD) input and keeps offsets into the original', () => {
    const original = 'as\u0327ı'.normalize('NFD'); // "aşı" with a combining cedilla
    const v = buildView(original);
    expect(v.text).toBe('asi');
    expect(v.map[v.text.length]).toBe(original.length);
  });

  it('collapses letter runs of three or more but keeps doubles', () => {
    const v = buildView('acilll saat dikkat çooook');
    expect(v.text).toBe('acil saat dikkat cok');
    // "acil" in the view maps back to the whole "acilll" in the input
    expect(v.original.slice(v.map[0], v.map[4])).toBe('acilll');
  });

  it('splits camel-case hashtags into words with original offsets', () => {
    const n = normalise('Bakın #SonDakikaDeprem haberi');
    expect(n.hashtags).toEqual(['son dakika deprem']);
    const parts = n.tokens.filter((t) => t.kind === 'hashtag');
    expect(parts.map((t) => n.view.original.slice(n.view.map[t.start], n.view.map[t.end]))).toEqual([
      'Son',
      'Dakika',
      'Deprem',
    ]);
    expect(n.tokens.at(-1)?.text).toBe('haberi');
  });

  it('recognises URLs, mentions and emoji', () => {
    const n = normalise('@AFADBaskanlik açıkladı 😱 https://example.com/a?b=1 ve bit.ly/xyz');
    expect(n.mentions).toEqual(['afadbaskanlik']);
    expect(n.emojiCount).toBe(1);
    expect(n.tokens.filter((t) => t.kind === 'url').map((t) => t.text)).toEqual([
      'https://example.com/a?b=1',
      'bit.ly/xyz',
    ]);
  });

  it('keeps the part before an apostrophe as the root', () => {
    const n = normalise("İstanbul'da");
    expect(n.tokens[0]).toMatchObject({ text: 'istanbulda', root: 'istanbul' });
  });
});

describe('surface features', () => {
  const pick = (n: Normalised) => ({ elongations: n.elongations, upperRatio: n.upperRatio });
  it('equal the reference definition (per-character case test, letter-run regex) on any text', () => {
    const chars = fc.constantFrom(...'aAıIiİşŞğĞüÜöÖçÇ  !1ßẞǅ\u0301😱𝐀𝐀𝐀ﬀΣσЖж');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.array(chars, { maxLength: 40 }).map((a) => a.join('')),
        ),
        (s) => {
          expect(pick(normalise(s))).toEqual(surfaceReference(s));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('count letter runs of three as the regex does (non-overlapping, astral letters too)', () => {
    for (const s of ['aaaaaa', 'aaaa', 'ŞŞŞ', 'AAAbbbb', '!!!', '111', '𝐀𝐀𝐀', 'çooook güzellll'])
      expect(pick(normalise(s))).toEqual(surfaceReference(s));
    expect(normalise('çooook güzellll').elongations).toBe(2);
  });
});
