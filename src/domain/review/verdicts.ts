import { z } from 'zod';

/** Verdicts a reviewer can record on an item or a response. */
export const verdicts = ['false', 'misleading', 'true', 'unverifiable', 'out_of_scope'] as const;
export type Verdict = (typeof verdicts)[number];

/** Verdict words people write in claim files (Turkish and English), by the code they mean. */
const verdictWords: Record<string, Verdict> = {
  yanlış: 'false',
  yanlis: 'false',
  asılsız: 'false',
  yalan: 'false',
  yanıltıcı: 'misleading',
  yaniltici: 'misleading',
  doğru: 'true',
  dogru: 'true',
  doğrulanamadı: 'unverifiable',
  doğrulanamaz: 'unverifiable',
  'kapsam dışı': 'out_of_scope',
  misleading: 'misleading',
  unverifiable: 'unverifiable',
  'out of scope': 'out_of_scope',
};

/**
 * A claim file's verdict as a code: a code stays, a known Turkish or English word
 * ("yanlış", "yanıltıcı", "doğru") becomes its code, anything else is null (no
 * verdict) so that filters and labels never meet a free-text verdict.
 */
export function verdictCode(raw: string | null | undefined): Verdict | null {
  if (!raw) return null;
  const code = raw.trim().toLowerCase();
  if ((verdicts as readonly string[]).includes(code)) return code as Verdict;
  const w = raw.trim().toLocaleLowerCase('tr').replace(/\s+/g, ' ');
  return verdictWords[w] ?? verdictWords[code.replace(/\s+/g, ' ')] ?? null;
}

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
