import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { publishedResponseSchema } from '../../domain/published-response.js';
import { errorSchema } from '../../web/api/openapi.js';

/** The webhook body, for the OpenAPI document (the handler builds it in fan-out.ts). */
export const webhookBodySchema = z.object({
  event: z.enum(['response.published', 'response.corrected']),
  id: z.string().describe('Delivery id; the same on every retry (also X-Kopru-Delivery)'),
  occurredAt: z.string().describe('When the event was handled, ISO-8601 UTC'),
  response: publishedResponseSchema,
  note: z.string().optional().describe('The correction note (response.corrected only)'),
});

/** The personal feed paths and the two webhook events. */
export function registerFollowsOpenApi(registry: OpenAPIRegistry) {
  const Body = webhookBodySchema.meta({ id: 'FollowsWebhook' });
  const err = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorSchema } },
  });
  for (const [ext, type] of [
    ['atom', 'application/atom+xml'],
    ['rss', 'application/rss+xml'],
  ] as const) {
    registry.registerPath({
      method: 'get',
      path: `/feeds/personal/{token}.${ext}`,
      summary: `A journalist's personal feed (${type}): newest 50 published responses matching their follows`,
      description:
        'The token is created, shown once and rotated on /account/follows; only its hash is stored. Rate-limited per client (PORTAL_API_RATE_PER_MIN).',
      request: { params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/) }) },
      responses: {
        200: { description: 'The feed', content: { [type]: { schema: z.string() } } },
        404: err('Unknown or revoked token, or the account is disabled'),
        429: err('Too many requests from this client'),
      },
    });
  }
  const headers = z.object({
    'x-kopru-event': z.enum(['response.published', 'response.corrected']),
    'x-kopru-delivery': z.string().describe('Delivery id, stable across retries: process each id once'),
    'x-kopru-signature': z
      .string()
      .describe('t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the signing secret>'),
  });
  for (const event of ['response.published', 'response.corrected'] as const)
    registry.registerWebhook({
      method: 'post',
      path: event,
      summary:
        event === 'response.published'
          ? 'A new response matching the journalist’s follows was published'
          : 'A response was corrected; sent to everyone it matches and everyone sent an earlier event about it',
      request: { headers, body: { content: { 'application/json': { schema: Body } } } },
      responses: {
        200: { description: 'Any 2xx marks the delivery done; anything else is retried (8 attempts in all)' },
      },
    });
}
