/**
 * `npm run train -- [--data DIR] [--config DIR] [--quick]`: trains the
 * check-worthiness model on CheckThat! 2022 Turkish (task 1A), compares
 * stemmers and feature sets on dev, reports dev_test beside a random ranking
 * and a bag-of-words baseline, and writes config/nlp/checkworthiness.model.json.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BayesClassifier from 'natural/lib/natural/classifiers/bayes_classifier.js';
import type { FeatureSpec } from '../../src/nlp/features.js';
import { type LogRegOptions, predictLogReg, trainLogReg } from '../../src/nlp/logreg.js';
import { averagePrecision, bestF1Threshold, positiveF1, seededRandom } from '../../src/nlp/metrics.js';
import { compilePatterns } from '../../src/nlp/patterns.js';
import type { TurkishStemmerName } from '../../src/nlp/stem.js';
import {
  crossValidate,
  type Example,
  evaluate,
  featurize,
  fitModel,
} from '../../src/nlp/train-checkworthiness.js';

const TRAINED_ON = 'CheckThat! 2022 task 1A Turkish train+dev; threshold by 5-fold CV';

import { loadTaggerResources } from '../../src/pipeline/load-tagger.js';

async function readSplit(dir: string, split: string): Promise<Example[]> {
  const raw = await readFile(join(dir, `CT22_turkish_1A_checkworthy_${split}.tsv`), 'utf8');
  return raw
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.split('\t');
      return { text: cols[3] ?? '', label: Number(cols[4]) === 1 ? 1 : 0 };
    });
}

const fmt = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '../shared/datasets/checkthat2022-tr' },
      config: { type: 'string', default: 'config' },
      quick: { type: 'boolean', default: false },
    },
  });
  const dir = values.data!;
  if (!existsSync(dir)) {
    process.stderr.write(`train: dataset not found at ${dir} (pass --data DIR); nothing trained\n`);
    process.exit(1);
  }
  const [train, dev, test] = await Promise.all(['train', 'dev', 'dev_test'].map((s) => readSplit(dir, s)));
  const matcher = compilePatterns((await loadTaggerResources(values.config!, { claims: [] })).patterns);
  const log = (s: string) => process.stdout.write(`${s}\n`);
  log(
    `train ${train!.length} (pos ${train!.filter((r) => r.label).length}), dev ${dev!.length}, dev_test ${test!.length}`,
  );

  const all = [...train!, ...dev!];
  const y = all.map((r) => r.label);
  const yTest = test!.map((r) => r.label);
  const base: FeatureSpec = { stems: true, bigrams: false, patterns: true, meta: true };
  let lr: LogRegOptions = { epochs: 300, l2: 3e-3, learningRate: 0.3, positiveWeight: 2, minCount: 2 };
  const run = (stemmer: TurkishStemmerName, spec: FeatureSpec, opts: LogRegOptions) => {
    const X = featurize(all, stemmer, spec, matcher);
    const cv = crossValidate(X, y, opts);
    const model = fitModel(X, y, { stemmer, spec, lr: opts, threshold: cv.threshold, trainedOn: TRAINED_ON });
    const s = featurize(test!, stemmer, spec, matcher).map((x) => predictLogReg(model, x));
    return { stemmer, spec, opts, cv, model, test: evaluate(s, yTest, cv.threshold) };
  };
  type Run = ReturnType<typeof run>;
  const better = (a: Run, b: Run) => (b.cv.map > a.cv.map ? b : a);
  const row = (name: string, r: Run) =>
    log(`| ${name} | ${fmt(r.cv.map)} | ${fmt(r.cv.f1)} | ${fmt(r.test.map)} | ${fmt(r.test.f1)} |`);
  const header = (what: string) =>
    log(`\n| ${what} | CV MAP | CV F1 | dev_test MAP | dev_test F1 |\n|---|---|---|---|---|`);

  header('stemmer (stems+patterns+meta)');
  const stemmers: TurkishStemmerName[] = values.quick ? ['f5'] : ['none', 'f5', 'light', 'snowball', 'nlpjs'];
  let best: Run | null = null;
  for (const stemmer of stemmers) {
    const r = run(stemmer, base, lr);
    row(stemmer, r);
    best = best ? better(best, r) : r;
  }
  header(`feature set (${best!.stemmer})`);
  const specs: Array<[string, FeatureSpec]> = values.quick
    ? []
    : [
        ['stems', { stems: true, bigrams: false, patterns: false, meta: false }],
        ['patterns+meta', { stems: false, bigrams: false, patterns: true, meta: true }],
        ['stems+bigrams+patterns+meta', { ...base, bigrams: true }],
        ['stems+char4+patterns+meta', { ...base, chargrams: 4 }],
        ['stems+char3+patterns+meta', { ...base, chargrams: 3 }],
      ];
  for (const [name, spec] of specs) {
    const r = run(best!.stemmer, spec, lr);
    row(name, r);
    best = better(best!, r);
  }
  header('L2 / positive weight');
  for (const opts of values.quick
    ? []
    : [
        { ...lr, l2: 1e-3 },
        { ...lr, l2: 1e-2 },
        { ...lr, positiveWeight: 1 },
        { ...lr, positiveWeight: 4 },
      ]) {
    const r = run(best!.stemmer, best!.spec, opts);
    row(`l2=${opts.l2} pos=${opts.positiveWeight}`, r);
    best = better(best!, r);
  }
  lr = best!.opts;
  const chosen = best!;
  const chosenName = Object.entries(chosen.spec)
    .filter(([, v]) => v)
    .map(([k, v]) => (k === 'chargrams' ? `char${v}` : k))
    .join('+');
  const chosenTest = chosen.test;
  log(
    `\nchosen by 5-fold CV MAP on train+dev: ${chosen.stemmer}, ${chosenName}, l2=${lr.l2}, positiveWeight=${lr.positiveWeight}`,
  );

  const labels = test!.map((r) => r.label);
  const rnd = seededRandom(42);
  let randMap = 0;
  let randF1 = 0;
  for (let k = 0; k < 100; k++) {
    const s = labels.map(() => rnd());
    randMap += averagePrecision(s, labels) / 100;
    randF1 += positiveF1(s, labels, 1 - labels.filter(Boolean).length / labels.length).f1 / 100;
  }
  const bow = bowBaseline(train!, dev!, test!);
  const bowLr = bowLogReg(all, test!);
  log(
    '\n## dev_test (660 tweets, 114 positive)\n\n| system | MAP | P | R | F1 (positive) |\n|---|---|---|---|---|',
  );
  log(`| random ranking (mean of 100) | ${fmt(randMap)} | | | ${fmt(randF1)} |`);
  log(
    `| bag of words, natural BayesClassifier | ${fmt(bow.map)} | ${fmt(bow.precision)} | ${fmt(bow.recall)} | ${fmt(bow.f1)} |`,
  );
  log(
    `| bag of words, logistic regression | ${fmt(bowLr.map)} | ${fmt(bowLr.precision)} | ${fmt(bowLr.recall)} | ${fmt(bowLr.f1)} |`,
  );
  log(
    `| Köprü (${chosen.stemmer} stems, ${chosenName}) | ${fmt(chosenTest.map)} | ${fmt(chosenTest.precision)} | ${fmt(chosenTest.recall)} | ${fmt(chosenTest.f1)} |`,
  );

  chosen.model.metrics = {
    devTest: roundAll(chosenTest),
    randomDevTest: { map: round(randMap), f1: round(randF1) },
    bowNaturalBayesDevTest: roundAll(bow),
    bowLogRegDevTest: roundAll(bowLr),
    featureSet: chosenName,
    hyperparameters: lr,
  };
  const out = join(values.config!, 'nlp', 'checkworthiness.model.json');
  await writeFile(out, `${JSON.stringify(chosen.model)}\n`);
  log(`\nwrote ${out} (${Object.keys(chosen.model.weights).length} weights)`);
}

/** Plain bag of words: lower-cased whitespace tokens, natural's naive Bayes. */
function bowBaseline(train: Example[], dev: Example[], test: Example[]) {
  const toks = (t: string) => t.toLocaleLowerCase('tr').split(/\s+/).filter(Boolean);
  const nb = new BayesClassifier();
  for (const r of train) nb.addDocument(toks(r.text), String(r.label));
  nb.train();
  const score = (t: string) => {
    const c = nb.getClassifications(toks(t));
    const pos = c.find((x) => x.label === '1')?.value ?? 0;
    const neg = c.find((x) => x.label === '0')?.value ?? 0;
    return pos / (pos + neg || 1);
  };
  // Fit on train, threshold on dev: a threshold fitted on the training set overfits naive Bayes badly.
  const th = bestF1Threshold(
    dev.map((r) => score(r.text)),
    dev.map((r) => r.label),
  );
  return evaluate(
    test.map((r) => score(r.text)),
    test.map((r) => r.label),
    th,
  );
}

/** Plain bag of words with the same logistic regression (ablation: no normalisation, stems or patterns). */
function bowLogReg(train: Example[], test: Example[]) {
  const toks = (t: string) => [...new Set(t.toLocaleLowerCase('tr').split(/\s+/).filter(Boolean))];
  const X = train.map((r) => toks(r.text));
  const y = train.map((r) => r.label);
  const opts = { epochs: 300, l2: 3e-3, learningRate: 0.3, positiveWeight: 2, minCount: 2 };
  const { threshold } = crossValidate(X, y, opts);
  const m = trainLogReg(X, y, opts);
  return evaluate(
    test.map((r) => predictLogReg(m, toks(r.text))),
    test.map((r) => r.label),
    threshold,
  );
}

const round = (x: number) => Math.round(x * 1000) / 1000;
function roundAll(o: Record<string, number>) {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
}

main().catch((err: unknown) => {
  process.stderr.write(`train: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
