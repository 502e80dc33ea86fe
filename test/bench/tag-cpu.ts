/**
 * CPU time per tagged item for one claim library, for side-by-side comparisons of two versions
 * (run it alternately in two checkouts): `MODE=seed|big|none npx tsx test/bench/tag-cpu.ts`.
 * seed = the 30 claims of config/, big = 10,000 generated claims × 3 examples (the NLP bench's
 * library), none = no claims. Prints the minimum and the median of 12 rounds of 5,000 texts
 * (process user + system time, garbage-collector helper threads included) and GC time per item.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { createTagger } from '../../src/nlp/tagger.js';
import { loadTaggerResources } from '../../src/pipeline/load-tagger.js';
import { claims, tweets, vocabulary } from './nlp.bench.js';

const mode = process.env.MODE ?? 'big';
if (!['seed', 'big', 'none'].includes(mode)) throw new Error(`MODE must be seed, big or none, not ${mode}`);
const texts = tweets(20_000, 1);
let library: object = {};
if (mode === 'none') library = { claims: [] };
if (mode === 'big') {
  const gaz = (await loadTaggerResources('config', { claims: [] })).gazetteer!;
  const lib = claims(10_000, 2, vocabulary(gaz.provinces.flatMap((p) => p.districts)));
  const examples = tweets(30_000, 4);
  library = { claims: lib.map((c, i) => ({ ...c, examples: examples.slice(3 * i, 3 * i + 3) })) };
}
const tagger = createTagger(await loadTaggerResources('config', library));
for (let i = 0; i < 3000; i++) tagger.tag(texts[i]!, { id: `w${i}` });

const gcMs: Record<string, number> = {};
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = (e as { detail?: { kind?: number } }).detail?.kind === 1 ? 'minor' : 'other';
    gcMs[kind] = (gcMs[kind] ?? 0) + e.duration;
  }
});
observer.observe({ entryTypes: ['gc'] });
const rounds = 12;
const perRound = 5000;
const us: number[] = [];
for (let r = 0; r < rounds; r++) {
  const start = process.cpuUsage();
  for (let i = 0; i < perRound; i++)
    tagger.tag(texts[(r * perRound + i) % texts.length]!, { id: `r${r}-${i}` });
  const used = process.cpuUsage(start);
  us.push((used.user + used.system) / perRound);
}
us.sort((a, b) => a - b);
await new Promise((r) => setTimeout(r, 20));
observer.disconnect();
const gc = Object.entries(gcMs)
  .map(([k, ms]) => `${k} ${((ms / (rounds * perRound)) * 1000).toFixed(1)}`)
  .join(', ');
console.log(
  `${mode}: CPU µs/item min ${us[0]!.toFixed(0)}, median ${us[rounds / 2]!.toFixed(0)} ` +
    `(${Math.round(1e6 / us[rounds / 2]!).toLocaleString('en')} items/s per core); GC µs/item: ${gc}`,
);
