/**
 * The "match view" of a text: lower-cased, ASCII-folded (Turkish-aware), with
 * letter runs of three or more collapsed and camel-case hashtags split, plus a
 * map from every view position back to the original input so evidence spans
 * can be highlighted in the text exactly as received.
 */
export interface TextView {
  /** The original input, untouched. */
  original: string;
  /** Folded text used by every matcher. */
  text: string;
  /** map[k] = offset in `original` of view char k; map[text.length] = original.length. */
  map: Int32Array;
  /** URL spans in view offsets (copied verbatim, never collapsed). */
  urls: Array<[number, number]>;
}

const FOLD = buildFoldTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x250);
  for (let c = 0; c < table.length; c++) {
    const base = String.fromCharCode(c)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    table[c] = base.length === 1 ? base.charCodeAt(0) : c;
  }
  // Turkish dotted/dotless i fold to plain i; ı and İ have no NFD base in the generic path.
  table[0x130] = 0x69;
  table[0x131] = 0x69;
  table[0x49] = 0x69;
  return table;
}

/** Folds one UTF-16 code unit (lower-case, diacritics removed, typographic quotes unified). */
export function foldCode(c: number): number {
  if (c < 0x250) return FOLD[c]!;
  if (c === 0x2019 || c === 0x2018 || c === 0x2032) return 0x27; // ’ ‘ ′ -> '
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return 0x22; // “ ” „ « » -> "
  return c;
}

/** ASCII-folds a string the same way as the view, without collapsing repeats. */
export function asciiFold(s: string): string {
  const n = s.length;
  // Short strings (words, phrases: nearly every call) fold into a reused buffer, and a
  // string that folding leaves unchanged is returned as it is (no allocation at all).
  if (n > FOLD_BUF.length) return asciiFoldReference(s);
  let k = 0;
  let same = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) {
      same = false;
      continue;
    }
    const f = foldCode(c);
    if (f !== c) same = false;
    FOLD_BUF[k++] = f;
  }
  if (same) return s;
  return String.fromCharCode.apply(null, FOLD_BUF.subarray(0, k) as unknown as number[]);
}
const FOLD_BUF = new Uint16Array(256);

/** The definition {@link asciiFold} implements (kept for its tests and for long strings). */
export function asciiFoldReference(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue;
    out += String.fromCharCode(foldCode(c));
  }
  return out;
}

const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"'“”]+|\b(?:bit\.ly|t\.co|tinyurl\.com|goo\.gl|cutt\.ly|shorturl\.at|is\.gd|ow\.ly|rebrand\.ly)\/[\w-]+/giu;

function isLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000);
}
function isUpper(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x130 ||
    c === 0xc7 ||
    c === 0xd6 ||
    c === 0xdc ||
    c === 0x15e ||
    c === 0x11e
  );
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Builds the match view of `original`. */
export function buildView(original: string): TextView {
  const n = original.length;
  const out = new Uint16Array(n * 2 + 1);
  const map = new Int32Array(n * 2 + 2);
  const urlsOrig: Array<[number, number]> = [];
  URL_RE.lastIndex = 0;
  for (let m = URL_RE.exec(original); m; m = URL_RE.exec(original)) {
    let end = m.index + m[0].length;
    while (end > m.index && /[.,;:!?)\]]/.test(original[end - 1]!)) end--;
    urlsOrig.push([m.index, end]);
  }
  const urls: Array<[number, number]> = [];
  let k = 0;
  let u = 0;
  let run = 0;
  let inHashtag = false;
  let prevOrig = 0;
  for (let i = 0; i < n; i++) {
    const span = urlsOrig[u];
    if (span && i === span[0]) {
      const vs = k;
      for (let j = span[0]; j < span[1]; j++) {
        out[k] = foldCode(original.charCodeAt(j));
        map[k++] = j;
      }
      urls.push([vs, k]);
      i = span[1] - 1;
      u++;
      run = 0;
      inHashtag = false;
      continue;
    }
    const c = original.charCodeAt(i);
    if (c >= 0x300 && c <= 0x36f) continue;
    const f = foldCode(c);
    if (inHashtag) {
      const letter = isLetter(f);
      if (!letter && !isDigit(f) && f !== 0x5f) inHashtag = false;
      else if (
        (isUpper(c) && !isUpper(prevOrig) && isLetter(foldCode(prevOrig))) ||
        (letter && isDigit(foldCode(prevOrig))) ||
        (isDigit(f) && isLetter(foldCode(prevOrig)))
      ) {
        out[k] = 0x20;
        map[k++] = i;
        run = 0;
      }
    } else if (c === 0x23) inHashtag = true;
    prevOrig = c;
    if (k > 0 && out[k - 1] === f && isLetter(f)) {
      run++;
      if (run === 2) {
        k--; // third identical letter: drop the second, keep one
        continue;
      }
      if (run > 2) continue;
    } else run = 0;
    out[k] = f;
    map[k++] = i;
  }
  map[k] = n;
  const text = decode(out, k);
  return { original, text, map: map.subarray(0, k + 1), urls };
}

function decode(codes: Uint16Array, len: number): string {
  let s = '';
  const CHUNK = 4096;
  for (let i = 0; i < len; i += CHUNK) {
    s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(len, i + CHUNK)) as unknown as number[]);
  }
  return s;
}

/** Maps a view span to the original text: [start, end). */
export function toOriginal(view: TextView, start: number, end: number): { start: number; end: number } {
  return { start: view.map[start]!, end: view.map[end]! };
}
