import stopword from 'stopword';
import type { Tag } from '../domain/item.js';
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
  stems: boolean;
  bigrams: boolean;
  patterns: boolean;
  meta: boolean;
  /** Character n-gram length over folded words (0 = off). */
  chargrams?: number;
}

/**
 * Binary feature names for the check-worthiness classifier: stems (`w:`),
 * stem bigrams (`b:`), pattern families (`t:`) and surface cues (`m:`).
 */
export function checkWorthinessFeatures(
  norm: Normalised,
  stems: string[],
  tags: Tag[],
  spec: FeatureSpec,
): string[] {
  const f = new Set<string>();
  if (spec.stems) for (const s of stems) f.add(`w:${s}`);
  if (spec.bigrams) for (let i = 1; i < stems.length; i++) f.add(`b:${stems[i - 1]}_${stems[i]}`);
  if (spec.patterns) for (const t of tags) f.add(`t:${t.tag}`);
  if (spec.chargrams) {
    const n = spec.chargrams;
    for (const t of norm.tokens) {
      if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
      const w = ` ${t.text} `;
      for (let i = 0; i + n <= w.length; i++) f.add(`c:${w.slice(i, i + n)}`);
    }
  }
  if (spec.meta) {
    const text = norm.view.text;
    const words = norm.tokens.filter((t) => t.kind === 'word').length;
    f.add(`m:len${words < 8 ? 0 : words < 16 ? 1 : words < 28 ? 2 : 3}`);
    if (norm.tokens.some((t) => t.kind === 'number')) f.add('m:number');
    if (/%|\byuzde\b|percent/.test(text)) f.add('m:percent');
    if (/\b\d{4}\b/.test(text)) f.add('m:year');
    if (norm.tokens.some((t) => t.kind === 'url')) f.add('m:url');
    if (norm.mentions.length) f.add('m:mention');
    if (norm.hashtags.length) f.add('m:hashtag');
    if (text.includes('?')) f.add('m:question');
    if (text.includes('!')) f.add('m:exclaim');
    if (/"[^"]{8,}"/.test(text)) f.add('m:quote');
    if (norm.emojiCount) f.add('m:emoji');
    if (norm.upperRatio > 0.5) f.add('m:shout');
    if (/\b(?:ben|biz|benim|bizim|i|we|my)\b/.test(text)) f.add('m:first_person');
    if (/\b(?:iddia|edildi|aciklandi|oldu|olmus|olmustur|olacak)\b/.test(text)) f.add('m:assertive');
    if (stems.some((s) => /^[a-z]+$/.test(s) && s.length > 3 && /^(?:milyon|milyar|bin)/.test(s)))
      f.add('m:magnitude');
  }
  return [...f];
}
