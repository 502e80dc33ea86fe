import type { Normalised, Token } from './normalise.js';
import { isStopword } from './text-features.js';

/** Which features claim matching uses; stored with the background statistics so both always agree. */
export interface ClaimFeatureSpec {
  /** Word prefix length (Turkish F5 = 5; 0 = no prefix features). */
  prefix: number;
  /** Shortest and longest character n-gram over the joined content words (0 = none). */
  gramMin: number;
  gramMax: number;
}

/** Features of one text: hashed word prefixes and hashed character n-grams, with the words behind the prefixes. */
export interface ClaimFeatures {
  prefixes: number[];
  grams: Uint32Array;
  /** Content words (folded) in order; `prefixes[i]` belongs to `words[i]`. */
  words: string[];
  /** The tokens behind `words` (for showing the words as written). */
  tokens: Token[];
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Prefix hashes start from another offset so a prefix and an n-gram of the same letters differ.
const PREFIX_OFFSET = 0x9e3779b9;

function hashRange(s: string, from: number, to: number, offset: number): number {
  let h = offset;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Hash of a word prefix feature (first `n` letters). */
export function prefixHash(word: string, n: number): number {
  return hashRange(word, 0, Math.min(n, word.length), PREFIX_OFFSET);
}

/**
 * Content words of a text for matching: words, hashtag parts and numbers
 * (folded, part before an apostrophe), Turkish and English function words dropped.
 */
export function matchTokens(norm: Normalised): Token[] {
  const out: Token[] = [];
  for (const t of norm.tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag' && t.kind !== 'number') continue;
    if (t.kind !== 'number' && (t.root.length < 2 || isStopword(t.root))) continue;
    out.push(t);
  }
  return out;
}

/**
 * Hashed claim-matching features. N-grams run over the content words joined
 * by single spaces (padded), so grams across a word boundary carry a little
 * word-order information; hashing is incremental (no substring allocation).
 */
export function claimFeatures(norm: Normalised, spec: ClaimFeatureSpec): ClaimFeatures {
  const tokens = matchTokens(norm);
  const words = tokens.map((t) => t.root);
  const prefixes = spec.prefix > 0 ? words.map((w) => prefixHash(w, spec.prefix)) : [];
  if (spec.gramMax === 0 || words.length === 0) return { prefixes, grams: NO_GRAMS, words, tokens };
  // The padded joined text " w1 w2 … wn " as char codes, without building the string.
  let len = 1;
  for (const w of words) len += w.length + 1;
  if (codes.length < len) codes = new Uint16Array(2 * len);
  let k = 0;
  codes[k++] = 0x20;
  for (const w of words) {
    for (let i = 0; i < w.length; i++) codes[k++] = w.charCodeAt(i);
    codes[k++] = 0x20;
  }
  const lo = Math.max(1, spec.gramMin);
  let count = 0;
  for (let n = lo; n <= spec.gramMax; n++) count += Math.max(0, len - n + 1);
  const grams = new Uint32Array(count);
  let g = 0;
  for (let i = 0; i < len; i++) {
    let h = FNV_OFFSET;
    for (let n = 1; n <= spec.gramMax && i + n <= len; n++) {
      h ^= codes[i + n - 1]!;
      h = Math.imul(h, FNV_PRIME);
      if (n >= spec.gramMin) grams[g++] = h >>> 0;
    }
  }
  return { prefixes, grams: g === count ? grams : grams.subarray(0, g), words, tokens };
}

const NO_GRAMS = new Uint32Array(0);
// Reused between calls (callers are synchronous).
let codes = new Uint16Array(512);

/** Unique features of a text (what document frequencies count). */
export function uniqueFeatures(f: ClaimFeatures): number[] {
  const s = new Set<number>(f.prefixes);
  for (const g of f.grams) s.add(g);
  return [...s];
}
