/**
 * Evaluation floors (reduced scale, run in CI where ../shared/datasets exists): the committed
 * check-worthiness model on CheckThat! 2022 dev_test and the TrClaim-19 held-out fifth, a small
 * retraining on CheckThat! train, and language identification. A figure below its floor fails.
 * Floors sit a little under the figures in NLP.md so that machine noise never trips them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkWorthinessModelSchema, createCheckWorthiness } from '../../src/nlp/checkworthiness.js';
import { type Example, isTrClaimHeldOut, parseCheckThat, parseTrClaim } from '../../src/nlp/cw-datasets.js';
import { detectLanguage } from '../../src/nlp/lang.js';
import { accuracyByLanguage } from '../../src/nlp/lang-eval.js';
import { langSample, langSampleHeldOut } from '../../src/nlp/lang-sample.js';
import { averagePrecision, expectedCalibrationError } from '../../src/nlp/metrics.js';
import { normalise } from '../../src/nlp/normalise.js';
import { bagOfWords, evaluate, featurize, fitScorer } from '../../src/nlp/train-checkworthiness.js';

const DATA = process.env.KOPRU_DATASETS ?? join(process.cwd(), '..', 'shared', 'datasets');
const CT = join(DATA, 'checkthat2022-tr');
const TR = join(DATA, 'trclaim19', 'trclaim19_v1_1.tsv');
const present = existsSync(CT) && existsSync(TR);
if (!present) console.warn(`checkworthiness-eval: datasets not found under ${DATA}; dataset floors skipped`);

/** Recorded floors (figures in NLP.md minus a margin). */
const FLOOR = {
  devTest: { map: 0.34, f1: 0.36, ece: 0.06 },
  trClaimHeldOut: { map: 0.52, f1: 0.18 },
  quickTrainDevTestMap: 0.32,
  langHeldOutPerLanguage: 0.85,
  langDevOverall: 0.95,
  langTurkishDatasets: 0.995,
};

const ct = (s: string) =>
  parseCheckThat(readFileSync(join(CT, `CT22_turkish_1A_checkworthy_${s}.tsv`), 'utf8'));
const labels = (rows: Example[]) => rows.map((r) => r.label);

describe('language identification floors (own sample)', () => {
  const detect = (t: string) => detectLanguage(normalise(t)).lang;
  it('reaches the floor in every language of the held-out sample', () => {
    const r = accuracyByLanguage(langSampleHeldOut, detect);
    for (const [code, acc] of Object.entries(r.perLanguage)) {
      expect(acc, code).toBeGreaterThanOrEqual(FLOOR.langHeldOutPerLanguage);
    }
  });
  it('reaches the overall floor on the development sample', () => {
    expect(accuracyByLanguage(langSample, detect).overall).toBeGreaterThanOrEqual(FLOOR.langDevOverall);
  });
});

describe.skipIf(!present)('dataset floors', () => {
  const model = checkWorthinessModelSchema.parse(
    JSON.parse(readFileSync(join(process.cwd(), 'config', 'nlp', 'checkworthiness.model.json'), 'utf8')),
  );
  const cw = createCheckWorthiness(model);
  const score = (rows: Example[]) => rows.map((r) => cw.score(normalise(r.text), []));

  it('committed model: CheckThat! 2022 dev_test MAP, F1 and calibration', () => {
    const rows = ct('dev_test');
    const s = score(rows);
    const e = evaluate(s, labels(rows), model.threshold);
    expect(e.map).toBeGreaterThanOrEqual(FLOOR.devTest.map);
    expect(e.f1).toBeGreaterThanOrEqual(FLOOR.devTest.f1);
    expect(expectedCalibrationError(s, labels(rows))).toBeLessThanOrEqual(FLOOR.devTest.ece);
  });

  it('committed model: TrClaim-19 held-out fifth MAP and F1', () => {
    const rows = parseTrClaim(readFileSync(TR, 'utf8')).filter(isTrClaimHeldOut);
    const e = evaluate(score(rows), labels(rows), model.threshold);
    expect(e.map).toBeGreaterThanOrEqual(FLOOR.trClaimHeldOut.map);
    expect(e.f1).toBeGreaterThanOrEqual(FLOOR.trClaimHeldOut.f1);
  });

  it('reduced training (CheckThat! train only, shipped setting) still beats the bag-of-words baseline', () => {
    const train = ct('train');
    const test = ct('dev_test');
    const l2 = Number(model.metrics.l2 ?? 0.03);
    const X = featurize(train, model.features);
    const m = fitScorer(X, labels(train), { encoding: 'tfidf', minDf: 2, l2 });
    const map = averagePrecision(featurize(test, model.features).map(m.logit), labels(test));
    const bow = fitScorer(
      train.map((r) => bagOfWords(r.text)),
      labels(train),
      { encoding: 'binary', minDf: 2, l2: 0.1 },
    );
    const bowMap = averagePrecision(
      test.map((r) => bow.logit(bagOfWords(r.text))),
      labels(test),
    );
    expect(map).toBeGreaterThanOrEqual(FLOOR.quickTrainDevTestMap);
    expect(map).toBeGreaterThan(bowMap);
  }, 60_000);

  it('language identification on the Turkish datasets', () => {
    const rows = [...ct('dev_test'), ...parseTrClaim(readFileSync(TR, 'utf8'))];
    const ok = rows.filter((r) => detectLanguage(normalise(r.text)).lang === 'tr').length;
    expect(ok / rows.length).toBeGreaterThanOrEqual(FLOOR.langTurkishDatasets);
  });
});
