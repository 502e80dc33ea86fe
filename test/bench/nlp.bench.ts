/**
 * NLP benchmarks: tagging throughput on tweet-length Turkish text (all
 * features on), claim-matching latency against 10,000 known claims, and the
 * speed of the Turkish stemmers compared in NLP.md. Texts are generated from
 * our own templates (no dataset text).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { seededRandom } from '../../src/nlp/metrics.js';
import { lightTurkishStem } from '../../src/nlp/stem.js';
import { turkishStemmer } from '../../src/nlp/stemmers.js';
import type { KnownClaim } from '../../src/nlp/tagger.js';
import { createTagger } from '../../src/nlp/tagger.js';
import { loadTagger, loadTaggerResources } from '../../src/pipeline/load-tagger.js';

const SUBJECTS = [
  'Deprem bölgesinde',
  'İstanbul’da',
  'Ankara Valiliği',
  'Sağlık Bakanlığı',
  'AFAD',
  'Belediye',
  'Hatay’da',
  'Okullarda',
  'Seçimde',
  'Barajda',
];
const CLAIMS = [
  'aşı olanlar ölüyor',
  'yarın büyük deprem olacak',
  'su zehirlendi',
  'sandıklar kayboldu',
  'herkese 5000 lira yardım verilecek',
  'okullar süresiz kapatıldı',
  'baraj çatladı',
  'ekmek 50 lira olacak',
  'yardım tırları bekletiliyor',
  'internet bedava olacak',
];
const TAILS = [
  'silinmeden paylaşın!!!',
  'kimse bilmiyor',
  'resmi açıklama bekleniyor.',
  'bit.ly/xyz tıklayın',
  'İnanılmaz 😱',
  '#SonDakika',
  'doğru mu?',
  'arkadaşlar dikkat',
  'yetkililer açıklama yapmadı',
  'lütfen RT',
];
const FILL = [
  'bugün',
  'sabah',
  'akşam',
  'gerçekten',
  'çok',
  'yine',
  'ayrıca',
  'bence',
  'haberlere göre',
  'vatandaşlar',
];

export function tweets(n: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const pick = (xs: string[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, () =>
    [
      pick(SUBJECTS),
      pick(FILL),
      pick(CLAIMS),
      pick(FILL),
      pick(CLAIMS),
      pick(TAILS),
      pick(FILL),
      pick(CLAIMS),
      pick(SUBJECTS),
      pick(FILL),
      pick(CLAIMS),
      pick(TAILS),
      pick(TAILS),
    ].join(' '),
  );
}

/** Claims over a Zipf-distributed vocabulary (lexicon words, district names, generated word forms). */
export function claims(n: number, seed: number, vocab: string[]): KnownClaim[] {
  const rnd = seededRandom(seed);
  const zipf = () =>
    vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rnd() * Math.log(vocab.length + 1)) - 1))]!;
  return Array.from({ length: n }, (_, i) => ({
    id: `k${i}`,
    text: Array.from({ length: 8 + Math.floor(rnd() * 10) }, zipf).join(' '),
    verdict: 'yanlış',
  }));
}

export function vocabulary(districts: string[]): string[] {
  const base = [...SUBJECTS, ...CLAIMS, ...FILL, ...TAILS].join(' ').split(/\s+/);
  const suffixes = ['', 'da', 'de', 'dan', 'lar', 'ler', 'ın', 'in', 'ı', 'i', 'a', 'e', 'nın', 'ndan'];
  const out = [...base];
  for (const d of districts) for (const s of suffixes.slice(0, 3)) out.push(d + s);
  return out;
}

