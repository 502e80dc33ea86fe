/** Training helpers of the check-worthiness model (pure: rows in, models and scores out). */
import type { CheckWorthinessModel } from './checkworthiness.js';
import type { Example } from './cw-datasets.js';
import { logit, trainLogReg } from './logreg.js';
import { averagePrecision, positiveF1 } from './metrics.js';
import { fnv1a } from './minhash.js';
import { normalise, turkishLower } from './normalise.js';
import { type FeatureSpec, featureId, textFeatures } from './text-features.js';
import { binaryRow, fitVectoriser, vectorise } from './tfidf.js';

/** One setting of the grid: encoding, vocabulary cut-off and L2 strength. */
export interface FitOptions {
  /** `tfidf`: L2-normalised TF-IDF (the model); `binary`: 0/1 bag of words (the baseline). */
  encoding: 'tfidf' | 'binary';
  minDf: number;
  l2: number;
}

/** Feature lists of texts under the model's own featurisation. */
export function featurize(rows: readonly Pick<Example, 'text'>[], spec: FeatureSpec): number[][] {
  return rows.map((r) => textFeatures(normalise(r.text), spec));
}

/** A fitted scorer: raw logits of feature lists, plus what a model file needs. */
export function fitScorer(docs: readonly number[][], labels: readonly number[], opts: FitOptions) {
  const vec = fitVectoriser(docs, opts.minDf);
  const enc = (d: readonly number[]) => (opts.encoding === 'tfidf' ? vectorise(vec, d) : binaryRow(vec, d));
  const fit = trainLogReg(docs.map(enc), labels, vec.names.length, { l2: opts.l2, maxIter: 300 });
  return { vec, fit, logit: (d: readonly number[]) => logit(fit, enc(d)) };
}

/**
 * Out-of-fold logits: k folds by group hash (tweets of one claim or one id stay together),
 * so every row is scored by a model that never saw it.
 */
export function outOfFold(
  docs: readonly number[][],
  rows: readonly Example[],
  opts: FitOptions,
  k = 5,
): number[] {
  const fold = rows.map((r) => fnv1a(`fold:${r.group}`) % k);
  const out = new Array<number>(docs.length).fill(0);
  for (let f = 0; f < k; f++) {
    const tr = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const s = fitScorer(
      tr.map((i) => docs[i]!),
      tr.map((i) => rows[i]!.label),
      opts,
    );
    for (let i = 0; i < docs.length; i++) if (fold[i] === f) out[i] = s.logit(docs[i]!);
  }
  return out;
}

/** Ranking and classification quality of scores against labels. */
export function evaluate(scores: readonly number[], labels: readonly number[], threshold: number) {
  return { map: averagePrecision(scores, labels), ...positiveF1(scores, labels, threshold) };
}

/**
 * The model file: every vocabulary feature id (ascending, delta-encoded) with its weight (4 digits)
 * and idf, so the runtime norm is the training norm; features outside it count with `defaultIdf`.
 */
export function toModelFile(
  scorer: ReturnType<typeof fitScorer>,
  cfg: {
    spec: FeatureSpec;
    calibration: { a: number; b: number };
    threshold: number;
    trainedOn: string;
  },
): CheckWorthinessModel {
  const { vec, fit } = scorer;
  return {
    version: 2,
    features: cfg.spec,
    bias: round(fit.bias, 5),
    ids: vec.names.map((id, j) => (j ? id - vec.names[j - 1]! : id)),
    // Significant digits, not decimals: strong penalties give weights around 1e-3.
    weights: Array.from(fit.weights, (w) => Number(w.toPrecision(4))),
    idf: Array.from(vec.idf, (x) => round(x, 3)),
    defaultIdf: round(vec.defaultIdf, 3),
    calibration: { a: round(cfg.calibration.a, 5), b: round(cfg.calibration.b, 5) },
    threshold: round(cfg.threshold, 3),
    trainedOn: cfg.trainedOn,
    metrics: {},
  };
}

/** Rounds to `d` decimals. */
export function round(x: number, d = 3): number {
  const p = 10 ** d;
  return Math.round(x * p) / p;
}

/**
 * The baseline's features, built the standard way: Turkish lower-casing, word tokens of two or more
 * letters/digits (scikit-learn's default pattern), unigrams, bigrams and 5-letter prefixes.
 */
export function bagOfWords(text: string): number[] {
  const words = turkishLower(text).match(/[\p{L}\p{N}_]{2,}/gu) ?? [];
  const f = new Set<number>();
  words.forEach((w, i) => {
    f.add(featureId(`w:${w}`));
    if (i) f.add(featureId(`b:${words[i - 1]}_${w}`));
    if (w.length > 5) f.add(featureId(`p:${w.slice(0, 5)}`));
  });
  return [...f];
}
