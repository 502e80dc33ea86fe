import { z } from 'zod';
import type { Tag } from '../domain/item.js';
import { checkWorthinessFeatures, type FeatureSpec } from './features.js';
import { predictLogReg } from './logreg.js';
import type { Normalised } from './normalise.js';
import { turkishStemmerNames } from './stem.js';

/** config/nlp/checkworthiness.model.json (written by `npm run train`). */
export const checkWorthinessModelSchema = z.object({
  version: z.literal(1),
  stemmer: z.enum(turkishStemmerNames),
  features: z.object({
    stems: z.boolean(),
    bigrams: z.boolean(),
    patterns: z.boolean(),
    meta: z.boolean(),
    chargrams: z.number().int().min(0).max(6).optional(),
  }),
  bias: z.number(),
  weights: z.record(z.string(), z.number()),
  /** Score threshold that maximised positive-class F1 on held-out data. */
  threshold: z.number().min(0).max(1),
  trainedOn: z.string(),
  metrics: z.record(z.string(), z.unknown()).default({}),
});
export type CheckWorthinessModel = z.infer<typeof checkWorthinessModelSchema>;

/** Scores check-worthiness 0-1; without a model, a small heuristic over tags and surface cues. */
export function createCheckWorthiness(model: CheckWorthinessModel | null | undefined) {
  const spec: FeatureSpec = model?.features ?? { stems: false, bigrams: false, patterns: true, meta: true };
  return {
    stemmer: model?.stemmer ?? ('light' as const),
    score(norm: Normalised, stems: string[], tags: Tag[]): number {
      const feats = checkWorthinessFeatures(norm, stems, tags, spec);
      if (model) return Math.round(predictLogReg(model, feats) * 1000) / 1000;
      let s = 0.1;
      for (const f of feats) if (f === 'm:number' || f === 'm:percent' || f.startsWith('t:')) s += 0.15;
      return Math.min(1, Math.round(s * 1000) / 1000);
    },
  };
}
