import { z } from 'zod';

/** config/nlp/claims.json: claim-matching parameters (chosen across claim folds of TrClaim-19, see NLP.md). */
export const claimMatchConfigSchema = z.object({
  /** Word prefix length (Turkish F5; 99 = whole words). */
  prefix: z.number().int().min(0).max(99).default(99),
  /** Character n-gram lengths over the joined content words. */
  gramMin: z.number().int().min(0).max(8).default(4),
  gramMax: z.number().int().min(0).max(8).default(4),
  /** Share of the score from the prefix cosine; the rest from the n-gram cosine. */
  prefixWeight: z.number().min(0).max(1).default(0.3),
  /** Length of the ranked list (never cut by a threshold). */
  topK: z.number().int().min(1).max(50).default(5),
  /**
   * Candidate generation skips query features whose posting list holds more
   * than this share of the documents (at least 20, at most `maxPostings`):
   * they add an almost uniform amount to every score and dominate the cost.
   * The best `candidates` documents are then scored exactly with all features.
   */
  maxPostingShare: z.number().min(0).max(1).default(0.02),
  maxPostings: z.number().int().min(1).default(400),
  candidates: z.number().int().min(1).max(1000).default(30),
  /**
   * The best match is `confident` (linked automatically) only with this
   * score, this lead over the second and this share of the claim's weight
   * found in the post (a post that only names the claim's subject is not enough).
   */
  confident: z
    .object({
      minScore: z.number().min(0).max(1).default(0.5),
      minMargin: z.number().min(0).max(1).default(0.1),
      minCoverage: z.number().min(0).max(1).default(0.7),
    })
    .default({ minScore: 0.5, minMargin: 0.1, minCoverage: 0.7 }),
  /** A match to a debunked claim raises risk only when confident or at least this score. */
  riskMinScore: z.number().min(0).max(1).default(0.55),
});
export type ClaimMatchConfig = z.infer<typeof claimMatchConfigSchema>;
