import { z } from 'zod';
import { verdicts } from '../../domain/review/verdicts.js';
import { claimSorts } from '../../store/claim-store.js';

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

/** The claim form (create and edit). Aliases: one per line. */
export const claimFormSchema = z.object({
  text: z.string().trim().min(3).max(2000),
  verdict: z
    .union([z.enum(verdicts), z.literal('')])
    .optional()
    .transform((v) => v || null),
  topic: optional(100),
  sourceUrl: z
    .union([z.url({ protocol: /^https?$/ }).max(2000), z.literal('')])
    .optional()
    .transform((v) => v || null),
  aliases: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) =>
      [
        ...new Set(
          (v ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ].slice(0, 50),
    ),
  fromItem: optional(40),
  cluster: z.literal('on').optional(),
});

/** Filters and sort of the claims list (page and API). */
export const claimListQuerySchema = z.object({
  sort: z.enum(claimSorts).catch('recent'),
  verdict: z.enum(verdicts).optional().catch(undefined),
  topic: optional(100).catch(null),
  province: optional(100).catch(null),
});
