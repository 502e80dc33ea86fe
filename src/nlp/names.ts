import type { NameConfig } from './names-config.js';
import { asciiFold } from './text-view.js';

export { type NameConfig, nameConfigSchema } from './names-config.js';

/** A name found in the original text. */
export interface NameSpan {
  start: number;
  end: number;
}

interface Tok {
  start: number;
  /** End of the word before any apostrophe suffix (Ahmet'in → Ahmet). */
  end: number;
  key: string;
  cap: boolean;
  /** Text between the previous token and this one. */
  sep: string;
  apostrophe: boolean;
}

const SPACES = /^[ \t]+$/;
const NONE: string[][] = [];
const WORD = /\p{L}+(?:['’]\p{L}+)?/gu;
const fold = (s: string) => asciiFold(s).toLowerCase();

/** Tokenises the text into words with their original offsets (shared with the evaluation). */
export function nameTokens(text: string): Tok[] {
  const out: Tok[] = [];
  let prev = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const w = m[0];
    const at = m.index;
    const a1 = w.indexOf("'");
    const a2 = w.indexOf('’');
    const cut = a1 < 0 ? a2 : a2 < 0 ? a1 : Math.min(a1, a2);
    const base = cut < 0 ? w : w.slice(0, cut);
    out.push({
      start: at,
      end: at + base.length,
      key: fold(base),
      cap: startsUpper(base),
      sep: text.slice(prev, at),
      apostrophe: cut >= 0,
    });
    prev = at + w.length;
  }
  return out;
}

const UPPER_START = /^\p{Lu}/u;
/** Whether a word starts with an upper-case letter (ASCII decided without the regex). */
function startsUpper(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c >= 0x61 && c <= 0x7a) return false;
  return UPPER_START.test(w);
}

/**
 * Builds the detector of private persons' names. `places` (province and district
 * names) are never taken for a name on context alone.
 */
