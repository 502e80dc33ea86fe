import type { PiiSpan } from '../domain/item.js';
import { isValidIban, isValidTckn } from './checksums.js';

/** Kinds of personal data the redactor knows, with the placeholder each becomes. */
export const piiPlaceholders = {
  tckn: '[TCKN]',
  phone: '[TELEFON]',
  email: '[E-POSTA]',
  iban: '[IBAN]',
  plate: '[PLAKA]',
  address: '[ADRES]',
  /** A private person's name (applications only). */
  name: '[AD SOYAD]',
} as const;
export type PiiKind = keyof typeof piiPlaceholders;

const IBAN_RE = /\bTR[\s-]?(?:\d[\s-]?){23}\d(?!\d)/gi;
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const TCKN_RE = /(?<![\d.,])[1-9]\d{10}(?![\d])/g;
const PHONE_RE =
  /(?<![\d+])(?:(?:\+|00)\s?90[\s.-]*\(?0?|\(?0[\s.-]*)?\(?[2-58]\d{2}\)?[\s.-]*\d{3}[\s.-]*\d{2}[\s.-]*\d{2}(?![\d])/g;
const PLATE_RE =
  /(?<![\p{L}\p{N}])(0[1-9]|[1-7]\d|8[01])[ -]?([A-PR-VYZ]{1,3})[ -]?(\d{2,5})(?![\p{L}\p{N}])/gu;
const PLATE_STOP = new Set([
  'TL',
  'YIL',
  'KM',
  'KG',
  'MT',
  'CM',
  'MM',
  'DK',
  'SN',
  'BIN',
  'ABD',
  'AB',
  'BM',
  'TV',
]);

const NAME = String.raw`(?:[\p{Lu}\d][\p{L}\d.'’]*\s+){1,4}`;
const MAH = String.raw`${NAME}(?:Mahallesi|Mahalle|Mah\.?|Mh\.)`;
const STREET = String.raw`${NAME}(?:Sokağı|Sokak|Sok\.?|Sk\.?|Caddesi|Cadde|Cad\.?|Cd\.?|Bulvarı|Blv\.?|Bulv\.?)`;
const NO = String.raw`\s*,?\s*(?:No|NO|no|Numara)\s*[:.]?\s*\d+[A-Za-z]?(?:\s*\/\s*\d+)?`;
const UNIT = String.raw`(?:\s*,?\s*(?:Daire|D\.|Kat|K\.)\s*[:.]?\s*\d+)*`;
const ADDRESS_RE = new RegExp(String.raw`(?:${MAH}\s*,?\s*${STREET}(?:${NO})?|${STREET}${NO})${UNIT}`, 'gu');
const ADDRESS_HINT = /mah|sok|sk\.|cad|cd\.|bulv|blv/i;
// Capitalised lead-in words ("Adresim ...") are not part of the address itself.
const ADDRESS_LEAD =
  /^(?:Adres\p{L}*|Ev\p{L}*|İkamet\p{L}*|Konum\p{L}*|Yer\p{L}*|Bulunduğum|Oturduğum)[:\s]+/u;

/**
 * Finds personal data in the original text; spans never overlap and are sorted.
 * `extra` spans (e.g. names found by the name detector) are added where they do
 * not overlap a span found here.
 */
export function detectPii(text: string, extra: readonly PiiSpan[] = []): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const add = (kind: PiiKind, start: number, end: number) => {
    for (const s of spans) if (start < s.end && end > s.start) return;
    spans.push({ kind, start, end });
  };
  const digits = /\d{5}/.test(text) || /\d[\s.-]\d/.test(text);
  if (digits) {
    for (const m of text.matchAll(IBAN_RE)) {
      if (isValidIban(m[0])) add('iban', m.index, m.index + m[0].length);
    }
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL_RE)) add('email', m.index, m.index + m[0].length);
  }
  if (digits) {
    for (const m of text.matchAll(TCKN_RE)) {
      if (isValidTckn(m[0])) add('tckn', m.index, m.index + m[0].length);
    }
    for (const m of text.matchAll(PHONE_RE))
      add('phone', m.index, trimEnd(text, m.index, m.index + m[0].length));
  }
  if (ADDRESS_HINT.test(text)) {
    for (const m of text.matchAll(ADDRESS_RE)) {
      const lead = ADDRESS_LEAD.exec(m[0])?.[0].length ?? 0;
      add('address', m.index + lead, trimEnd(text, m.index, m.index + m[0].length));
    }
  }
  for (const m of text.matchAll(PLATE_RE)) {
    const [, , letters, nums] = m as unknown as [string, string, string, string];
    if (PLATE_STOP.has(letters) || !plateShapeOk(letters.length, nums.length)) continue;
    add('plate', m.index, m.index + m[0].length);
  }
  for (const e of extra) add(e.kind as PiiKind, e.start, e.end);
  return spans.sort((a, b) => a.start - b.start);
}

function plateShapeOk(letters: number, digits: number): boolean {
  if (letters === 1) return digits === 4 || digits === 5;
  if (letters === 2) return digits === 3 || digits === 4;
  return digits === 2 || digits === 3;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1]!)) e--;
  return e;
}

/** Replaces every span with its placeholder ([TCKN], [TELEFON], ...). */
export function redact(text: string, spans: readonly PiiSpan[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + (piiPlaceholders[s.kind as PiiKind] ?? '[GİZLİ]');
    pos = s.end;
  }
  return out + text.slice(pos);
}
