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

/**
 * Distinct feature names of a text for the check-worthiness classifier. Links, mentions and
 * numbers count as kinds (`k:url`, `k:mention`, `k:num`), never by their text.
 */
export function textFeatures(norm: Normalised, spec: FeatureSpec): string[] {
  const f = new Set<string>();
  const v = norm.view;
  let prev = '';
  for (const t of norm.tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') {
      if (t.kind === 'url' || t.kind === 'mention') f.add(`k:${t.kind}`);
      else if (t.kind === 'number') f.add('k:num');
      prev = '';
      continue;
    }
    const w = t.text;
    if (spec.turkishWords) {
      const surface = v.original.slice(v.map[t.start]!, v.map[t.end]!);
      f.add(`u:${turkishLower(surface).replace(/['’]/g, '')}`);
    }
    if (spec.foldedWords) f.add(`a:${w}`);
    if (spec.bigrams && prev) f.add(`b:${prev}_${w}`);
    prev = w;
    if (spec.prefix && w.length > spec.prefix) f.add(`p:${w.slice(0, spec.prefix)}`);
    if (spec.charMin) {
      const padded = ` ${w} `;
      for (let n = spec.charMin; n <= spec.charMax; n++) {
        if (n > padded.length) break;
        for (let i = 0; i + n <= padded.length; i++) f.add(`c:${padded.slice(i, i + n)}`);
      }
    }
  }
  return [...f];
}
