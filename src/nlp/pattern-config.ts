import { z } from 'zod';

/**
 * One rule of a pattern family. `terms` are word sequences in plain Turkish or
 * English ("silinmeden paylaş*"): matching is case-, diacritic- and
 * punctuation-insensitive, a trailing `*` accepts any suffix (Turkish
 * agglutination), and multi-word terms also match their joined hashtag form.
 * `regex` runs over the folded view (lower-case ASCII). `urls` match link hosts.
 * `requires` / `unless` name sets that must (not) also occur in the text.
 */
/** A Turkish label with its English translation, shown to reviewers instead of a code. */
export const labelSchema = z.object({ tr: z.string().min(1), en: z.string().min(1) });
export type Label = z.infer<typeof labelSchema>;

export const patternRuleSchema = z.object({
  id: z.string().min(1),
  /** What the rule found, for reasons shown to staff (never the raw id). */
  label: labelSchema.optional(),
  /**
   * `signal`: enough on its own to tag the text. `context`: topic words that only
   * add to the score of a family some signal rule already fired for.
   */
  role: z.enum(['signal', 'context']).default('signal'),
  terms: z.array(z.string().min(1)).default([]),
  regex: z.string().optional(),
  urls: z.array(z.string().min(1)).default([]),
  weight: z.number().min(0).max(1).optional(),
  requires: z.array(z.string()).default([]),
  unless: z.array(z.string()).default([]),
});
export type PatternRule = z.infer<typeof patternRuleSchema>;

export const patternFamilySchema = z.object({
  /** Label shown to reviewers (Turkish). */
  label: z.string(),
  /** English label of the family. */
  labelEn: z.string().optional(),
  /** Sets that cancel every rule of the family (e.g. a debunk cancels a rumour). */
  unless: z.array(z.string()).default([]),
  /** Default weight of a rule of this family (probability-like, 0-1). */
  weight: z.number().min(0).max(1).default(0.6),
  /** Weight of this family in the risk score. */
  risk: z.number().min(0).max(1).default(0.5),
  /** Any hit flags the item for a supervisor regardless of risk. */
  alwaysFlag: z.boolean().default(false),
  rules: z.array(patternRuleSchema),
});
export type PatternFamily = z.infer<typeof patternFamilySchema>;

/** A lexicon file: config/nlp/patterns.<lang>.json. */
export const patternFileSchema = z.object({
  lang: z.string(),
  sets: z.record(z.string(), z.array(z.string().min(1))).default({}),
  families: z.record(z.string(), patternFamilySchema),
});
export type PatternFile = z.infer<typeof patternFileSchema>;
