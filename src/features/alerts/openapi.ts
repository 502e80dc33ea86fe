import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorSchema } from '../../web/api/openapi.js';
import { alertsQuerySchema, EXPORT_MAX_ROWS, exportQuerySchema } from './api-routes.js';
import { CSV_COLUMNS } from './export-format.js';

/** A surge alert as the API and the webhook send it. */
export const alertViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['claim', 'cluster']),
  subject: z.string().describe('The claim id, or the near-duplicate cluster key'),
  province: z.string().nullable().describe('null: counted over all provinces'),
  windowStart: z.string().describe('Start of the first surging hour (occurrence time, ISO-8601)'),
  detectedAt: z.string().describe('End of the first surging hour: the episode start (occurrence time)'),
  endedAt: z.string().nullable().describe('Last surging check; null while the surge goes on'),
  peakCount: z.number().int().describe('Most items in one hour during the episode'),
  expected: z.number().describe('Items expected in that hour from the trailing seven days'),
  pValue: z.number().describe('Poisson upper-tail probability of the peak count'),
  acknowledgedAt: z.string().nullable(),
});

/** `GET /api/v1/alerts`, the two exports and the `alert.raised` webhook. */
export function registerAlertsOpenApi(registry: OpenAPIRegistry) {
  const AlertView = alertViewSchema.meta({ id: 'Alert' });
  const err = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorSchema } },
  });
  const auth = { 401: err('Missing or invalid token'), 403: err('Token lacks the read scope') };
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'get',
    path: '/api/v1/alerts',
    summary:
      'Surge alerts, newest first: one per surge episode of a claim or a cluster (overall and per province)',
    security,
    request: { query: alertsQuerySchema },
    responses: {
      200: {
        description: 'Alerts detected at or after `since`',
        content: { 'application/json': { schema: z.object({ alerts: z.array(AlertView) }) } },
      },
      400: err('Invalid query'),
      ...auth,
    },
  });
  const file = (what: string) => ({
    description: `${what}, streamed. CSV columns: ${CSV_COLUMNS.join(', ')}; JSON: {"rows": [...], "count": n, ...}. Text is the redacted text staff see; at most ${EXPORT_MAX_ROWS} rows.`,
    content: {
      'text/csv': { schema: z.string() },
      'application/json': { schema: z.object({ rows: z.array(z.object({}).loose()) }).loose() },
    },
  });
  for (const ext of ['csv', 'json'] as const) {
    registry.registerPath({
      method: 'get',
      path: `/api/v1/exports/items.${ext}`,
      summary: `Export a triage search as ${ext.toUpperCase()} (same q, filter and sort as GET /api/v1/items)`,
      security,
      request: { query: exportQuerySchema },
      responses: { 200: file('Every hit of the search'), 400: err('Invalid query or filter'), ...auth },
    });
    registry.registerPath({
      method: 'get',
      path: `/api/v1/exports/claims/{id}/appearances.${ext}`,
      summary: `Export a claim's appearances as ${ext.toUpperCase()}: the items it is the confident top match of`,
      security,
      request: { params: z.object({ id: z.string() }) },
      responses: { 200: file('The appearances, in id order'), ...auth },
    });
  }
  registry.registerWebhook({
    method: 'post',
    path: 'alert.raised',
    summary: 'A new surge alert (sent to ALERT_WEBHOOK_URL when set)',
    request: {
      headers: z.object({
        'x-kopru-event': z.literal('alert.raised'),
        'x-kopru-delivery': z.string().describe('The alert id, stable across retries'),
        'x-kopru-signature': z
          .string()
          .describe('t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with ALERT_WEBHOOK_SECRET>'),
      }),
      body: {
        content: {
          'application/json': { schema: z.object({ event: z.literal('alert.raised'), alert: AlertView }) },
        },
      },
    },
    responses: {
      200: { description: 'Any 2xx marks the delivery done; anything else is retried (8 attempts in all)' },
    },
  });
}
