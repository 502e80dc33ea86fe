import { describe, expect, it } from 'vitest';
import { createClusterIndex, shingles } from './cluster.js';
import { seededRandom } from './metrics.js';
import { fnv1a } from './minhash.js';
import { normalise } from './normalise.js';

const RUMOUR =
  'Son dakika: yarın sabah saat beşte Marmara bölgesinde yedi büyüklüğünde bir deprem bekleniyor, yetkililer açıklama yapmıyor, ailenizi uyarın ve bu mesajı herkese gönderin';
const OTHERS = [
  'Belediye yarın sabah ana caddede asfalt çalışması yapacak, sürücülerin alternatif yolları kullanması rica edildi',
  'Okulların açılış tarihi değişmedi, dersler eylül ayının ikinci haftasında başlayacak',
  'Marmara bölgesinde hafif bir sarsıntı hissedildi, herhangi bir hasar bildirilmedi',
  'Yarın sabah saat beşte başlayacak olan maç için biletler tükendi',
];

function edit(text: string, rnd: () => number): string {
  const words = text.split(' ');
  const ops = 1 + Math.floor(rnd() * 3);
  for (let k = 0; k < ops; k++) {
    const i = Math.floor(rnd() * words.length);
    const op = rnd();
    if (op < 0.25) words.splice(i, 1);
    else if (op < 0.5) words.splice(i, 0, ['lütfen', 'acil', 'dikkat', 'arkadaşlar'][Math.floor(rnd() * 4)]!);
    else if (op < 0.7) words[i] = words[i]!.toUpperCase();
    else if (op < 0.85) words[i] = `${words[i]}${'!'.repeat(1 + Math.floor(rnd() * 3))}`;
    else
      words[i] = words[i]!.replace(
        /[ıİşŞğĞüÜöÖçÇ]/g,
        (c) =>
          ({
            ı: 'i',
            İ: 'I',
            ş: 's',
            Ş: 'S',
            ğ: 'g',
            Ğ: 'G',
            ü: 'u',
            Ü: 'U',
            ö: 'o',
            Ö: 'O',
            ç: 'c',
            Ç: 'C',
          })[c]!,
      );
  }
  const prefix = rnd() < 0.3 ? `RT @kullanici${Math.floor(rnd() * 1000)}: ` : '';
  const suffix =
    rnd() < 0.4 ? ` https://t.co/${Math.floor(rnd() * 1e9).toString(36)}` : rnd() < 0.3 ? ' 😱😱' : '';
  return prefix + words.join(' ') + suffix;
}

describe('near-duplicate clustering', () => {
  it('puts 500 lightly edited copies of one rumour into one cluster keyed by the first copy', () => {
    const index = createClusterIndex();
    const rnd = seededRandom(7);
    const keys = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const norm = normalise(i === 0 ? RUMOUR : edit(RUMOUR, rnd));
      keys.add(index.assign(`item-${i}`, index.signature(norm)));
    }
    expect([...keys]).toEqual(['item-0']);
  });

  it('keeps different texts on the same topic apart', () => {
    const index = createClusterIndex();
    const keys = [RUMOUR, ...OTHERS].map((t, i) => index.assign(`o${i}`, index.signature(normalise(t))));
    expect(new Set(keys).size).toBe(OTHERS.length + 1);
  });

  it('gives the same id the same key again (idempotent re-tagging)', () => {
    const index = createClusterIndex();
    const a = index.assign('x', index.signature(normalise(OTHERS[0]!)));
    index.assign('y', index.signature(normalise(OTHERS[1]!)));
    expect(index.assign('x', index.signature(normalise(OTHERS[0]!)))).toBe(a);
  });

  it('continues stored clusters after seeding from (clusterKey, signature) pairs', () => {
    const first = createClusterIndex();
    const sig = first.signature(normalise(RUMOUR));
    const encoded = first.encode(sig);
    const restarted = createClusterIndex();
    restarted.seed([{ clusterKey: 'stored-cluster-1', signature: encoded }]);
    const rnd = seededRandom(1);
    expect(restarted.assign('new', restarted.signature(normalise(edit(RUMOUR, rnd))))).toBe(
      'stored-cluster-1',
    );
    restarted.seed([
      { clusterKey: 'numbers', signature: Array.from(first.signature(normalise(OTHERS[1]!))) },
    ]);
    expect(restarted.assign('n2', restarted.signature(normalise(OTHERS[1]!)))).toBe('numbers');
  });
});

describe('cluster index memory bound', () => {
  it('forgets the oldest signatures beyond maxEntries', () => {
    const index = createClusterIndex({ maxEntries: 100 });
    for (let i = 0; i < 250; i++)
      index.assign(`m${i}`, index.signature(normalise(`metin numara ${i} farklı içerik ${i * 7}`)));
    expect(index.size).toBe(100);
  });
});

describe('shingles', () => {
  it('are the FNV-1a hashes of "word word" pairs, as stored with the signatures of earlier items', () => {
    for (const text of [RUMOUR, ...OTHERS, 'İki kelime', 'Çok uzun ğüşıöç ÇĞÜŞİÖ #etiket 123 sözcük']) {
      const norm = normalise(text);
      const words = norm.tokens
        .filter((t) => t.kind === 'word' || t.kind === 'hashtag' || t.kind === 'number')
        .map((t) => t.text);
      const expected = new Set<number>(words.length < 3 ? words.map(fnv1a) : []);
      for (let i = 1; i < words.length; i++) expected.add(fnv1a(`${words[i - 1]} ${words[i]}`));
      expect(shingles(norm)).toEqual(expected);
    }
  });
});
