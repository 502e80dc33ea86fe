import { createHash, randomBytes } from 'node:crypto';

// Crockford base32: no I, L, O, U, so codes read aloud or retyped survive.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 3;
const GROUP_LEN = 4;

/** A new tracking code `KPR-XXXX-XXXX-XXXX`: 12 Crockford base32 characters, 60 random bits. */
export function newTrackingCode(): string {
  // 32 divides 256, so taking the low five bits of each byte is uniform.
  const chars = Array.from(randomBytes(GROUPS * GROUP_LEN), (b) => ALPHABET[b & 31]!);
  const groups = Array.from({ length: GROUPS }, (_, i) =>
    chars.slice(i * GROUP_LEN, (i + 1) * GROUP_LEN).join(''),
  );
  return `KPR-${groups.join('-')}`;
}

/**
 * The canonical 12 characters of a code as typed by a citizen (any case, spaces or
 * hyphens, with or without the KPR prefix, O for 0, I or L for 1), or null if it cannot be one.
 */
export function normaliseTrackingCode(input: string): string | null {
  let s = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length === 15 && s.startsWith('KPR')) s = s.slice(3);
  if (s.length !== GROUPS * GROUP_LEN) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

/** The stored form of a code: SHA-256 (hex) of its canonical characters. */
export const hashTrackingCode = (canonical: string): string =>
  createHash('sha256').update(`kopru-tracking:${canonical}`).digest('hex');
