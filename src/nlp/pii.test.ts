import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeTckn, ibanCheckDigits, isValidIban, isValidTckn } from './checksums.js';
import { detectPii, redact } from './pii.js';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));
const validTckn = fc
  .tuple(fc.integer({ min: 1, max: 9 }), digits(8))
  .map(([first, rest]) => completeTckn(`${first}${rest}`));
const validIban = fc.tuple(digits(5), digits(16)).map(([bank, account]) => {
  const bban = `${bank}0${account}`;
  return `TR${ibanCheckDigits('TR', bban)}${bban}`;
});
const groupIban = (iban: string) => iban.replace(/(.{4})/g, '$1 ').trim();
const filler = fc.constantFrom(
  'Merhaba,',
  'numaram',
  'lütfen kontrol edin:',
  'kimlik no',
  '(başvuru)',
  'hesabım',
);
const kinds = (text: string) => detectPii(text).map((s) => s.kind);

describe('T.C. kimlik numarası', () => {
  it('catches every valid number in running text', () => {
    fc.assert(
      fc.property(validTckn, filler, filler, (tckn, a, b) => {
        const text = `${a} ${tckn} ${b}`;
        const spans = detectPii(text).filter((s) => s.kind === 'tckn');
        expect(spans).toHaveLength(1);
        expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(tckn);
        expect(redact(text, detectPii(text))).toBe(`${a} [TCKN] ${b}`);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects numbers whose check digits are wrong', () => {
    fc.assert(
      fc.property(validTckn, fc.integer({ min: 1, max: 9 }), (tckn, delta) => {
        const bad = tckn.slice(0, 10) + String((Number(tckn[10]) + delta) % 10);
        expect(isValidTckn(bad)).toBe(false);
        expect(kinds(`no ${bad}`)).not.toContain('tckn');
      }),
      { numRuns: 300 },
    );
  });

  it('knows the published example number', () => {
    expect(isValidTckn('10000000146')).toBe(true);
    expect(isValidTckn('10000000147')).toBe(false);
    expect(isValidTckn('01234567890')).toBe(false);
  });
});

describe('IBAN', () => {
  it('catches every valid TR IBAN, compact or in groups of four', () => {
    fc.assert(
      fc.property(validIban, fc.boolean(), filler, (iban, grouped, a) => {
        const written = grouped ? groupIban(iban) : iban;
        const text = `${a} ${written}.`;
        const spans = detectPii(text);
        expect(spans.map((s) => s.kind)).toEqual(['iban']);
        expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(written);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects IBANs failing mod-97', () => {
    fc.assert(
      fc.property(
        validIban,
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 4, max: 25 }),
        (iban, d, pos) => {
          const bad = iban.slice(0, pos) + String((Number(iban[pos]) + d) % 10) + iban.slice(pos + 1);
          expect(isValidIban(bad)).toBe(false);
          expect(kinds(bad)).not.toContain('iban');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('phones, e-mail, plates, addresses', () => {
  it.each([
    '+90 532 123 45 67',
    '+905321234567',
    '0532 123 45 67',
    '05321234567',
    '0 (532) 123-45-67',
    '(0212) 555 12 12',
    '0090 312 444 55 66',
    '532 123 4567',
  ])('finds the phone number %s', (phone) => {
    const text = `Beni şu numaradan arayın ${phone} teşekkürler`;
    const spans = detectPii(text);
    expect(spans.map((s) => s.kind)).toEqual(['phone']);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(phone);
  });

  it('does not take years, prices or counts for phone numbers', () => {
    expect(detectPii('2023 yılında 15.000 TL destek verildi, 1250 kişi başvurdu')).toEqual([]);
  });

  it('finds e-mail addresses', () => {
    expect(
      redact(
        'Yazın: ayse.kaya+basvuru@örnek.com.tr lütfen',
        detectPii('Yazın: ayse.kaya+basvuru@örnek.com.tr lütfen'),
      ),
    ).toBe('Yazın: [E-POSTA] lütfen');
  });

  it.each(['34 ABC 123', '06 A 1234', '35 BK 4321', '81 ZZ 999'])('finds the plate %s', (plate) => {
    expect(redact(`araç ${plate} park etmiş`, detectPii(`araç ${plate} park etmiş`))).toBe(
      'araç [PLAKA] park etmiş',
    );
  });

  it('does not take amounts with units for plates', () => {
    expect(kinds('50 TL 100 kuruş')).toEqual([]);
    expect(kinds('99 ABC 123')).toEqual([]);
  });

  it('finds recognisable street addresses', () => {
    const text = 'Adresim Cumhuriyet Mahallesi Lale Sokak No: 5/2 Daire 4, Çankaya.';
    expect(redact(text, detectPii(text))).toBe('Adresim [ADRES], Çankaya.');
    const text2 = 'Atatürk Cad. No.12 önünde';
    expect(redact(text2, detectPii(text2))).toBe('[ADRES] önünde');
  });

  it('redacts several kinds at once without overlaps', () => {
    const text = `TC ${completeTckn('123456789')} tel 0532 111 22 33 mail a@b.co`;
    expect(redact(text, detectPii(text))).toBe('TC [TCKN] tel [TELEFON] mail [E-POSTA]');
  });
});
