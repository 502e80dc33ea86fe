import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorSchema } from '../../web/api/openapi.js';
import { createSourceSchema, updateSourceSchema } from './api-routes.js';

const when = z.string().nullable();
/** A source as the sources API returns it. */
export const sourceViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  url: z.string().nullable(),
  intervalSeconds: z.number().int(),
  lastRunAt: when,
  lastSuccessAt: when,
  lastStatus: z.string().nullable(),
  lastError: z.string().nullable(),
  itemsFetched: z.number().int(),
  failures: z.number().int(),
  nextRunAt: when,
  createdAt: z.string(),
});

/** Adds the sources admin API (`/api/v1/sources`, token with `admin` scope) to the OpenAPI document. */
export function registerSourcesOpenApi(registry: OpenAPIRegistry) {
  const Source = sourceViewSchema.meta({ id: 'Source' });
  const ErrorBody = errorSchema.meta({ id: 'Error' });
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const err = (description: string) => ({ description, ...json(ErrorBody) });
  const auth = { 401: err('Missing or invalid token'), 403: err('Token lacks the admin scope') };
  const security = [{ bearerAuth: [] }];
  const id = z.object({ id: z.uuid() });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/sources',
    summary: 'List sources with last run, last error and items fetched',
    security,
    responses: { 200: { description: 'Sources', ...json(z.object({ sources: z.array(Source) })) }, ...auth },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/sources',
    summary: 'Add a feed source (RSS, Atom or JSON Feed)',
    security,
    request: { body: json(createSourceSchema) },
    responses: {
      201: { description: 'The new source', ...json(Source) },
      400: err('Invalid source'),
      409: err('A source with this name exists'),
      ...auth,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/sources/{id}',
    summary: 'One source',
    security,
    request: { params: id },
    responses: { 200: { description: 'The source', ...json(Source) }, 404: err('No such source'), ...auth },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/sources/{id}',
    summary: 'Enable or disable a source, change its interval or URL',
    security,
    request: { params: id, body: json(updateSourceSchema) },
    responses: {
      200: { description: 'The changed source', ...json(Source) },
      400: err('Invalid change'),
      404: err('No such source'),
      ...auth,
    },
  });
}
