/** True when `s` (11 digits) is a valid T.C. kimlik numarası (official checksum rules). */
export function isValidTckn(s: string): boolean {
  if (!/^[1-9]\d{10}$/.test(s)) return false;
  const d = Array.from(s, Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  if (d10 !== d[9]) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += d[i]!;
  return sum % 10 === d[10];
}

/** Completes 9 leading digits (first non-zero) to a valid T.C. number; used by tests and demo data. */
export function completeTckn(first9: string): string {
  const d = Array.from(first9, Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (d.reduce((a, b) => a + b, 0) + d10) % 10;
  return `${first9}${d10}${d11}`;
}

/** ISO 13616 mod-97 check of an IBAN written without separators. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (iban.startsWith('TR') && iban.length !== 26) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

function mod97(s: string): number {
  let rem = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c >= 65 ? c - 55 : c - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem;
}

/** Computes the two check digits for a country code and BBAN (for generating test IBANs). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rem = mod97(`${bban}${country}00`);
  return String(98 - rem).padStart(2, '0');
}
