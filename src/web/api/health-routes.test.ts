import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../obs/metrics.js';
import { clientAddress } from '../middleware/client-address.js';
import { createHealthRoutes } from './health-routes.js';
import { buildOpenApiDocument } from './openapi.js';

describe('health routes', () => {
  it('/readyz names the dependency that does not answer and answers 503', async () => {
    const app = createHealthRoutes({
      metrics: createMetrics(),
      checks: {
        database: async () => undefined,
        search: async () => {
          throw new Error('meilisearch: cannot reach http://127.0.0.1:1');
        },
      },
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'unavailable',
      checks: {
        database: { status: 'ok' },
        search: { status: 'error', message: 'meilisearch: cannot reach http://127.0.0.1:1' },
      },
    });
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('/metrics serves the Prometheus text format after collecting gauges', async () => {
    const metrics = createMetrics();
    const app = createHealthRoutes({
      metrics,
      checks: {},
      collect: async () => {
        metrics.itemsByStage.set({ stage: 'indexed' }, 7);
      },
    });
    const res = await app.request('/metrics');
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('kopru_items{stage="indexed"} 7');
    expect(text).toContain('kopru_stage_latency_seconds');
  });
});

describe('health routes seen from another machine', () => {
  const build = (opsToken?: string) => {
    const app = new Hono();
    app.use(clientAddress({ trustedProxies: 1 }));
    app.route(
      '/',
      createHealthRoutes({
        metrics: createMetrics(),
        opsToken,
        checks: {
          search: async () => {
            throw new Error('meilisearch: cannot reach http://10.0.0.5:7700');
          },
        },
      }),
    );
    return app;
  };
  const from = (ip: string, auth?: string) => ({
    headers: { 'x-forwarded-for': ip, ...(auth ? { authorization: auth } : {}) },
  });

  it('a remote client gets the verdict without error text and 403 on /metrics', async () => {
    const app = build('s3cret-token-for-ops');
    const ready = await app.request('/readyz', from('203.0.113.9'));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { search: { status: 'error' } } });
    expect((await app.request('/metrics', from('203.0.113.9'))).status).toBe(403);
    expect((await app.request('/metrics', from('203.0.113.9', 'Bearer wrong-token-for-ops!'))).status).toBe(
      403,
    );
    expect((await app.request('/healthz', from('203.0.113.9'))).status).toBe(200);
  });

  it('the OPS_TOKEN bearer or a client on this machine sees everything', async () => {
    const app = build('s3cret-token-for-ops');
    const withToken = from('203.0.113.9', 'Bearer s3cret-token-for-ops');
    expect((await app.request('/metrics', withToken)).status).toBe(200);
    expect(JSON.stringify(await (await app.request('/readyz', withToken)).json())).toContain('10.0.0.5');
    expect((await app.request('/metrics', from('127.0.0.1'))).status).toBe(200);
    // Without a configured token only this machine is an operator.
    expect((await build().request('/metrics', from('203.0.113.9', 'Bearer '))).status).toBe(403);
  });
});

describe('OpenAPI document', () => {
  it('describes the ingest and search endpoints from the zod schemas', () => {
    const doc = buildOpenApiDocument('1.2.3') as {
      info: { version: string };
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { required?: string[] }> };
    };
    expect(doc.info.version).toBe('1.2.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/posts', '/api/v1/applications', '/api/v1/items', '/readyz']),
    );
    expect(doc.components.schemas.PostInput?.required).toEqual(expect.arrayContaining(['source', 'text']));
    expect(doc.components.schemas.ApplicationInput?.required).toEqual(
      expect.arrayContaining(['type', 'text']),
    );
  });
});
