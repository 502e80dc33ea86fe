/**
 * `npx tsx workers/cli/eval-names.ts [--per-group N] [--seed S]`: recall of name
 * redaction on generated applications (names from the lexicon and names it does
 * not contain, by context) and the false-redaction rate on ordinary sentences
 * that use name-like common words. No dataset needed.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createNameDetector, nameConfigSchema } from '../../src/nlp/names.js';
import { generateNameCases, scoreNames } from '../../src/nlp/names-eval.js';
import { turkeyGazetteer } from '../../src/pipeline/load-tagger.js';
import { readCheckThat } from './eval-patterns.js';

/** Runs the generated evaluation with the shipped lexicon; returns per-group counts and totals. */
export async function runNameEval(opts: {
  perGroup: number;
  seed: number;
  config?: string;
  set?: 'dev' | 'heldout';
}) {
  const cfg = nameConfigSchema.parse(
    JSON.parse(await readFile(opts.config ?? 'config/nlp/names.tr.json', 'utf8')),
  );
  const places = turkeyGazetteer().provinces.flatMap((p) => [p.name, ...p.districts]);
  const detect = createNameDetector(cfg, places);
  const cases = generateNameCases({ ...opts, firstNames: cfg.firstNames, surnames: cfg.surnames });
  const groups = scoreNames(cases, detect);
  let names = 0;
  let found = 0;
  let texts = 0;
  let falseTexts = 0;
  for (const [g, x] of groups) {
    if (g !== 'ordinary') {
      names += x.names;
      found += x.found;
    }
    texts += x.texts;
    falseTexts += x.falseTexts;
  }
  const ordinary = groups.get('ordinary')!;
  return {
    groups,
    recall: found / names,
    falseRedaction: falseTexts / texts,
    ordinaryFalse: ordinary.falseTexts / ordinary.texts,
  };
}

/**
 * Precision of name detection on real tweets: the detections on the labelled
 * CheckThat! tweets that match a labelled span (tweet id, offsets) are counted;
 * null when the dataset is absent.
 */
export async function runRealNameEval(opts: { data: string; labels: string; config?: string }) {
  const tweets = await readCheckThat(opts.data);
  if (!tweets) return null;
  const cfg = nameConfigSchema.parse(
    JSON.parse(await readFile(opts.config ?? 'config/nlp/names.tr.json', 'utf8')),
  );
  const detect = createNameDetector(
    cfg,
    turkeyGazetteer().provinces.flatMap((p) => [p.name, ...p.districts]),
  );
  const rows = (await readFile(opts.labels, 'utf8'))
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'));
  const label = new Map(rows.map((r) => [`${r[0]}:${r[1]}:${r[2]}`, { ok: r[3] === '1', split: r[4]! }]));
  const out = new Map<string, { correct: number; found: number }>();
  let unlabelled = 0;
  for (const id of new Set(rows.map((r) => r[0]!))) {
    const text = tweets.get(id);
    if (text === undefined) continue;
    for (const s of detect(text)) {
      const l = label.get(`${id}:${s.start}:${s.end}`);
      if (!l) {
        unlabelled++;
        continue;
      }
      const x = out.get(l.split) ?? { correct: 0, found: 0 };
      x.found++;
      if (l.ok) x.correct++;
      out.set(l.split, x);
    }
  }
  return { splits: out, unlabelled };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'per-group': { type: 'string', default: '200' },
      seed: { type: 'string', default: '7' },
      set: { type: 'string', default: 'dev' },
      data: { type: 'string', default: '../shared/datasets/checkthat2022-tr' },
      labels: { type: 'string', default: 'config/nlp/eval/name-labels.tsv' },
    },
  });
  const r = await runNameEval({
    perGroup: Number(values['per-group']),
    seed: Number(values.seed),
    set: values.set === 'heldout' ? 'heldout' : 'dev',
  });
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log('| group | names redacted (recall) | texts with a false redaction |\n|---|---|---|');
  for (const [g, x] of r.groups) {
    const rec = x.names ? `${(x.found / x.names).toFixed(3)} (${x.found}/${x.names})` : '–';
    log(`| ${g} | ${rec} | ${(x.falseTexts / x.texts).toFixed(3)} (${x.falseTexts}/${x.texts}) |`);
  }
  const real = await runRealNameEval({ data: values.data!, labels: values.labels! });
  if (real) {
    log("\nReal tweets (CheckThat! 2022 tr): detected spans that are a person's name");
    for (const [split, x] of real.splits)
      log(`| ${split} | ${(x.correct / x.found).toFixed(3)} (${x.correct}/${x.found}) |`);
    log(`${real.unlabelled} detections in the labelled tweets have no label (new or changed spans)`);
  } else log(`\n(real-tweet precision skipped: ${values.data} not found)`);
  log(
    `\nrecall ${r.recall.toFixed(3)}, false-redaction rate ${r.falseRedaction.toFixed(3)} (ordinary sentences ${r.ordinaryFalse.toFixed(3)})`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
