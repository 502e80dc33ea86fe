import { z } from 'zod';
import { verdicts } from './review/verdicts.js';

/**
 * A published response as the `responses` index, the portal, its feeds and the
 * journalist webhooks see it. Never holds anything from the item beyond topics and province.
 */
export const publishedResponseSchema = z.object({
  id: z.string(),
  title: z.string(),
  claimReviewed: z.string(),
  verdict: z.enum(verdicts),
  summary: z.string(),
  body: z.string(),
  topics: z.array(z.string()),
  province: z.string().nullable(),
  /** Epoch seconds (sortable in Meilisearch). */
  publishedAt: z.number().int(),
  publishedAtIso: z.string(),
  /** Site-relative permalink, `/responses/:id`. */
  url: z.string(),
  lang: z.enum(['tr', 'en']),
});
export type PublishedResponse = z.infer<typeof publishedResponseSchema>;