const rate = (n: number, secs: number) => `${Math.round(n / secs).toLocaleString('en')} items/s`;
/** Wall time per item, and CPU time per item of the whole process (GC helper threads included). */
function perItem(secs: number, cpuStart: NodeJS.CpuUsage, n: number): string {
  const cpu = process.cpuUsage(cpuStart);
  return `${((secs / n) * 1e6).toFixed(0)} µs/item wall, ${((cpu.user + cpu.system) / n).toFixed(0)} µs/item CPU`;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

export default async function nlpBench(): Promise<{ title: string; markdown: string }> {
  const rows: string[] = [];
  const texts = tweets(20_000, 1);
  const gaz = (await loadTaggerResources('config', { claims: [] })).gazetteer!;
  const vocab = vocabulary(gaz.provinces.flatMap((p) => p.districts));
  const library = claims(10_000, 2, vocab);
  const avgLen = Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length);

  for (const [label, lib] of [
    ['30 seed claims', undefined],
    ['10,000 known claims', library],
  ] as const) {
    const tagger = await loadTagger('config', lib ? { claims: lib } : {});
    for (let i = 0; i < 2000; i++) tagger.tag(texts[i]!, { id: `w${i}` });
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < texts.length; i++) tagger.tag(texts[i]!, { id: `t${i}` });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    rows.push(
      `| tag, all features, ${label} | ${rate(texts.length, secs)} | ${perItem(secs, c0, texts.length)} |`,
    );
  }

  // Each claim also gets three example posts (generated), as after staff confirmed matches.
  const exampleTexts = tweets(30_000, 4);
  const withExamples = library.map((c, i) => ({ ...c, examples: exampleTexts.slice(3 * i, 3 * i + 3) }));
  const resources = await loadTaggerResources('config', { claims: withExamples });
  const tBuild = performance.now();
  const tagger = createTagger(resources);
  const buildMs = performance.now() - tBuild;
  {
    for (let i = 0; i < 2000; i++) tagger.tag(texts[i]!, { id: `x${i}` });
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < texts.length; i++) tagger.tag(texts[i]!, { id: `y${i}` });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    rows.push(
      `| tag, all features, 10,000 claims × 3 examples | ${rate(texts.length, secs)} | ${perItem(secs, c0, texts.length)} |`,
    );
  }
  const probe = tweets(2000, 3);
  const lat: number[] = [];
  const { createClaimIndex } = await import('../../src/nlp/claims.js');
  const { claimDocumentText } = await import('../../src/nlp/claim-aliases.js');
  const { normalise } = await import('../../src/nlp/normalise.js');
  const claimIndex = createClaimIndex(
    withExamples.map((c) => ({
      id: c.id,
      norm: normalise(claimDocumentText(c)),
      examples: c.examples.map((e) => normalise(e)),
    })),
    resources.claimMatch,
    resources.claimBackground,
  );
  for (const t of probe) {
    const norm = normalise(t);
    const s = performance.now();
    claimIndex.match(norm);
    lat.push(performance.now() - s);
  }
  rows.push(
    `| claim matching vs 10,000 claims × 3 examples (per item) | p50 ${pct(lat, 0.5).toFixed(3)} ms | p95 ${pct(lat, 0.95).toFixed(3)} ms, p99 ${pct(lat, 0.99).toFixed(3)} ms |`,
  );
  rows.push(`| build tagger incl. 10,000-claim index with 30,000 examples | ${buildMs.toFixed(0)} ms | |`);

  // Matching cost against the library size: indexes of 1,000 to 30,000 claims × 3 examples, the same
  // 2,000 texts each (normalised beforehand: only matching is timed).
  const probeNorms = probe.map((t) => normalise(t));
  const scaling: string[] = [];
  // The indexes built before are collected first, so that their garbage does not land in the timings.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (const n of [1_000, 3_000, 10_000, 30_000]) {
    const lib = claims(n, 2, vocab);
    const ex = n <= 10_000 ? exampleTexts : tweets(3 * n, 4);
    const input = lib.map((c, i) => ({
      id: c.id,
      norm: normalise(claimDocumentText(c)),
      examples: ex.slice(3 * i, 3 * i + 3).map((e) => normalise(e)),
    }));
    gc();
    const index = createClaimIndex(input, resources.claimMatch, resources.claimBackground);
    gc();
    for (const q of probeNorms.slice(0, 500)) index.match(q);
    const ms: number[] = [];
    for (const q of probeNorms) {
      const s = performance.now();
      index.match(q);
      ms.push(performance.now() - s);
    }
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
    scaling.push(
      `| claim matching vs ${n.toLocaleString('en')} claims × 3 examples | mean ${(mean * 1000).toFixed(0)} µs | p50 ${(pct(ms, 0.5) * 1000).toFixed(0)} µs, p99 ${(pct(ms, 0.99) * 1000).toFixed(0)} µs |`,
    );
  }
  rows.push(...scaling);

  const words = texts
    .slice(0, 3000)
    .join(' ')
    .toLocaleLowerCase('tr')
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1);
  for (const name of ['light', 'f5', 'snowball', 'nlpjs'] as const) {
    const st = name === 'light' ? lightTurkishStem : turkishStemmer(name);
    const s = performance.now();
    for (const w of words) st(w);
    const us = ((performance.now() - s) * 1000) / words.length;
    rows.push(
      `| stemmer ${name}, uncached | ${us.toFixed(2)} µs/word | ${words.length.toLocaleString('en')} words |`,
    );
  }

  const markdown = [
    `Tweet-length Turkish text (generated, mean ${avgLen} characters), one process on one core, \`config/\` as shipped.`,
    'Run: `npm run bench` (or `npx tsx -e "import(\'./test/bench/nlp.bench.ts\').then(async m => console.log((await m.default()).markdown))"`).',
    '',
    '| measure | result | detail |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
  return { title: 'NLP tagging', markdown };
}
