import { buildView, type TextView } from './text-view.js';

/** Kinds of token the tokenizer emits. */
export type TokenKind = 'word' | 'number' | 'url' | 'mention' | 'hashtag' | 'emoji';

/** A token of the match view; `start`/`end` are view offsets. */
export interface Token {
  kind: TokenKind;
  /** ASCII-folded, lower-cased form without apostrophes (for hashtags: one camel-case part). */
  text: string;
  /** Part before an apostrophe ("istanbul'da" -> "istanbul"); equals `text` otherwise. */
  root: string;
  start: number;
  end: number;
}

/** A normalised text: the match view, its tokens and surface features. */
export interface Normalised {
  view: TextView;
  tokens: Token[];
  /** Mentions without "@" (folded). */
  mentions: string[];
  /** Hashtags as split words ("#SonDakikaDeprem" -> "son dakika deprem"). */
  hashtags: string[];
  emojiCount: number;
  /** Letter runs of three or more in the input ("acilll"). */
  elongations: number;
  /** Share of letters in upper case (shouting). */
  upperRatio: number;
}

const TOKEN_RE =
  /(https?:\/\/|www\.)\S+|@[\p{L}\p{N}_]+|#[\p{L}\p{N}_]+(?: [\p{L}\p{N}_]+)*|[\p{L}\p{N}]+(?:'[\p{L}]+)?|\p{Extended_Pictographic}/gu;
const HASHTAG_CONT = /^ [\p{L}\p{N}_]/u;

/** Turkish-aware lower-casing: İ -> i, I -> ı, then the locale-free rest; NFC first. */
export function turkishLower(s: string): string {
  if (isPlainLower(s)) return s;
  return s.normalize('NFC').replace(/İ/g, 'i').replace(/I/g, 'ı').toLowerCase();
}

/**
 * Whether a string is already lower-case NFC text that {@link turkishLower} would return
 * unchanged: only a–z, digits, space, apostrophes and the precomposed Turkish lower-case letters
 * (most words in a text are; the full path allocates four strings).
 */
function isPlainLower(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x20 || c === 0x27) continue;
    // ç ö ü â î û, ğ, ı, ş
    if (c === 0xe7 || c === 0xf6 || c === 0xfc || c === 0xe2 || c === 0xee || c === 0xfb) continue;
    if (c === 0x11f || c === 0x131 || c === 0x15f) continue;
    return false;
  }
  return true;
}

/** Normalises a text: builds the view and tokenizes it. */
export function normalise(original: string): Normalised {
  const view = buildView(original);
  const text = view.text;
  const tokens: Token[] = [];
  const mentions: string[] = [];
  const hashtags: string[] = [];
  let emojiCount = 0;
  const urlEnds = new Map(view.urls);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const s = m[0];
    const start = m.index;
    const c = s.charCodeAt(0);
    const urlEnd = urlEnds.get(start);
    if (urlEnd !== undefined) {
      tokens.push({ kind: 'url', text: text.slice(start, urlEnd), root: '', start, end: urlEnd });
      TOKEN_RE.lastIndex = urlEnd;
    } else if (m[1]) {
      tokens.push({ kind: 'url', text: s, root: s, start, end: start + s.length });
    } else if (c === 0x40) {
      mentions.push(s.slice(1));
      tokens.push({ kind: 'mention', text: s.slice(1), root: s.slice(1), start, end: start + s.length });
    } else if (c === 0x23) {
      // A hashtag only continues past a view-inserted space; a real space in the input ends it.
      const parts = splitHashtag(view, start, s);
      hashtags.push(parts.map((p) => p.text).join(' '));
      for (const p of parts) tokens.push(p);
      TOKEN_RE.lastIndex = parts.length ? parts[parts.length - 1]!.end : start + 1;
    } else if (c >= 0x30 && c <= 0x39 && /^\d+$/.test(s)) {
      tokens.push({ kind: 'number', text: s, root: s, start, end: start + s.length });
    } else if (/\p{Extended_Pictographic}/u.test(s)) {
      emojiCount++;
      tokens.push({ kind: 'emoji', text: s, root: s, start, end: start + s.length });
    } else {
      const apo = s.indexOf("'");
      const flat = apo > 0 ? s.slice(0, apo) + s.slice(apo + 1) : s;
      tokens.push({
        kind: 'word',
        text: flat,
        root: apo > 0 ? s.slice(0, apo) : s,
        start,
        end: start + s.length,
      });
    }
  }
  return { view, tokens, mentions, hashtags, emojiCount, ...surface(original) };
}

function splitHashtag(view: TextView, start: number, s: string): Token[] {
  const parts: Token[] = [];
  let pos = start + 1;
  const words = s.slice(1).split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (i > 0) {
      // A real space in the input maps to a different original offset than the next char.
      const sp = pos - 1;
      if (view.map[sp] !== view.map[sp + 1] || !HASHTAG_CONT.test(view.text.slice(sp, sp + 2))) break;
    }
    if (w) parts.push({ kind: 'hashtag', text: w, root: w, start: pos, end: pos + w.length });
    pos += w.length + 1;
  }
  return parts;
}

/**
 * Surface features of the input: letter runs of three or more (as many as
 * `/(\p{L})\1\1/gu` finds) and the share of upper-case letters among cased
 * letters (a letter is cased when its lower- and upper-case forms differ).
 * Written as one scan over a precomputed case table for the code units where
 * Turkish text lives; per-character `toLowerCase`/`toUpperCase` and the regex
 * were 40 % of normalisation. `surfaceReference` is the definition it must equal.
 */
function surface(original: string): { elongations: number; upperRatio: number } {
  let upper = 0;
  let letters = 0;
  let elongations = 0;
  const n = original.length;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    const k = c < CASE.length ? CASE[c]! : caseOf(c);
    if (k !== 0) {
      letters++;
      if (k === 2) upper++;
    }
  }
  for (let i = 0; i + 2 < n; ) {
    const cp = original.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (
      i + 3 * w <= n &&
      original.codePointAt(i + w) === cp &&
      original.codePointAt(i + 2 * w) === cp &&
      isLetterPoint(cp)
    ) {
      elongations++;
      i += 3 * w;
    } else i += w;
  }
  return { elongations, upperRatio: letters ? upper / letters : 0 };
}

/** 0: not a cased letter, 1: lower case, 2: upper case (of one UTF-16 code unit). */
function caseOf(c: number): number {
  const ch = String.fromCharCode(c);
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  return lo === up ? 0 : ch === up ? 2 : 1;
}
const CASE = Uint8Array.from({ length: 0x250 }, (_, c) => caseOf(c));
const LETTER = /^\p{L}$/u;
function isLetterPoint(cp: number): boolean {
  if (cp < 0x80) return (cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a;
  return LETTER.test(String.fromCodePoint(cp));
}

/** The definition {@link surface} implements (kept for its tests). */
export function surfaceReference(original: string): { elongations: number; upperRatio: number } {
  let upper = 0;
  let letters = 0;
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]!;
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo !== up) {
      letters++;
      if (ch === up) upper++;
    }
  }
  const elongations = (original.match(/(\p{L})\1\1/gu) ?? []).length;
  return { elongations, upperRatio: letters ? upper / letters : 0 };
}