export function createNameDetector(config: NameConfig, places: readonly string[] = []) {
  const set = (xs: readonly string[]) => new Set(xs.map(fold));
  // Phrases indexed by their last word (triggers before a name) or first word (public figures).
  const index = (xs: readonly string[], at: 'first' | 'last') => {
    const m = new Map<string, string[][]>();
    for (const x of xs) {
      const p = fold(x).split(/\s+/);
      const k = at === 'first' ? p[0]! : p[p.length - 1]!;
      m.set(k, [...(m.get(k) ?? []), p]);
    }
    return m;
  };
  const phrases = (xs: readonly string[]) => index(xs, 'last');
  const first = set(config.firstNames);
  const sur = set(config.surnames);
  const common = set(config.commonWords);
  const placeNames = set([...places, 'Türkiye', 'Türk', 'Allah', 'Tanrı']);
  const starts = new Set([...config.signatures, ...config.selfIntro].map((p) => fold(p).split(/\s+/)[0]!));
  const after = set(config.after);
  const markers = set(config.markers);
  const persons = set(config.personNouns);
  const placeWords = set(config.placeWords);
  const intro = phrases(config.selfIntro.filter((p) => fold(p) !== 'ben'));
  const relations = phrases(config.relations);
  const weak = phrases(['ben', 'sayın']);
  const signatures = phrases(config.signatures);
  const titles = phrases(config.publicTitles);
  const figures = index(config.publicFigures, 'first');
  const honorifics = [...new Set(config.after.map(fold))];
  const notNames = set(config.notNames);
  // "Hocayı", "Beye", "Hanıma": an honorific with a case ending also ends a name.
  const honorific = (k: string) => {
    if (k === 'beyaz') return false;
    for (const w of honorifics) if (k.length - w.length <= 3 && k.startsWith(w)) return true;
    return false;
  };
  const lex = (t: Tok) => first.has(t.key) || sur.has(t.key);
  const strongFirst = (t: Tok) => first.has(t.key) && !common.has(t.key);

  return function detectNames(text: string, known: readonly string[] = []): NameSpan[] {
    const toks = nameTokens(text);
    const spans: NameSpan[] = [];
    const push = (a: number, b: number) => spans.push({ start: toks[a]!.start, end: toks[b]!.end });
    const glued = (j: number) => SPACES.test(toks[j]!.sep);
    const allCaps = (j: number) => {
      const w = text.slice(toks[j]!.start, toks[j]!.end);
      return w.length > 1 && w === w.toLocaleUpperCase('tr');
    };
    const startOfSentence = (j: number) => j === 0 || /[.!?\n]/.test(toks[j]!.sep);
    // A trigger counts only when nothing but `gap` separates it from the name ("oğlum! O …" is no trigger).
    const endsWith = (j: number, ps: Map<string, string[][]>, gap = SPACES) => {
      if (j === 0) return false;
      const cands = ps.get(toks[j - 1]!.key);
      if (cands === undefined || !gap.test(toks[j]!.sep)) return false;
      for (const p of cands) if (p.length <= j && wordsAt(j - p.length, p)) return true;
      return false;
    };
    const wordsAt = (j: number, p: string[]) => {
      for (let k = 0; k < p.length; k++) if (toks[j + k]!.key !== p[k]) return false;
      return true;
    };
    const matchAt = (j: number, p: string[]) => j + p.length <= toks.length && wordsAt(j, p);

    for (const name of known) {
      const p = fold(name).match(/\p{L}+/gu) ?? [];
      if (p.length === 0) continue;
      for (let j = 0; j < toks.length; j++) {
        if (matchAt(j, p)) push(j, j + p.length - 1);
        else if (toks[j]!.cap && p.some((w) => w.length >= 3 && w === toks[j]!.key)) push(j, j);
      }
    }

    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      // Only a capitalised word, or a lexicon word after a self-introduction, can start a name.
      if (!t.cap && !lex(t)) continue;
      let fig: string[] | undefined;
      for (const p of figures.get(t.key) ?? NONE) if (!fig && matchAt(i, p)) fig = p;
      if (fig) {
        i += fig.length - 1;
        continue;
      }
      if (endsWith(i, titles)) {
        // The whole capitalised run after a title of office is the public figure's name.
        while (i + 1 < toks.length && toks[i + 1]!.cap && glued(i + 1) && !toks[i]!.apostrophe) i++;
        continue;
      }
      const introduced = endsWith(i, intro, /^[ \t]*[:-]?[ \t]*$/) || endsWith(i, signatures, /^[\s,.:;-]*$/);
      const related = !introduced && endsWith(i, relations);
      const weakly = !introduced && !related && endsWith(i, weak);
      if ((!t.cap && !(introduced && lex(t))) || starts.has(t.key)) continue;
      // "Asya ve Afrika" is no name, "Asya Acar" is.
      const nextTok = toks[i + 1];
      if (notNames.has(t.key) && !(nextTok?.cap && glued(i + 1) && sur.has(nextTok.key))) continue;
      // "Kuran-ı Kerim": a Persian compound, not a person.
      if (i > 0 && toks[i - 1]!.key.length === 1 && toks[i - 1]!.sep === '-') continue;
      // The candidate run: up to four glued words of the same case, stopping after a suffix.
      let j = i;
      while (
        j + 1 < toks.length &&
        j - i < 3 &&
        !toks[j]!.apostrophe &&
        glued(j + 1) &&
        toks[j + 1]!.cap === t.cap &&
        !honorific(toks[j + 1]!.key) &&
        !(notNames.has(toks[j + 1]!.key) && !lex(toks[j + 1]!)) &&
        !markers.has(toks[j + 1]!.key) &&
        !placeWords.has(toks[j + 1]!.key) &&
        (t.cap || lex(toks[j + 1]!))
      )
        j++;
      const next = toks[j + 1];
      if (next && !toks[j]!.apostrophe && glued(j + 1) && placeWords.has(next.key)) {
        i = j;
        continue;
      }
      const len = j - i + 1;
      const then = toks[j + 2];
      const marked =
        next !== undefined &&
        !toks[j]!.apostrophe &&
        ((after.has(next.key) && (lex(t) || next.cap)) ||
          (markers.has(next.key) && (lex(t) || (then !== undefined && persons.has(then.key)))));
      let ok = false;
      if (marked || introduced) ok = !placeNames.has(t.key) || lex(t);
      else if (weakly) ok = first.has(t.key) || (len >= 2 && !placeNames.has(t.key));
      else if (related) ok = lex(t) || (!placeNames.has(t.key) && !allCaps(i));
      else if (strongFirst(t)) ok = true;
      else if (first.has(t.key) && len >= 2 && lex(toks[i + 1]!))
        ok = !(startOfSentence(i) && common.has(toks[i + 1]!.key)) || toks[i + 1]!.apostrophe;
      if (!ok) continue;
      // Without context, keep only the name-like words of the run.
      let end = j;
      // "Babası Rafet Bey": a capitalised sentence opener is not part of the name.
      if (marked && len >= 2 && !lex(t) && startOfSentence(i) && lex(toks[i + 1]!)) i++;
      if (!marked && !introduced && !related && !weakly)
        for (end = i; end < j && (lex(toks[end + 1]!) || (end === i && strongFirst(t))); end++);
      push(i, end);
      i = end;
    }
    return merge(spans);
  };
}

function merge(spans: NameSpan[]): NameSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: NameSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
