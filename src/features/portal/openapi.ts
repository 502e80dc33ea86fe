import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { publishedResponseSchema } from '../../domain/published-response.js';
import { errorSchema } from '../../web/api/openapi.js';
import { portalQueryObject } from './query.js';

const claimReviewSchema = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('ClaimReview'),
    url: z.string(),
    claimReviewed: z.string(),
    datePublished: z.string(),
    dateModified: z.string().optional(),
    author: z.record(z.string(), z.unknown()),
    reviewRating: z.object({
      '@type': z.literal('Rating'),
      ratingValue: z.number().int().min(1).max(5),
      bestRating: z.literal(5),
      worstRating: z.literal(1),
      alternateName: z.string(),
    }),
    itemReviewed: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'ClaimReview', description: 'schema.org ClaimReview (JSON-LD); 1 false … 5 true' });

/** Adds the public responses API and the feeds to the OpenAPI document. */
export function registerPortalOpenApi(registry: OpenAPIRegistry) {
  const Response = publishedResponseSchema
    .extend({ url: z.string().describe('Absolute permalink'), claimReview: claimReviewSchema })
    .meta({ id: 'PublishedResponse' });
  const ErrorBody = errorSchema.meta({ id: 'Error' });
  const err = (description: string) => ({
    description,
    content: { 'application/json': { schema: ErrorBody } },
  });
  const common = {
    401: err('PORTAL_ACCESS=login and no bearer token with the read scope'),
    429: err('Rate limit (PORTAL_API_RATE_PER_MIN per client address); see Retry-After'),
  };
  registry.registerPath({
    method: 'get',
    path: '/api/v1/responses',
    summary: 'Search published responses (public; only what is published)',
    request: { query: portalQueryObject },
    responses: {
      200: {
        description: 'One page of published responses, each with its ClaimReview',
        content: {
          'application/json': {
            schema: z.object({
              hits: z.array(Response),
              total: z.number().int(),
              page: z.number().int(),
              perPage: z.number().int(),
              totalPages: z.number().int(),
            }),
          },
        },
      },
      400: err('Invalid query parameters (details per field)'),
      ...common,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/responses/{id}',
    summary: 'One published response with its ClaimReview',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: { description: 'The published response', content: { 'application/json': { schema: Response } } },
      404: err('Unknown or not (yet) published'),
      ...common,
    },
  });
  for (const [path, type] of [
    ['/responses.rss', 'application/rss+xml'],
    ['/responses.atom', 'application/atom+xml'],
  ] as const) {
    registry.registerPath({
      method: 'get',
      path,
      summary: `Newest 50 published responses as a feed (${type}); same filters as the search`,
      request: { query: portalQueryObject.omit({ page: true, perPage: true, sort: true }) },
      responses: {
        200: { description: 'The feed', content: { [type]: { schema: z.string() } } },
        400: err('Invalid filter parameters'),
        ...common,
      },
    });
  }
}
