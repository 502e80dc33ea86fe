import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { verdicts } from '../../domain/review/verdicts.js';
import { claimSorts } from '../../store/claim-store.js';
import { errorSchema } from '../../web/api/openapi.js';

const when = z.string().nullable();
const claimSchema = z.object({
  id: z.string(),
  text: z.string(),
  verdict: z.string().nullable(),
  topic: z.string().nullable(),
  aliases: z.array(z.string()),
  sourceUrl: z.string().nullable(),
  createdAt: when,
  updatedAt: when,
});

/** Adds `GET /api/v1/claims` and `GET /api/v1/claims/{id}` (token with `read`) to the OpenAPI document. */
export function registerClaimsOpenApi(registry: OpenAPIRegistry) {
  const ErrorBody = errorSchema.meta({ id: 'Error' });
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const err = (description: string) => ({ description, ...json(ErrorBody) });
  const auth = { 401: err('Missing or invalid token'), 403: err('Token lacks the read scope') };
  const security = [{ bearerAuth: [] }];
  const Claim = claimSchema
    .extend({
      total: z.number().int(),
      confirmed: z.number().int(),
      last7Days: z.number().int(),
      previous7Days: z.number().int(),
      firstSeen: when,
      lastSeen: when,
    })
    .meta({ id: 'ClaimSummary' });
  const Detail = claimSchema
    .extend({
      total: z.number().int(),
      firstSeen: when,
      lastSeen: when,
      byDay: z.array(
        z.object({
          day: z.string().meta({ description: 'Calendar day in Istanbul time (YYYY-MM-DD).' }),
          n: z.number().int(),
          confirmed: z.number().int(),
          automatic: z.number().int().meta({ description: 'Linked automatically by a confident match.' }),
          suggested: z.number().int(),
        }),
      ),
      byChannel: z.array(z.object({ channel: z.string(), n: z.number().int() })),
      byProvince: z.array(z.object({ province: z.string().nullable(), n: z.number().int() })),
      response: z
        .object({ id: z.uuid(), title: z.string(), verdict: z.string(), publishedAt: when })
        .nullable(),
    })
    .meta({ id: 'ClaimDetail' });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/claims',
    summary: 'Known claims with appearance counts, sorted by recent activity, growth or total',
    security,
    request: {
      query: z.object({
        sort: z.enum(claimSorts).optional(),
        verdict: z.enum(verdicts).optional(),
        topic: z.string().optional(),
        province: z.string().optional(),
      }),
    },
    responses: {
      200: { description: 'Claims', ...json(z.object({ sort: z.enum(claimSorts), claims: z.array(Claim) })) },
      ...auth,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/claims/{id}',
    summary: 'One claim with its appearances per day (UTC days), channel and province',
    security,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: { description: 'The claim', ...json(Detail) },
      301: { description: 'The claim was merged; Location names the claim it was merged into' },
      404: err('No such claim'),
      ...auth,
    },
  });
}
