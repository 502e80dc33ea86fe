import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';
import { tagResultSchema } from '../../src/domain/item.js';
import type { Tagger } from '../../src/nlp/index.js';
import { loadTagger } from '../../src/pipeline/load-tagger.js';

let tagger: Tagger;
beforeAll(async () => {
  tagger = await loadTagger('config');
});

const families = (text: string) => tagger.tag(text).tags.map((t) => t.tag);

describe('tagger with the shipped config', () => {
  it('returns results that satisfy the domain schema, with evidence inside the original text', () => {
    const text = 'SON DAKİKA!!! Bu gece İstanbul’da deprem olacakmış, silinmeden paylaşın #SonDakikaDeprem';
    const r = tagger.tag(text, { id: 'a1' });
    expect(tagResultSchema.parse(r)).toBeTruthy();
    expect(r.lang).toBe('tr');
    for (const t of r.tags) {
      for (const e of t.evidence) {
        expect(e.start).toBeGreaterThanOrEqual(0);
        expect(e.end).toBeLessThanOrEqual(text.length);
        expect(text.slice(e.start, e.end).trim().length).toBeGreaterThan(0);
      }
    }
    expect(r.tags.map((t) => t.tag)).toEqual(
      expect.arrayContaining(['urgency', 'disaster_rumour', 'sensational']),
    );
    expect(r.entities.provinces).toContain('İstanbul');
  });

  it.each([
    ['urgency', 'Bunu silinmeden önce herkes görsün, hemen paylaşın'],
    ['sensational', 'ŞOK! Bomba iddia ortalığı karıştırdı'],
    ['health_rumour', 'Aşı olanlar iki yıl içinde ölüyor, aşı kısırlaştırıyor'],
    ['disaster_rumour', 'Baraj çatladı, şehri terk edin'],
    ['scam', 'Tebrikler, ödül kazandınız! Bedava internet için linke tıklayın'],
    ['impersonation', 'Valilik resmi açıklama: yarın tüm okullar kapalı'],
    ['fabricated_quote', 'Bakanın gizlice kayda alınan sözleri ortaya çıktı, bakın ne demiş'],
    ['election', 'Sandıklar çalındı, seçimde büyük hile yapıldı'],
    ['violence_hate', 'Hepsini kurşuna dizin'],
    ['conspiracy', 'Depremler yapay deprem teknolojisiyle üretiliyor, bizden saklıyorlar'],
  ])('tags %s', (family, text) => {
    expect(families(text)).toContain(family);
  });

  it('always flags calls to violence for a supervisor, with a reason', () => {
    const r = tagger.tag('Bunların hepsi gebersin');
    expect(r.flagged).toBe(true);
    expect(r.reasons.join(' ')).toMatch(/denetçi/);
  });

  it('does not flag an ordinary announcement', () => {
    const r = tagger.tag('Kütüphanemiz hafta sonu 10:00-18:00 saatleri arasında açıktır.');
    expect(r.flagged).toBe(false);
    expect(r.tags).toEqual([]);
  });

  it('redacts personal data in applications', () => {
    const r = tagger.tag('Başvurum: TC 10000000146, telefon 0532 123 45 67', { kind: 'application' });
    expect(r.redactedText).toBe('Başvurum: TC [TCKN], telefon [TELEFON]');
    expect(r.pii.map((p) => p.kind)).toEqual(['tckn', 'phone']);
  });

  it('redacts private names in applications and keeps them in public posts', () => {
    const text =
      'Adım Derya Kaya. Komşum Ahmet Aydın her gece gürültü yapıyor, barış içinde yaşamak istiyoruz.';
    const app = tagger.tag(text, { kind: 'application', knownNames: ['Derya Kaya'] });
    expect(app.redactedText).toBe(
      'Adım [AD SOYAD]. Komşum [AD SOYAD] her gece gürültü yapıyor, barış içinde yaşamak istiyoruz.',
    );
    expect(app.pii.map((p) => p.kind)).toEqual(['name', 'name']);
    // Aydın is a surname here, not the province.
    expect(app.entities.provinces).not.toContain('Aydın');
    const post = tagger.tag('Sağlık Bakanı Fahrettin Koca ve Ahmet Aydın açıklama yaptı', { kind: 'post' });
    expect(post.redactedText).toContain('Fahrettin Koca');
    expect(post.pii).toEqual([]);
    expect(post.entities.provinces).not.toContain('Aydın');
    expect(tagger.tag("Aydın'da su kesintisi var").entities.provinces).toContain('Aydın');
  });

  it('redacts the applicant name given by the record even where no rule would find it', () => {
    const r = tagger.tag('Bu başvuruyu GÖKBERK TUNÇEL olarak yapıyorum.', {
      kind: 'application',
      knownNames: ['Gökberk Tunçel'],
    });
    expect(r.redactedText).toBe('Bu başvuruyu [AD SOYAD] olarak yapıyorum.');
  });

  it('gives reasons and labels in words, never rule codes', () => {
    const r = tagger.tag('Bu gece deprem olacakmış, silinmeden paylaşın');
    expect(r.reasons.join(' ')).not.toMatch(/\btr\.[a-z_]+\./);
    expect(r.reasons.join(' ')).toMatch(/Silinmeden paylaş çağrısı/);
    expect(tagger.labels.family('urgency', 'en')).toBe('Urgency / share before deleted');
    const rule = r.tags.find((t) => t.tag === 'disaster_rumour')!.evidence[0]!.rule;
    expect(tagger.labels.rule(rule, 'en')).toBe('Earthquake or disaster prediction');
  });

  it('gives the reasons in English too, and names a debunked claim by its text, never its id', async () => {
    const r = tagger.tag('Bu gece deprem olacakmış, silinmeden paylaşın');
    expect(r.reasonsEn?.length).toBe(r.reasons.length);
    expect(r.reasonsEn!.join(' ')).toMatch(/Urgency \/ share before deleted \(\d+%\)/);
    expect(r.reasonsEn!.join(' ')).not.toMatch(/[ğışçöü]/i);
    const withClaim = await loadTagger('config', {
      claims: [
        {
          id: 'c-baraj-77',
          text: 'Barajın patladığı ve şehrin sular altında kalacağı iddiası',
          verdict: 'yanlış',
        },
      ],
    });
    const d = withClaim.tag('Barajın patladığı, şehrin sular altında kalacağı söyleniyor, herkes kaçsın!');
    expect(d.debunkedMatch?.claimId).toBe('c-baraj-77');
    const all = [...d.reasons, ...d.reasonsEn!].join(' ');
    expect(all).not.toContain('c-baraj-77');
    expect(d.reasons.join(' ')).toMatch(/Yanlışlanmış iddiaya benziyor: “Barajın patladığı/);
    expect(d.reasonsEn!.join(' ')).toMatch(/Resembles a debunked claim: “Barajın patladığı/);
  });

  it('does not tag topic words alone, ordinary "hemen"/"yayın" or a debunk as a rumour', () => {
    expect(families('Covid aşısı randevuları açıldı, seçim takvimi belli oldu')).toEqual([]);
    expect(families('Hemen hemen herkes yayını izledi, rapor yayınlandı')).toEqual([]);
    expect(families('Hastanede bedava aşı, IBAN bilgisi ile bağış kampanyası')).toEqual([]);
    expect(families('Aşıların kısırlaştırdığı iddiası asılsızdır, itibar etmeyiniz')).toEqual(['debunk']);
  });

  it('does not call an institution its own impersonator: official sources drop the tag', () => {
    const text =
      'Sayın vatandaşlarımız, AFAD Başkanlığı olarak kamuoyuna duyurulur: yarın tatbikat yapılacaktır.';
    expect(families(text)).toContain('impersonation');
    for (const sources of [
      ['https://www.afad.gov.tr/duyuru'],
      ['@AFADBaskanlik'],
      ['https://x.com/afadbaskanlik/status/1'],
    ])
      expect(tagger.tag(text, { sources }).tags.map((t) => t.tag)).not.toContain('impersonation');
    expect(
      tagger.tag(text, { sources: ['https://afad-gov.tr.example.com'] }).tags.map((t) => t.tag),
    ).toContain('impersonation');
  });

  it('matches a reworded rumour to the seed claim it repeats, best first', () => {
    const r = tagger.tag('aşı yaptıranlar 2 yıl içinde ölecekmiş!!');
    expect(r.matches[0]?.claimId).toBe('seed-001');
    expect(r.matches.length).toBeLessThanOrEqual(5);
    expect(tagger.tag('Kütüphane hafta sonu açık').matches.some((m) => m.confident)).toBe(false);
  });

  it('uses a replaced claim library', () => {
    tagger.setClaims([{ id: 'k1', text: 'Köprü trafiğe kapatıldı', verdict: 'yanlış' }]);
    expect(tagger.tag('köprü trafiğe kapatılmış').matches.map((m) => m.claimId)).toEqual(['k1']);
  });
});

