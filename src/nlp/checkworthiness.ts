import { z } from 'zod';
import type { Tag } from '../domain/item.js';
import { sigmoid } from './logreg.js';
import type { Normalised } from './normalise.js';
import { textFeatures } from './text-features.js';

/** config/nlp/checkworthiness.model.json (written by `npm run train`). */
export const checkWorthinessModelSchema = z
  .object({
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
    /** Vocabulary feature ids (`featureId`), ascending, each stored as the difference to the previous. */
    ids: z.array(z.number().int().nonnegative()),
    /** Weight of each vocabulary feature (same order as `ids`). */
    weights: z.array(z.number()),
    /** idf of each vocabulary feature (same order as `ids`). */
    idf: z.array(z.number().positive()),
    /** idf of any feature outside the vocabulary. */
    defaultIdf: z.number().positive(),
    /** Platt scaling of the raw logit: p = σ(a·z + b), fitted on out-of-fold CheckThat! scores. */
    calibration: z.object({ a: z.number(), b: z.number() }),
    /** Calibrated score at which positive-class F1 was best on out-of-fold data. */
    threshold: z.number().min(0).max(1),
    trainedOn: z.string(),
    metrics: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((m) => m.weights.length === m.ids.length && m.idf.length === m.ids.length, {
    message: 'ids, weights and idf must have the same length',
  });
export type CheckWorthinessModel = z.infer<typeof checkWorthinessModelSchema>;

/**
 * A model ready to score: an open-addressing table from feature id to vocabulary slot (faster than a
 * Map for numeric keys), with weight·idf and idf² per slot.
 */
export interface CompiledModel {
  keys: Uint32Array;
  /** Slot + 1 per table cell; 0 = empty. */
  slots: Int32Array;
  mask: number;
  wIdf: Float64Array;
  idf2: Float64Array;
  bias: number;
  defaultIdf2: number;
}

/** Decodes the delta-encoded ids of a model file into a lookup table. */
export function compileModel(model: CheckWorthinessModel): CompiledModel {
  let size = 16;
  while (size < model.ids.length * 2) size *= 2;
  const keys = new Uint32Array(size);
  const slots = new Int32Array(size);
  const mask = size - 1;
  let id = 0;
  model.ids.forEach((d, j) => {
    id += d;
    let h = Math.imul(id, 0x9e3779b1) & mask;
    while (slots[h]) h = (h + 1) & mask;
    keys[h] = id;
    slots[h] = j + 1;
  });
  return {
    keys,
    slots,
    mask,
    wIdf: Float64Array.from(model.weights, (w, j) => w * model.idf[j]!),
    idf2: Float64Array.from(model.idf, (x) => x * x),
    bias: model.bias,
    defaultIdf2: model.defaultIdf * model.defaultIdf,
  };
}

/** Raw logit for distinct feature ids: TF-IDF, L2 norm, linear score. */
export function modelLogit(m: CompiledModel, feats: readonly number[]): number {
  let z = 0;
  let sumSq = 0;
  for (const f of feats) {
    let h = Math.imul(f, 0x9e3779b1) & m.mask;
    let j = -1;
    for (let s = m.slots[h]!; s; s = m.slots[h]!) {
      if (m.keys[h] === f) {
        j = s - 1;
        break;
      }
      h = (h + 1) & m.mask;
    }
    if (j < 0) sumSq += m.defaultIdf2;
    else {
      sumSq += m.idf2[j]!;
      z += m.wIdf[j]!;
    }
  }
  return m.bias + (sumSq > 0 ? z / Math.sqrt(sumSq) : 0);
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
  const compiled = compileModel(model);
  const { a, b } = model.calibration;
  return {
    score(norm: Normalised, _tags?: readonly Tag[]): number {
      const zRaw = modelLogit(compiled, textFeatures(norm, model.features));
      return Math.round(sigmoid(a * zRaw + b) * 1000) / 1000;
    },
  };
}
