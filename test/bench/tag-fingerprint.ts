/**
 * A fingerprint (SHA-256) of 5,000 tag results, to show that a speed change leaves every result as it
 * was: 3,000 generated texts tagged against 10,000 generated claims × 3 examples, then the first
 * 2,000 tweets of CheckThat! 2022 train when `../shared/datasets` is present; every third text is
 * tagged as an application (names redacted). Run before and after a change and compare the hash:
 * `npx tsx test/bench/tag-fingerprint.ts`. Prints the hash only, never the texts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createTagger } from '../../src/nlp/tagger.js';
import { loadTaggerResources } from '../../src/pipeline/load-tagger.js';
import { claims, tweets, vocabulary } from './nlp.bench.js';

const gaz = (await loadTaggerResources('config', { claims: [] })).gazetteer!;
const library = claims(10_000, 2, vocabulary(gaz.provinces.flatMap((p) => p.districts)));
const examples = tweets(30_000, 4);
const tagger = createTagger(
  await loadTaggerResources('config', {
    claims: library.map((c, i) => ({ ...c, examples: examples.slice(3 * i, 3 * i + 3) })),
  }),
);
const file = '../shared/datasets/checkthat2022-tr/CT22_turkish_1A_checkworthy_train.tsv';
const real = existsSync(file)
  ? readFileSync(file, 'utf8')
      .split('\n')
      .slice(1, 2001)
      .map((l) => l.split('\t')[3] ?? '')
      .filter(Boolean)
  : [];
const texts = [...tweets(3000, 9), ...real];
const hash = createHash('sha256');
texts.forEach((t, i) => {
  hash.update(JSON.stringify(tagger.tag(t, { id: `i${i}`, kind: i % 3 === 0 ? 'application' : 'post' })));
});
console.log(`${texts.length} tag results: ${hash.digest('hex')}`);
