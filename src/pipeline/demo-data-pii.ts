/** A seeded pseudo-random source; the same seed always yields the same sequence. */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** Creates a mulberry32 generator: tiny, fast and good enough for demo data (not for secrets). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)] as T,
    chance: (p: number) => next() < p,
  };
}

const foldMap: Record<string, string> = {
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ş: 's',
  ü: 'u',
  â: 'a',
  Ç: 'C',
  Ğ: 'G',
  İ: 'I',
  Ö: 'O',
  Ş: 'S',
  Ü: 'U',
};

/** Replaces Turkish letters with their ASCII look-alikes, as people type on foreign keyboards ("asi" for "aşı"). */
export function asciiFold(text: string): string {
  return text.replace(/[çğıöşüâÇĞİÖŞÜ]/g, (ch) => foldMap[ch] ?? ch);
}

const digitsOf = (s: string) => [...s].map(Number);

/** Checks a T.C. kimlik numarası: 11 digits, no leading zero, both check digits right. */
export function isValidTckn(value: string): boolean {
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  const d = digitsOf(value);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = d.slice(0, 10).reduce((a, b) => a + b, 0) % 10;
  return d[9] === d10 && d[10] === d11;
}

/** Generates a checksum-valid (and almost surely unassigned) T.C. kimlik numarası. */
export function makeTckn(rng: Rng): string {
  const d = [rng.int(1, 9), ...Array.from({ length: 8 }, () => rng.int(0, 9))];
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  d.push((((odd * 7 - even) % 10) + 10) % 10);
  d.push(d.reduce((a, b) => a + b, 0) % 10);
  return d.join('');
}

function mod97(alnum: string): number {
  let r = 0;
  for (const ch of alnum) {
    const v = /\d/.test(ch) ? ch : String(ch.toUpperCase().charCodeAt(0) - 55);
    for (const digit of v) r = (r * 10 + Number(digit)) % 97;
  }
  return r;
}

/** Checks an IBAN with the ISO 13616 mod-97 rule (TR IBANs are 26 characters). */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

const bankCodes = ['00010', '00012', '00015', '00046', '00062', '00064', '00067', '00111', '00032'];

/** Generates a mod-97-valid TR IBAN with a random account number; printed grouped by four half of the time. */
export function makeIban(rng: Rng): string {
  const bban = `${rng.pick(bankCodes)}0${Array.from({ length: 16 }, () => rng.int(0, 9)).join('')}`;
  const check = String(98 - mod97(`${bban}TR00`)).padStart(2, '0');
  const iban = `TR${check}${bban}`;
  return rng.chance(0.5) ? iban : (iban.match(/.{1,4}/g) ?? [iban]).join(' ');
}

/** Generates a Turkish mobile number in one of the spellings people actually use. */
export function makePhone(rng: Rng): string {
  const op = rng.pick(['532', '533', '535', '542', '544', '505', '506', '552', '555', '539']);
  const a = String(rng.int(100, 999));
  const b = String(rng.int(0, 99)).padStart(2, '0');
  const c = String(rng.int(0, 99)).padStart(2, '0');
  const style = rng.int(0, 3);
  if (style === 0) return `0${op} ${a} ${b} ${c}`;
  if (style === 1) return `+90 ${op} ${a} ${b}${c}`;
  if (style === 2) return `0${op}${a}${b}${c}`;
  return `(0${op}) ${a}-${b}-${c}`;
}
