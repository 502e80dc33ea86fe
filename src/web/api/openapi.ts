import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { applicationInputSchema, postInputSchema } from '../../domain/item.js';
import type { Feature } from '../../features/seam.js';
import { itemsQuerySchema } from '../../features/triage/api-routes.js';

/** The JSON error body every API error uses (features reuse it in their OpenAPI paths). */
export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
const ingestResultSchema = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(
    z.object({
      index: z.number().int(),
      errors: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  ),
});

/** Builds the OpenAPI 3.1 document from the same zod schemas the handlers use. */
export function buildOpenApiDocument(version: string, features: Pick<Feature, 'openapi'>[] = []) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
  });
  // zod's own .meta({ id }) makes each schema a named component.
  const Post = postInputSchema.meta({ id: 'PostInput' });
  const Application = applicationInputSchema.meta({ id: 'ApplicationInput' });
  const IngestResult = ingestResultSchema.meta({ id: 'IngestResult' });
  const ErrorBody = errorSchema.meta({ id: 'Error' });
  const errors = Object.fromEntries(
    [
      [400, 'Malformed JSON, invalid UTF-8 or invalid parameters'],
      [401, 'Missing or invalid token'],
      [403, 'Token lacks the scope'],
      [413, 'Body or record count too large'],
      [415, 'Unsupported content type'],
    ].map(([s, d]) => [
      s,
      { description: String(d), content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );
  const shedErrors = Object.fromEntries(
    [
      [429, 'Too many ingest requests at once (INGEST_MAX_IN_FLIGHT); retry after Retry-After seconds'],
      [
        503,
        'Backlog of items not yet searchable at INGEST_MAX_BACKLOG, or memory above INGEST_MAX_RSS_MB; retry after Retry-After seconds',
      ],
    ].map(([s, d]) => [
      s,
      {
        description: String(d),
        headers: { 'Retry-After': { schema: { type: 'integer' as const }, description: 'seconds' } },
        content: { 'application/json': { schema: ErrorBody } },
      },
    ]),
  );
  for (const [path, schema, what] of [
    ['/api/v1/posts', Post, 'public posts'],
    ['/api/v1/applications', Application, 'citizen applications'],
  ] as const) {
    registry.registerPath({
      method: 'post',
      path,
      summary: `Ingest ${what} (JSON array, one object, or NDJSON)`,
      security: [{ [bearer.name]: [] }],
      request: {
        body: {
          content: {
            'application/json': { schema: z.array(schema) },
            'application/x-ndjson': { schema: schema },
          },
        },
      },
      responses: {
        200: {
          description: 'Accepted, duplicate and rejected counts',
          content: { 'application/json': { schema: IngestResult } },
        },
        422: {
          description: 'Every record rejected',
          content: { 'application/json': { schema: IngestResult } },
        },
        ...errors,
        ...shedErrors,
      },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/api/v1/items',
    summary: 'Search items (staff; redacted text only)',
    security: [{ [bearer.name]: [] }],
    request: { query: itemsQuerySchema },
    responses: {
      200: {
        description: 'Hits, total and facet counts',
        content: {
          'application/json': {
            schema: z.object({
              hits: z.array(z.record(z.string(), z.unknown())),
              total: z.number(),
              facets: z.record(z.string(), z.record(z.string(), z.number())),
            }),
          },
        },
      },
      ...errors,
    },
  });
  for (const [path, summary] of [
    ['/healthz', 'Liveness'],
    ['/readyz', 'Readiness: every configured dependency answers'],
    ['/metrics', 'Prometheus metrics'],
  ] as const) {
    registry.registerPath({ method: 'get', path, summary, responses: { 200: { description: 'OK' } } });
  }
  for (const f of features) f.openapi?.(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Köprü API', version, description: 'Disinformation-monitoring workbench' },
  });
}
