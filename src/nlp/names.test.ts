import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createNameDetector, nameConfigSchema } from './names.js';
import { ordinarySentences, unseenFirstNames, unseenSurnames } from './names-eval.js';

const config = nameConfigSchema.parse(JSON.parse(readFileSync('config/nlp/names.tr.json', 'utf8')));
const detect = createNameDetector(config, ['Ankara', 'İstanbul', 'Aydın', 'Fatih', 'Ordu']);
const redact = (text: string, known: string[] = []) => {
  let out = '';
  let pos = 0;
  for (const s of detect(text, known)) {
    out += `${text.slice(pos, s.start)}[AD SOYAD]`;
    pos = s.end;
  }
  return out + text.slice(pos);
};

const first = fc.constantFrom(...config.firstNames);
const surname = fc.constantFrom(...config.surnames);
const unseen = fc.tuple(fc.constantFrom(...unseenFirstNames), fc.constantFrom(...unseenSurnames));
const fullName = fc.tuple(first, surname).map(([a, b]) => `${a} ${b}`);
const anyName = fc.oneof(
  fullName,
  unseen.map(([a, b]) => `${a} ${b}`),
);

/** Sentence forms that mark a name by context, so any name (in the lexicon or not) is redacted. */
const contextForms: Array<(n: string) => string> = [
  (n) => `Merhaba, ben ${n}. Çöpler toplanmıyor.`,
  (n) => `Adım ${n}, parkın lambaları yanmıyor.`,
  (n) => `Benim adım ${n} ve faturam hatalı.`,
  (n) => `Komşum ${n} gece gürültü yapıyor.`,
  (n) => `Ev sahibim ${n} depozitoyu vermiyor.`,
  (n) => `${n} isimli şahıs beni tehdit etti.`,
  (n) => `Şoför ${n} Bey durakta durmadı.`,
  (n) => `Gereğini arz ederim.\nSaygılarımla,\n${n}`,
];

describe('name redaction (property tests over generated names)', () => {
  it('redacts a name marked by context, whatever the name', () => {
    fc.assert(
      fc.property(anyName, fc.constantFrom(...contextForms), (name, form) => {
        // A public figure's name is kept by design (config publicFigures): a generated first name
        // and surname can make one ("Abdullah Gül"), as in the lexicon test below.
        fc.pre(!config.publicFigures.some((f) => f.startsWith(name)));
        const out = redact(form(name));
        expect(out).toContain('[AD SOYAD]');
        for (const part of name.split(' ')) expect(out).not.toContain(part);
      }),
      { numRuns: 400 },
    );
  });

  it('redacts a lexicon first name with its surname without context, keeping the suffix', () => {
    const unambiguous = config.firstNames.filter((n) => !config.commonWords.includes(n));
    fc.assert(
      fc.property(fc.constantFrom(...unambiguous), surname, (a, b) => {
        fc.pre(!config.publicFigures.some((f) => f.startsWith(`${a} ${b}`)));
        expect(redact(`Dün ${a} ${b} ile belediyeye gittik.`)).toBe('Dün [AD SOYAD] ile belediyeye gittik.');
        expect(redact(`Dün ${a} ${b}'in dükkanına gittik.`)).toBe("Dün [AD SOYAD]'in dükkanına gittik.");
      }),
      { numRuns: 300 },
    );
  });

  it("always redacts the applicant's own name, even in words that are also ordinary words", () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const out = redact(
          `Başvuru sahibi ${name.toLocaleUpperCase('tr')} olarak yazıyorum, ${name} adına.`,
          [name],
        ).replaceAll('[AD SOYAD]', '');
        for (const part of name.split(' ')) {
          expect(out).not.toContain(part);
          expect(out).not.toContain(part.toLocaleUpperCase('tr'));
        }
      }),
      { numRuns: 200 },
    );
    expect(redact('Kaya ailesi olarak şikayetçiyiz.', ['Derya Kaya'])).toBe(
      '[AD SOYAD] ailesi olarak şikayetçiyiz.',
    );
  });

  it('leaves common words that are also names alone in ordinary sentences', () => {
    const words = config.commonWords;
    fc.assert(
      fc.property(fc.constantFrom(...words), (w) => {
        const lower = w.toLocaleLowerCase('tr');
        for (const text of [
          `${w} konusunda bir şikayetim var.`,
          `Bu yıl ${lower} gibi bir şey olmadı.`,
          `Mahallede ${lower} yok, lütfen ilgilenin.`,
        ])
          expect(redact(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
    for (const text of ordinarySentences) expect(redact(text)).toBe(text);
  });

  it('keeps public figures after a title of office and places named after people', () => {
    fc.assert(
      fc.property(
        fullName,
        fc.constantFrom('Vali', 'Bakan', 'Kaymakam', 'Cumhurbaşkanı', 'Milletvekili'),
        (n, title) => {
          const text = `${title} ${n} açıklama yaptı.`;
          expect(redact(text)).toBe(text);
          const street = `${n} Caddesi kapalı.`;
          expect(redact(street)).toBe(street);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not take a place after "Ben" or a relation word for a name', () => {
    expect(redact("Ben İstanbul'da yaşıyorum, annem Ankara'da.")).toBe(
      "Ben İstanbul'da yaşıyorum, annem Ankara'da.",
    );
    expect(redact('Ben de başvurdum. Adım adım ilerliyoruz.')).toBe(
      'Ben de başvurdum. Adım adım ilerliyoruz.',
    );
    expect(redact('Corona isimli virüs yüzünden.')).toBe('Corona isimli virüs yüzünden.');
  });

  it('finds lower-case names after a self-introduction', () => {
    expect(redact('adım ayşe demir, şikayetim var')).toBe('adım [AD SOYAD], şikayetim var');
  });
});
