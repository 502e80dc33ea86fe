import { z } from 'zod';

/** Verdicts a reviewer can record on an item or a response. */
export const verdicts = ['false', 'misleading', 'true', 'unverifiable', 'out_of_scope'] as const;
export type Verdict = (typeof verdicts)[number];

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** Splits a textarea of links (one per line) into a list, dropping blank lines. */
const lines = z
  .string()
  .max(20_000)
  .default('')
  .transform((s) =>
    s
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  );

/** A verdict form: verdict, evidence links (one per line), notes, optional known claim. */
export const verdictInputSchema = z.object({
  verdict: z.enum(verdicts),
  evidenceLinks: lines.pipe(z.array(httpUrl).max(50)),
  notes: z.string().trim().max(10_000).default(''),
  claimId: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
});
export type VerdictInput = z.infer<typeof verdictInputSchema>;

/** A draft version of a response: public fact-check or reply to an applicant. */
export const responseInputSchema = z.object({
  title: z.string().trim().min(3).max(300),
  claimReviewed: z.string().trim().min(3).max(2000),
  verdict: z.enum(verdicts),
  summary: z.string().trim().min(3).max(2000),
  body: z.string().trim().min(1).max(50_000),
  sources: lines.pipe(z.array(httpUrl).max(50)),
  lang: z.enum(['tr', 'en']).default('tr'),
});
export type ResponseInput = z.infer<typeof responseInputSchema>;
