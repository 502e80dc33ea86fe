import stopword from 'stopword';
import { type Normalised, turkishLower } from './normalise.js';
import type { Stemmer } from './stem.js';
import { asciiFold } from './text-view.js';

const STOP = new Set([...stopword.tur, ...stopword.eng].map((w) => asciiFold(w).toLowerCase()));

/** True for function words of Turkish or English (ASCII-folded). */
export function isStopword(w: string): boolean {
  return STOP.has(w);
}

/** Content stems of a normalised text (words and hashtag parts, stop-words removed). */
export function contentStems(norm: Normalised, stem: Stemmer): string[] {
  const out: string[] = [];
  for (const t of norm.tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    if (t.root.length < 2 || STOP.has(t.root)) continue;
    if ((stem as { surface?: boolean }).surface) {
      const v = norm.view;
      const surface = turkishLower(v.original.slice(v.map[t.start]!, v.map[t.start + t.root.length]!));
      out.push(stem(surface.replace(/['’].*$/, '')));
    } else out.push(stem(t.root));
  }
  return out;
}

/** Which feature groups a check-worthiness model uses (stored in the model file). */
export interface FeatureSpec {
  /** Words lower-cased the Turkish way, Turkish letters kept (`u:`). */
  turkishWords: boolean;
  /** ASCII-folded words (`a:`); also the base of bigrams, prefixes and character n-grams. */
  foldedWords: boolean;
  /** Folded word bigrams (`b:`). */
  bigrams: boolean;
  /** Prefix length of folded words longer than it (`p:`, 0 = off; 5 is the classic Turkish F5). */
  prefix: number;
  /** Character n-grams inside word boundaries (`c:`), lengths charMin..charMax; 0 = off. */
  charMin: number;
  charMax: number;
}

const OFFSET = 0x811c9dc5;
const step = (h: number, c: number) => Math.imul(h ^ c, 0x01000193);
function run(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) h = step(h, s.charCodeAt(i));
  return h;
}
const NS = {
  u: run(OFFSET, 'u:'),
  a: run(OFFSET, 'a:'),
  b: run(OFFSET, 'b:'),
  p: run(OFFSET, 'p:'),
  c: run(OFFSET, 'c:'),
};
const SPACE = 0x20;

/**
 * Id of a feature name: 32-bit FNV-1a of e.g. `a:deprem`, `b:asi_olanlar`, `c: as`. The model stores
 * ids, not names, so scoring allocates no strings (collisions are negligible at ~10^5 features).
 */
export function featureId(name: string): number {
  return run(OFFSET, name) >>> 0;
}

const KIND_URL = featureId('k:url');
const KIND_MENTION = featureId('k:mention');
const KIND_NUM = featureId('k:num');

// A reusable open-addressing set of uint32 ids (stamped per call, so never cleared): a Set<number>
// per text was a third of the featurisation time.
let seenKeys = new Uint32Array(4096);
let seenStamp = new Uint32Array(4096);
let stamp = 0;
function distinct() {
  if (++stamp === 0xffffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  const out: number[] = [];
  const add = (id: number) => {
    if (out.length * 2 >= seenKeys.length) grow(out);
    const mask = seenKeys.length - 1;
    let h = Math.imul(id, 0x9e3779b1) & mask;
    while (seenStamp[h] === stamp) {
      if (seenKeys[h] === id) return;
      h = (h + 1) & mask;
    }
    seenStamp[h] = stamp;
    seenKeys[h] = id;
    out.push(id);
  };
  return { out, add };
}
function grow(current: number[]): void {
  seenKeys = new Uint32Array(seenKeys.length * 2);
  seenStamp = new Uint32Array(seenKeys.length);
  stamp = 1;
  const mask = seenKeys.length - 1;
  for (const id of current) {
    let h = Math.imul(id, 0x9e3779b1) & mask;
    while (seenStamp[h] === stamp) h = (h + 1) & mask;
    seenStamp[h] = stamp;
    seenKeys[h] = id;
  }
}

/** Id of `u:` + the Turkish lower-case form of original[from, to) without apostrophes, allocation-free. */
function turkishLowerHash(original: string, from: number, to: number): number {
  let h = NS.u;
  for (let i = from; i < to; i++) {
    const c = original.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) {
      // Decomposed input: take the exact (slower) path so NFC and NFD hash alike.
      return run(NS.u, turkishLower(original.slice(from, to)).replace(/['’]/g, '')) >>> 0;
    }
    if (c === 0x27 || c === 0x2019) continue;
    if (c < 0x80) h = step(h, c === 0x49 ? 0x131 : c >= 0x41 && c <= 0x5a ? c + 32 : c);
    else if (c === 0x130) h = step(h, 0x69);
    else h = run(h, String.fromCharCode(c).toLowerCase());
  }
  return h >>> 0;
}

/**
 * Distinct feature ids of a text for the check-worthiness classifier (names as in `featureId`):
 * Turkish lower-case words `u:`, folded words `a:`, folded bigrams `b:x_y`, prefixes `p:` and
 * character n-grams inside word boundaries `c:`. Links, mentions and numbers count as kinds
 * (`k:url`, `k:mention`, `k:num`), never by their text.
 */
export function textFeatures(norm: Normalised, spec: FeatureSpec): number[] {
  const f = distinct();
  const v = norm.view;
  let prev = -1;
  for (let ti = 0; ti < norm.tokens.length; ti++) {
    const t = norm.tokens[ti]!;
    if (t.kind !== 'word' && t.kind !== 'hashtag') {
      if (t.kind === 'url') f.add(KIND_URL);
      else if (t.kind === 'mention') f.add(KIND_MENTION);
      else if (t.kind === 'number') f.add(KIND_NUM);
      prev = -1;
      continue;
    }
    const w = t.text;
    if (spec.turkishWords) f.add(turkishLowerHash(v.original, v.map[t.start]!, v.map[t.end]!));
    if (spec.foldedWords) f.add(run(NS.a, w) >>> 0);
    if (spec.bigrams && prev >= 0) f.add(run(step(run(NS.b, norm.tokens[prev]!.text), 0x5f), w) >>> 0);
    prev = ti;
    if (spec.prefix && w.length > spec.prefix) f.add(run(NS.p, w, 0, spec.prefix) >>> 0);
    if (spec.charMin) {
      // Grams of " w ": one pass per start position yields every length from charMin to charMax.
      const len = w.length + 2;
      for (let i = 0; i + spec.charMin <= len; i++) {
        let h = NS.c;
        const end = Math.min(len, i + spec.charMax);
        for (let k = i; k < end; k++) {
          h = step(h, k === 0 || k === len - 1 ? SPACE : w.charCodeAt(k - 1));
          if (k - i + 1 >= spec.charMin) f.add(h >>> 0);
        }
      }
    }
  }
  return f.out;
}