describe('npm run tag', () => {
  it('reads JSONL on stdin and writes one result per line with the contract fields', async () => {
    const claims = join(tmpdir(), `claims-${process.pid}.jsonl`);
    await writeFile(claims, '{"id":"c9","text":"Baraj çatladı, şehir sular altında kalacak"}\n');
    const input = [
      '{"id":"1","text":"Baraj çatladı!! şehir sular altında kalacakmış"}',
      '{"id":2,"text":"Merhaba"}',
    ].join('\n');
    const child = execFile('npx', ['tsx', 'workers/cli/tag.ts', '--claims', claims], { encoding: 'utf8' });
    child.stdin!.end(input);
    const out = await new Promise<string>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d) => {
        buf += d;
      });
      child.on('exit', (code) => (code === 0 ? resolve(buf) : reject(new Error(`exit ${code}`))));
    });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['1', '2']);
    for (const l of lines) {
      for (const k of [
        'lang',
        'checkWorthiness',
        'risk',
        'flagged',
        'tags',
        'matches',
        'pii',
        'redactedText',
        'clusterKey',
      ]) {
        expect(l).toHaveProperty(k);
      }
    }
    expect(lines[0].matches[0]).toMatchObject({ claimId: 'c9', confident: expect.any(Boolean) });
  });
});
