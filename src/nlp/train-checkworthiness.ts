import type { CheckWorthinessModel } from './checkworthiness.js';
import { checkWorthinessFeatures, contentStems, type FeatureSpec } from './features.js';
import { type LogRegOptions, predictLogReg, trainLogReg } from './logreg.js';
import { averagePrecision, bestF1Threshold, positiveF1 } from './metrics.js';
import { normalise } from './normalise.js';
import type { PatternMatcher } from './patterns.js';
import { cached, type TurkishStemmerName } from './stem.js';
import { turkishStemmer } from './stemmers.js';

/** A labelled example: text and 0/1 label. */
export interface Example {
  text: string;
  label: number;
}

/** Feature lists for a set of examples under one stemmer and feature spec. */
export function featurize(
  rows: readonly Example[],
  stemmer: TurkishStemmerName,
  spec: FeatureSpec,
  matcher: PatternMatcher,
): string[][] {
  const stem = cached(turkishStemmer(stemmer));
  return rows.map((r) => {
    const norm = normalise(r.text);
    return checkWorthinessFeatures(norm, contentStems(norm, stem), matcher.match(norm), spec);
  });
}

/** Ranking and classification quality of scores against labels. */
export function evaluate(scores: number[], labels: number[], threshold: number) {
  return { map: averagePrecision(scores, labels), ...positiveF1(scores, labels, threshold) };
}

/**
 * k-fold cross-validation (folds by index modulo k, so deterministic):
 * out-of-fold scores, their MAP and the F1-best threshold on them.
 */
export function crossValidate(X: string[][], y: number[], lr: LogRegOptions, k = 5) {
  const oof = new Array<number>(X.length).fill(0);
  for (let f = 0; f < k; f++) {
    const tr = X.map((_, i) => i).filter((i) => i % k !== f);
    const m = trainLogReg(
      tr.map((i) => X[i]!),
      tr.map((i) => y[i]!),
      lr,
    );
    for (let i = f; i < X.length; i += k) oof[i] = predictLogReg(m, X[i]!);
  }
  const threshold = bestF1Threshold(oof, y);
  return { map: averagePrecision(oof, y), f1: positiveF1(oof, y, threshold).f1, threshold };
}

/** Fits the final model on all rows with the threshold chosen by cross-validation. */
export function fitModel(
  X: string[][],
  y: number[],
  cfg: {
    stemmer: TurkishStemmerName;
    spec: FeatureSpec;
    lr: LogRegOptions;
    threshold: number;
    trainedOn: string;
  },
): CheckWorthinessModel {
  const lr = trainLogReg(X, y, cfg.lr);
  return {
    version: 1,
    stemmer: cfg.stemmer,
    features: cfg.spec,
    bias: lr.bias,
    weights: lr.weights,
    threshold: Math.round(cfg.threshold * 1e4) / 1e4,
    trainedOn: cfg.trainedOn,
    metrics: {},
  };
}
