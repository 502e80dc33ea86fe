import stopword from 'stopword';
import type { Normalised } from './normalise.js';
import { asciiFold } from './text-view.js';

/**
 * Text the detector sees: word tokens of the original text only, so links, mentions, hashtags,
 * numbers and emoji neither count as letters nor sway the n-gram scores.
 */
export function letterText(norm: Normalised): string {
  const v = norm.view;
  const parts: string[] = [];
  for (const t of norm.tokens) {
    if (t.kind === 'word') parts.push(v.original.slice(v.map[t.start]!, v.map[t.end]!));
  }
  return parts.join(' ');
}

/** The fallback's answer: Turkish, English or anything else. */
export interface HeuristicGuess {
  lang: 'tr' | 'en' | 'other';
  confidence: number;
}

const { deu, eng, fra, ita, kur, nld, por, spa, tur } = stopword;
const fold = (list: string[]) => new Set(list.map((w) => asciiFold(w).toLowerCase()));
const TR_EXTRA = [
  'bu',
  've',
  'bir',
  'da',
  'de',
  'ki',
  'mi',
  'mu',
  'icin',
  'ile',
  'cok',
  'var',
  'yok',
  'olan',
  'olarak',
];
const TR = fold([...tur, ...TR_EXTRA]);
const EN = fold([...eng, 'the', 'of', 'and', 'is', 'are', 'this', 'not', 'will', 'has', 'people']);
const OTHER = new Set(
  [...fold([...deu, ...fra, ...spa, ...ita, ...por, ...nld, ...kur])].filter((w) => !TR.has(w) && !EN.has(w)),
);
for (const w of [
  'a',
  'i',
  'o',
  'e',
  'en',
  'in',
  'on',
  'no',
  'me',
  'de',
  'da',
  'so',
  'ne',
  'ben',
  'sen',
  'ya',
  'ki',
]) {
  OTHER.delete(w);
}
const TR_SUFFIX =
  /(?:yor(?:um|uz|sun|lar)?|lar|ler|lari|leri|dir|dır|tir|miş|mis|acak|ecek|ınız|iniz|sını|sini|nın|nin|dan|den|tan|ten)$/;
const EN_SUFFIX = /(?:ing|tion|ly|ed|ness|ment|ous)$/;
const TR_LETTERS = /[çğışöüÇĞİŞÖÜ]/;

/**
 * Guesses tr / en / other from Turkish letters, stop-words and suffixes (the fallback for texts too
 * short for an n-gram detector). Only word tokens count: links, mentions and hashtags are not letters.
 */
export function detectLanguageHeuristic(norm: Normalised): HeuristicGuess {
  let latin = 0;
  let nonLatin = 0;
  const orig = letterText(norm);
  for (let i = 0; i < orig.length; i++) {
    const c = orig.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c < 0x250)) latin++;
    else if (c >= 0x370 && c < 0x2000) nonLatin++;
  }
  if (nonLatin > latin) return { lang: 'other', confidence: round(nonLatin / (latin + nonLatin)) };
  let tr = 0;
  let en = 0;
  let other = 0;
  let words = 0;
  for (const tok of norm.tokens) {
    if (tok.kind !== 'word') continue;
    words++;
    const w = tok.root;
    if (TR.has(w)) tr += 1;
    if (EN.has(w)) en += 1;
    if (OTHER.has(w)) other += 1;
    if (w.length > 4 && TR_SUFFIX.test(w)) tr += 0.4;
    if (w.length > 4 && EN_SUFFIX.test(w)) en += 0.3;
    if (tok.root !== tok.text) tr += 0.5; // apostrophe + case suffix: "İstanbul'da"
  }
  const letters = orig.match(new RegExp(TR_LETTERS.source, 'g'))?.length ?? 0;
  tr += Math.min(letters, words) * 0.8;
  const total = tr + en + other;
  if (total < 0.5) return { lang: words === 0 ? 'other' : 'tr', confidence: words === 0 ? 0.3 : 0.4 };
  const best = Math.max(tr, en, other);
  const lang = best === tr ? 'tr' : best === en ? 'en' : 'other';
  // Confidence grows with the margin and with the amount of evidence.
  const margin = best / total;
  const evidence = 1 - Math.exp(-total / 2);
  return { lang, confidence: round(0.5 * margin + 0.5 * margin * evidence) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
