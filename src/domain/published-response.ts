import { z } from 'zod';
import { verdicts } from './review/verdicts.js';

/**
 * Whether a URL may become a link: http(s) only. Rows that reached the database some
 * other way than the validated inputs (an old import, a manual fix) may hold
 * `javascript:` or `data:` URLs; those are never published or rendered as links.
 */
export const isWebUrl = (u: string) => /^https?:\/\/[^\s]/i.test(u);

/** A public post where the reviewed claim appeared (never an application). */
export const appearanceSchema = z.object({
  url: z.string(),
  /** When the post appeared (its own date, else when it was received), ISO-8601 UTC. */
  datePublished: z.string(),
});
export type Appearance = z.infer<typeof appearanceSchema>;

/** One entry of a response's corrections log. */
export const correctionSchema = z.object({
  version: z.number().int(),
  note: z.string(),
  dateIso: z.string(),
});
export type Correction = z.infer<typeof correctionSchema>;

/**
 * A published response as the `responses` index, the portal, its feeds and the
 * journalist webhooks see it. Never holds anything from the item beyond topics,
 * province and the URLs of public posts that carried the claim.
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
  /** Epoch seconds of the first publication (sortable in Meilisearch). */
  publishedAt: z.number().int(),
  publishedAtIso: z.string(),
  /** Site-relative permalink, `/responses/:id`. */
  url: z.string(),
  lang: z.enum(['tr', 'en']),
  /** The response version readers see. */
  version: z.number().int().default(1),
  sources: z.array(z.string()).default([]),
  /** Epoch seconds and ISO time of the latest correction; null until corrected. */
  modifiedAt: z.number().int().nullable().default(null),
  modifiedAtIso: z.string().nullable().default(null),
  /** Public posts that carried the claim, earliest first (the first one is the first appearance). */
  appearances: z.array(appearanceSchema).default([]),
  /** Corrections, oldest first. */
  corrections: z.array(correctionSchema).default([]),
});
/**
 * The document as others may build it: fields added after the first release
 * (version, sources, modified*, appearances, corrections) are optional here.
 */
export type PublishedResponse = z.input<typeof publishedResponseSchema>;
/** A complete document, as the publication table and the portal hold it. */
export type PublicationDoc = z.output<typeof publishedResponseSchema>;
