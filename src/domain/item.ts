import { z } from 'zod';

/** Channels an item arrives through. */
export const itemKinds = ['post', 'application'] as const;
export type ItemKind = (typeof itemKinds)[number];

/** Application types (citizen applications) as named in the interface contract. */
export const applicationTypes = ['sikayet', 'ihbar', 'talep', 'gorus_oneri', 'bilgi_edinme'] as const;
export type ApplicationType = (typeof applicationTypes)[number];

/**
 * Pipeline stages. The `stage` column is the outbox: each stage's worker moves
 * an item to the next one; the reconciler re-enqueues items whose stage has not
 * advanced in time.
 */
export const stages = ['received', 'tagged', 'indexed'] as const;
export type Stage = (typeof stages)[number];

/** Workflow statuses of an item as staff see it. */
export const itemStatuses = ['new', 'in_review', 'verified', 'dismissed', 'responded'] as const;
export type ItemStatus = (typeof itemStatuses)[number];

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();
/** Years PostgreSQL and the ISO format both hold (there is no year 0; five-digit years do not round-trip). */
const inStoredRange = (v: string) => {
  const year = new Date(v).getUTCFullYear();
  return year >= 1 && year <= 9999;
};
const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine(inStoredRange, 'date out of range: the year (in UTC) must be between 0001 and 9999');

/** A public post (news item, social-media post). Extra fields are kept. */
export const postInputSchema = z.looseObject({
  source: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(100_000),
  externalId: z
    .union([z.string().trim().min(1).max(500), z.number().int()])
    .transform(String)
    .optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  author: optionalText(300),
  publishedAt: isoDate.optional(),
  lang: z.string().trim().min(2).max(10).optional(),
  province: optionalText(100),
});
export type PostInput = z.infer<typeof postInputSchema>;

/** Personal data of an applicant; stored apart from the text, never indexed. */
export const applicantSchema = z.object({
  name: optionalText(300),
  tckn: z
    .string()
    .trim()
    .regex(/^\d{11}$/, 'T.C. kimlik numarası 11 haneli olmalı')
    .optional(),
  phone: optionalText(50),
  email: z.email().max(320).optional(),
  address: optionalText(2000),
});
export type Applicant = z.infer<typeof applicantSchema>;

/** A citizen application (complaint, tip, request, opinion, information request). */
export const applicationInputSchema = z.looseObject({
  type: z.enum(applicationTypes),
  text: z.string().trim().min(1).max(100_000),
  subject: optionalText(500),
  province: optionalText(100),
  receivedAt: isoDate.optional(),
  externalId: z
    .union([z.string().trim().min(1).max(500), z.number().int()])
    .transform(String)
    .optional(),
  applicant: applicantSchema.optional(),
});
export type ApplicationInput = z.infer<typeof applicationInputSchema>;

/** Tag evidence: which rule matched which span of the (normalised-offset) text. */
export const evidenceSchema = z.object({ rule: z.string(), start: z.number().int(), end: z.number().int() });
export const tagSchema = z.object({ tag: z.string(), score: z.number(), evidence: z.array(evidenceSchema) });
export type Tag = z.infer<typeof tagSchema>;

export const piiSpanSchema = z.object({ kind: z.string(), start: z.number().int(), end: z.number().int() });
export type PiiSpan = z.infer<typeof piiSpanSchema>;

/** The tagger's output for one text (the `npm run tag` contract). */
export const tagResultSchema = z.object({
  lang: z.string(),
  langConfidence: z.number().min(0).max(1).optional(),
  checkWorthiness: z.number().min(0).max(1),
  risk: z.number().min(0).max(1),
  flagged: z.boolean(),
  /** Why the risk is what it is, in Turkish (the item page renders the same from the fields below in the page language). */
  reasons: z.array(z.string()).default([]),
  /** The same reasons in English (absent on results tagged before 2026-12-03). */
  reasonsEn: z.array(z.string()).optional(),
  /** The debunked known claim (false or misleading) the text resembles enough to raise its risk. */
  debunkedMatch: z.object({ claimId: z.string(), score: z.number() }).nullable().optional(),
  tags: z.array(tagSchema),
  /** Ranked top 5 known claims, best first (no threshold); `confident` = linked automatically. */
  matches: z.array(
    z.object({
      claimId: z.string(),
      score: z.number(),
      confident: z.boolean().optional(),
      /** The words of the text that matched the claim (shown on the item page). */
      terms: z.array(z.string()).optional(),
    }),
  ),
  pii: z.array(piiSpanSchema),
  redactedText: z.string(),
  /** An application's subject with personal data redacted (set by the tag stage, not by `tag`). */
  redactedSubject: z.string().optional(),
  clusterKey: z.string(),
  /** MinHash signature (base64) of the text, stored so the near-duplicate index can be re-seeded. */
  signature: z.string().optional(),
  entities: z
    .object({
      provinces: z.array(z.string()).default([]),
      institutions: z.array(z.string()).default([]),
      people: z.array(z.string()).default([]),
      /** "District (Province)" names. */
      districts: z.array(z.string()).default([]),
    })
    .partial()
    .default({}),
});
export type TagResult = z.infer<typeof tagResultSchema>;

/** An item as stored (system of record). Applicant identity lives in a separate table. */
export interface ItemRecord {
  id: string;
  kind: ItemKind;
  idempotencyKey: string;
  source: string;
  externalId: string | null;
  text: string;
  /** Type of application; null for posts. */
  appType: ApplicationType | null;
  subject: string | null;
  url: string | null;
  author: string | null;
  lang: string | null;
  province: string | null;
  /** When the item was published / received by its origin (ISO string), else null. */
  occurredAt: string | null;
  /** Extra fields of the input record, kept as given. */
  extra: Record<string, unknown>;
  stage: Stage;
  status: ItemStatus;
  duplicateCount: number;
  createdAt: string;
  updatedAt: string;
}
