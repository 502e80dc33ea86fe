/**
 * Memory of a claim index of 10,000 generated claims × 3 examples (the NLP bench's library), in a
 * fresh process: the library is normalised first, then the index is built between two forced
 * collections. Run: `npx tsx test/bench/claim-index-memory.ts` (NLP.md "Performance").
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { claimDocumentText } from '../../src/nlp/claim-aliases.js';
import { createClaimIndex } from '../../src/nlp/claims.js';
import { normalise } from '../../src/nlp/normalise.js';
import { loadTaggerResources } from '../../src/pipeline/load-tagger.js';
import { claims, tweets, vocabulary } from './nlp.bench.js';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const resources = await loadTaggerResources('config', { claims: [] });
const vocab = vocabulary(resources.gazetteer!.provinces.flatMap((p) => p.districts));
const library = claims(10_000, 2, vocab);
const examples = tweets(30_000, 4);
const input = library.map((c, i) => ({
  id: c.id,
  norm: normalise(claimDocumentText(c)),
  examples: examples.slice(3 * i, 3 * i + 3).map((e) => normalise(e)),
}));
gc();
const before = process.memoryUsage();
const index = createClaimIndex(input, resources.claimMatch, resources.claimBackground);
gc();
gc();
const after = process.memoryUsage();
const mb = (k: keyof NodeJS.MemoryUsage) => ((after[k] - before[k]) / 2 ** 20).toFixed(0);
console.log(
  `claim index of ${index.size.toLocaleString('en')} claims, ${index.documents.toLocaleString('en')} documents: ` +
    `RSS +${mb('rss')} MB, JS heap +${mb('heapUsed')} MB, typed arrays +${mb('arrayBuffers')} MB`,
);
