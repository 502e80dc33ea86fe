import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeTckn, ibanCheckDigits, isValidIban, isValidTckn } from './checksums.js';

const first9 = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
  )
  .map(([a, rest]) => `${a}${rest.join('')}`);

describe('T.C. kimlik numarası', () => {
  it('accepts a known valid number and rejects wrong length, a leading zero or letters', () => {
    expect(isValidTckn('10000000146')).toBe(true);
    expect(isValidTckn('1000000014')).toBe(false);
    expect(isValidTckn('01000000146')).toBe(false);
    expect(isValidTckn('1000000014a')).toBe(false);
  });

  it('completes any 9 digits to a valid number, and any change of one digit breaks it', () => {
    fc.assert(
      fc.property(
        first9,
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 9 }),
        (p, pos, delta) => {
          const tckn = completeTckn(p);
          expect(isValidTckn(tckn)).toBe(true);
          const d = Array.from(tckn, Number);
          d[pos] = (d[pos]! + delta) % 10;
          const changed = d.join('');
          fc.pre(changed[0] !== '0');
          expect(isValidTckn(changed)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('IBAN', () => {
  it('checks mod-97 on compact and grouped forms and the Turkish length', () => {
    const bban = '000100100000123456789012'.slice(0, 22);
    const iban = `TR${ibanCheckDigits('TR', bban)}${bban}`;
    expect(iban).toHaveLength(26);
    expect(isValidIban(iban)).toBe(true);
    expect(isValidIban(iban.replace(/(.{4})/g, '$1 ').trim())).toBe(true);
    expect(isValidIban(iban.toLowerCase())).toBe(true);
    expect(isValidIban(`${iban}0`)).toBe(false);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
    expect(isValidIban('GB82WEST12345698765431')).toBe(false);
  });

  it('rejects any single changed digit of a generated Turkish IBAN', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 22, maxLength: 22 }),
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 9 }),
        (digits, pos, delta) => {
          const bban = digits.join('');
          const iban = `TR${ibanCheckDigits('TR', bban)}${bban}`;
          expect(isValidIban(iban)).toBe(true);
          const chars = [...iban];
          chars[pos] = String((Number(chars[pos]) + delta) % 10);
          expect(isValidIban(chars.join(''))).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
