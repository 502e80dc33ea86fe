import { describe, expect, it } from 'vitest';
import { acronyms, claimDocumentText } from './claim-aliases.js';
import { buildBackground, decodeBackground, encodeBackground, sameSpec } from './claim-background.js';
import { claimFeatures } from './claim-features.js';
import { createClaimIndex } from './claims.js';
import { normalise } from './normalise.js';
import { createTagger } from './tagger.js';

// Our own wording; no dataset text.
const CLAIMS = [
  { id: 'A', text: 'Okullar bir ay boyunca kapatılacak, Milli Eğitim Bakanlığı açıkladı', verdict: 'yanlış' },
  {
    id: 'B',
    text: 'Okullarda maske zorunluluğu kaldırıldı, çocuklar maskesiz derse girecek',
    verdict: 'doğru',
  },
  { id: 'C', text: 'Deprem bölgesinde yardım çadırları satılıyor', verdict: 'yanlış' },
  { id: 'D', text: 'Barajın duvarı çatladı, şehir sular altında kalacak', verdict: 'yanlış' },
];
const POST =
  'Çocuklar artık okullarda maskesiz mi olacak? Velilere tatil uzatıldı mesajı geldi, okullar kapanıyor';
const spec = { prefix: 5, gramMin: 3, gramMax: 5 };

describe('claim index', () => {
  const index = () =>
    createClaimIndex(
      CLAIMS.map((c) => ({ id: c.id, norm: normalise(claimDocumentText(c)) })),
      { prefix: 99, gramMin: 4, gramMax: 4, prefixWeight: 0.3 },
    );

  it('returns the ranked top 5 best first, never cut by a threshold; only the first may be confident', () => {
    const m = index().match(normalise('DEPREM bölgesinde yardım çadırları satılıyor!!'));
    expect(m[0]).toMatchObject({ claimId: 'C', confident: true });
    expect(m.length).toBeGreaterThan(1);
    for (let i = 1; i < m.length; i++) {
      expect(m[i]!.score).toBeLessThanOrEqual(m[i - 1]!.score);
      expect(m[i]!.confident).toBe(false);
    }
  });

  it('lists the words that matched as written in the post', () => {
    const [top] = index().match(normalise('DEPREM bölgesinde çadırlar satılıyor!'));
    expect(top!.terms).toEqual(expect.arrayContaining(['deprem', 'bölgesinde', 'satılıyor']));
  });

  it('is not confident on an unrelated post', () => {
    const m = index().match(normalise('Yarın hava güneşli olacak, sahillerde kalabalık bekleniyor'));
    expect(m.every((x) => !x.confident)).toBe(true);
  });

  it('is not confident when two claims score about the same', () => {
    const m = index().match(normalise('okullar kapatılacak mı, okullarda maske kalkıyor mu'));
    expect(m[0]!.confident).toBe(false);
  });

  it('refuses an example for an unknown claim', () => {
    expect(index().addExample('nope', normalise('bir metin'))).toBe(false);
  });
});

describe('confirmed examples', () => {
  it('a post that ranked a claim second ranks it first after two similar posts are confirmed for it', () => {
    const tagger = createTagger({ patterns: [], claims: CLAIMS });
    const before = tagger.tag(POST).matches.map((m) => m.claimId);
    expect(before.slice(0, 2)).toEqual(['B', 'A']);
    expect(tagger.addClaimExample('A', 'Velilere mesaj geldi: tatil uzatıldı, okullar kapanıyor')).toBe(true);
    expect(tagger.addClaimExample('A', 'Okullar kapanıyor, veliler tatil uzatıldı mesajı aldı')).toBe(true);
    expect(tagger.tag(POST).matches[0]!.claimId).toBe('A');
  });

  it('examples given with the claim count the same as examples added later', () => {
    const ex = ['Velilere mesaj geldi: tatil uzatıldı, okullar kapanıyor'];
    const a = createTagger({
      patterns: [],
      claims: CLAIMS.map((c) => (c.id === 'A' ? { ...c, examples: ex } : c)),
    });
    const b = createTagger({ patterns: [], claims: CLAIMS });
    b.addClaimExample('A', ex[0]!);
    expect(a.tag(POST).matches).toEqual(b.tag(POST).matches);
  });
});

describe('aliases and acronyms', () => {
  it('derives acronyms from capitalised names', () => {
    expect(acronyms('Dünya Sağlık Örgütü ve Türk Tabipleri Birliği açıkladı')).toEqual(['DSÖ', 'TTB']);
  });

  it('matches a post that uses an alias or the acronym of a name in the claim', () => {
    const tagger = createTagger({
      patterns: [],
      claims: [
        ...CLAIMS,
        { id: 'E', text: 'Elektrik faturalarına yüzde elli zam geliyor', aliases: ['EPDK zammı'] },
      ],
    });
    expect(tagger.tag('MEB duyurdu: okullar bir ay kapatılacak').matches[0]!.claimId).toBe('A');
    expect(tagger.tag('epdk zammı faturalara yansıyor').matches[0]!.claimId).toBe('E');
  });
});

describe('background statistics', () => {
  it('round-trips through the file form, dropping features below minDf', () => {
    const bg = buildBackground(['okullar kapanıyor', 'okullar açılıyor', 'deprem oldu'], spec);
    const back = decodeBackground(encodeBackground(bg, 'test', 2));
    expect(back.docs).toBe(3);
    const okul = claimFeatures(normalise('okullar'), spec).prefixes[0]!;
    expect(back.df.get(okul)).toBe(2);
    expect([...back.df.values()].every((c) => c >= 2)).toBe(true);
    expect(sameSpec(back.spec, spec)).toBe(true);
  });

  it('down-weights words common in the background, whatever the claims say', () => {
    const claims = [
      { id: 'X', norm: normalise('Son dakika: kuraklık yüzünden ekmek karneye bağlanacak') },
      { id: 'Y', norm: normalise('Son dakika: hastanelerde ilaç stokları bitti') },
    ];
    const cfg = { prefix: 99, gramMin: 0, gramMax: 0, prefixWeight: 1 };
    const bg = buildBackground(
      Array.from({ length: 50 }, (_, i) => `son dakika haber ${i}`),
      cfg,
    );
    const post = normalise('son dakika son dakika ilaç');
    const withBg = createClaimIndex(claims, cfg, bg).match(post);
    expect(withBg[0]!.claimId).toBe('Y');
    expect(withBg.find((m) => m.claimId === 'X')?.score ?? 0).toBeLessThan(0.2);
  });
});
