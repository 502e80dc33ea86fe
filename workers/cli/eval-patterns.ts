/**
 * `npx tsx workers/cli/eval-patterns.ts [--data DIR] [--trclaim DIR] [--labels FILE] [--unlabelled] [--prefix P]`:
 * precision of every pattern family on the hand-labelled CheckThat! 2022 and
 * TrClaim-19 Turkish tweets (ids and labels in config/nlp/eval/pattern-labels.tsv;
 * the text is read from the dataset, never stored). `--prefix tc19-` restricts
 * the table to the TrClaim-19 labels. `--unlabelled` lists fired (tweet, family)
 * pairs that have no label yet.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import type { Tagger } from '../../src/nlp/index.js';
import { measurePrecision, parseLabels } from '../../src/nlp/pattern-eval.js';
import { loadTagger } from '../../src/pipeline/load-tagger.js';

const FILES = [
  'CT22_turkish_1A_checkworthy_train.tsv',
  'CT22_turkish_1A_checkworthy_dev.tsv',
  'CT22_turkish_1A_checkworthy_dev_test.tsv',
];

/** Tweet id → text of the CheckThat! 2022 Turkish task 1A files, or null when the folder is absent. */
export async function readCheckThat(dir: string): Promise<Map<string, string> | null> {
  if (!FILES.every((f) => existsSync(`${dir}/${f}`))) return null;
  const tweets = new Map<string, string>();
  for (const f of FILES) {
    for (const line of (await readFile(`${dir}/${f}`, 'utf8')).split('\n').slice(1)) {
      const c = line.split('\t');
      if (c[1] && c[3]) tweets.set(c[1], c[3]);
    }
  }
  return tweets;
}

/**
 * Tweet id → text of the TrClaim-19 tweets, or null when the file is absent. The
 * file has no tweet ids: a tweet's id is `tc19-` and the first 16 hex digits of the
 * SHA-256 of its text (the labels file stores that, never the text).
 */
export async function readTrClaim(dir: string): Promise<Map<string, string> | null> {
  const file = `${dir}/trclaim19_v1_1.tsv`;
  if (!existsSync(file)) return null;
  const rows = parse(await readFile(file, 'utf8'), {
    delimiter: '\t',
    columns: true,
    relax_quotes: true,
  }) as { tweet?: string }[];
  const tweets = new Map<string, string>();
  for (const r of rows) if (r.tweet) tweets.set(trClaimId(r.tweet), r.tweet);
  return tweets;
}
export const trClaimId = (text: string) =>
  `tc19-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;

/**
 * Tags the labelled tweets and measures per-family precision. CheckThat! 2022 is
 * required; TrClaim-19 (labels with `tc19-` ids) is read when present.
 */
export async function runPatternEval(opts: {
  data: string;
  trclaim?: string;
  labels: string;
  tagger?: Tagger;
  /** Only labels whose tweet id starts with this. */
  prefix?: string;
}) {
  const ct = await readCheckThat(opts.data);
  if (!ct) return null;
  const tc = await readTrClaim(opts.trclaim ?? '../shared/datasets/trclaim19');
  const tweets = new Map([...ct, ...(tc ?? [])]);
  const labels = parseLabels(await readFile(opts.labels, 'utf8')).filter((l) =>
    l.tweetId.startsWith(opts.prefix ?? ''),
  );
  const tagger = opts.tagger ?? (await loadTagger('config'));
  const fired = new Map<string, string[]>();
  let missing = 0;
  for (const id of new Set(labels.map((l) => l.tweetId))) {
    const text = tweets.get(id);
    if (text === undefined) {
      missing++;
      continue;
    }
    fired.set(
      id,
      tagger.tag(text, { kind: 'post', cluster: false }).tags.map((t) => t.tag),
    );
  }
  return { ...measurePrecision(fired, labels), tweets: fired.size, missing };
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/datasets/checkthat2022-tr' },
      trclaim: { type: 'string', default: '../shared/datasets/trclaim19' },
      labels: { type: 'string', default: 'config/nlp/eval/pattern-labels.tsv' },
      unlabelled: { type: 'boolean', default: false },
      prefix: { type: 'string', default: '' },
    },
  });
  const r = await runPatternEval({
    data: values.data!,
    trclaim: values.trclaim!,
    labels: values.labels!,
    prefix: values.prefix!,
  });
  if (!r) {
    process.stderr.write(`eval-patterns: CheckThat! files not found in ${values.data} (pass --data DIR)\n`);
    process.exit(1);
  }
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(`${r.tweets} labelled tweets tagged (${r.missing} ids not in the dataset)`);
  log('\n| family | tune P (n) | held-out P (n) | all P (n) |\n|---|---|---|---|');
  const fams = [...new Set(r.rows.map((x) => x.family))];
  const cell = (f: string, s: string) => {
    const x = r.rows.find((y) => y.family === f && y.split === s);
    return x ? `${x.precision!.toFixed(2)} (${x.correct}/${x.fired})` : '– (0)';
  };
  for (const f of fams) log(`| ${f} | ${cell(f, 'tune')} | ${cell(f, 'held')} | ${cell(f, 'all')} |`);
  log(`\n${r.unlabelled.length} fired pairs without a label`);
  if (values.unlabelled) for (const u of r.unlabelled) log(`${u.tweetId}\t${u.family}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
