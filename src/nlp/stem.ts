import porter from 'natural/lib/natural/stemmers/porter_stemmer.js';

/** A stemmer over ASCII-folded lower-case words. */
export type Stemmer = (word: string) => string;

/** Names of the Turkish stemmers compared in NLP.md. */
export const turkishStemmerNames = ['light', 'f5', 'snowball', 'nlpjs', 'none'] as const;
export type TurkishStemmerName = (typeof turkishStemmerNames)[number];

// Ordered longest first so the longest inflectional ending is removed.
const SUFFIXES = [
  'lerinden',
  'larindan',
  'lerinde',
  'larinda',
  'lerini',
  'larini',
  'lerine',
  'larina',
  'lerin',
  'larin',
  'iyorlar',
  'uyorlar',
  'iyor',
  'uyor',
  'yor',
  'sinda',
  'sinde',
  'sindan',
  'sinden',
  'nda',
  'nde',
  'ndan',
  'nden',
  'ndaki',
  'ndeki',
  'daki',
  'deki',
  'taki',
  'teki',
  'dan',
  'den',
  'tan',
  'ten',
  'leri',
  'lari',
  'ler',
  'lar',
  'imiz',
  'umuz',
  'iniz',
  'unuz',
  'miz',
  'muz',
  'niz',
  'nuz',
  'nin',
  'nun',
  'yla',
  'yle',
  'dir',
  'dur',
  'tir',
  'tur',
  'mis',
  'mus',
  'acak',
  'ecek',
  'mak',
  'mek',
  'si',
  'su',
  'ni',
  'nu',
  'yi',
  'yu',
  'ya',
  'ye',
  'na',
  'ne',
  'la',
  'le',
  'da',
  'de',
  'ta',
  'te',
  'in',
  'un',
  'im',
  'um',
  'a',
  'e',
  'i',
  'u',
];
const BY_LAST = new Map<string, string[]>();
for (const s of SUFFIXES) {
  const k = s[s.length - 1]!;
  BY_LAST.set(k, [...(BY_LAST.get(k) ?? []), s]);
}

/**
 * Light Turkish stemmer on ASCII-folded words: strips up to three inflectional
 * endings (case, plural, possessive, copula, tense), never below 4 letters.
 * Derivational suffixes are kept on purpose: "aşısız" stays apart from "aşı".
 */
export function lightTurkishStem(word: string): string {
  let w = word;
  for (let round = 0; round < 3; round++) {
    const cands = BY_LAST.get(w[w.length - 1] ?? '');
    if (!cands) break;
    let cut = '';
    for (const s of cands) {
      if (s.length > cut.length && w.length - s.length >= 4 - (round > 0 ? 1 : 0) && w.endsWith(s)) cut = s;
    }
    if (!cut) break;
    w = w.slice(0, w.length - cut.length);
  }
  return w;
}

/** Prefix truncation to five letters (the "F5" stemmer of Turkish IR studies). */
export function f5Stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** English: natural's Porter stemmer. */
export function englishStem(word: string): string {
  return porter.stem(word);
}

/** Wraps a stemmer with a bounded cache (cleared when full; stems are cheap to recompute). */
export function cached<S extends Stemmer>(stem: S, max = 200_000): S {
  const cache = new Map<string, string>();
  const fn = (word: string) => {
    let s = cache.get(word);
    if (s === undefined) {
      s = stem(word);
      if (cache.size >= max) cache.clear();
      cache.set(word, s);
    }
    return s;
  };
  return Object.assign(fn, stem);
}
