import { z } from 'zod';
import type { Tag } from '../domain/item.js';
import { sigmoid } from './logreg.js';
import type { Normalised } from './normalise.js';
import { textFeatures } from './text-features.js';

/** config/nlp/checkworthiness.model.json (written by `npm run train`). */
export const checkWorthinessModelSchema = z.object({
  version: z.literal(2),
  features: z.object({
    turkishWords: z.boolean(),
    foldedWords: z.boolean(),
    bigrams: z.boolean(),
    prefix: z.number().int().min(0).max(8),
    charMin: z.number().int().min(0).max(8),
    charMax: z.number().int().min(0).max(8),
  }),
  bias: z.number(),
  /** feature -> [weight, idf]; features kept only for the norm have weight 0. */
  terms: z.record(z.string(), z.tuple([z.number(), z.number()])),
  /** idf of any feature not in `terms`. */
  defaultIdf: z.number().positive(),
  /** Platt scaling of the raw logit: p = σ(a·z + b), fitted on out-of-fold CheckThat! scores. */
  calibration: z.object({ a: z.number(), b: z.number() }),
  /** Calibrated score at which positive-class F1 was best on out-of-fold data. */
  threshold: z.number().min(0).max(1),
  trainedOn: z.string(),
  metrics: z.record(z.string(), z.unknown()).default({}),
});
export type CheckWorthinessModel = z.infer<typeof checkWorthinessModelSchema>;

/** Raw logit of a model for a list of distinct features: TF-IDF, L2 norm, linear score. */
export function modelLogit(
  terms: ReadonlyMap<string, readonly [number, number]>,
  bias: number,
  defaultIdf: number,
  feats: readonly string[],
): number {
  let z = 0;
  let sumSq = 0;
  for (const f of feats) {
    const t = terms.get(f);
    const idf = t ? t[1] : defaultIdf;
    sumSq += idf * idf;
    if (t) z += t[0] * idf;
  }
  return bias + (sumSq > 0 ? z / Math.sqrt(sumSq) : 0);
}

/** Check-worthiness scorer: a calibrated 0–1 score; without a model, a small heuristic over tags and numbers. */
export function createCheckWorthiness(model: CheckWorthinessModel | null | undefined) {
  if (!model) {
    return {
      score(norm: Normalised, tags: readonly Tag[]): number {
        let s = 0.1;
        if (norm.tokens.some((t) => t.kind === 'number')) s += 0.15;
        s += 0.15 * tags.length;
        return Math.min(1, Math.round(s * 1000) / 1000);
      },
    };
  }
  const terms = new Map(Object.entries(model.terms));
  const { a, b } = model.calibration;
  return {
    score(norm: Normalised, _tags?: readonly Tag[]): number {
      const zRaw = modelLogit(terms, model.bias, model.defaultIdf, textFeatures(norm, model.features));
      return Math.round(sigmoid(a * zRaw + b) * 1000) / 1000;
    },
  };
}
