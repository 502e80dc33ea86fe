import { Hono } from 'hono';
import type { Metrics } from '../../obs/metrics.js';

export type ReadinessCheck = () => Promise<void>;

/** /healthz (process alive), /readyz (every configured dependency answers), /metrics (Prometheus). */
export function createHealthRoutes(deps: {
  checks: Record<string, ReadinessCheck>;
  metrics: Pick<Metrics, 'registry'>;
  /** Refreshes gauges (queue depths, items per stage) just before a scrape. */
  collect?: () => Promise<void>;
}) {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const entries = await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, { status: 'ok' }] as const;
        } catch (err) {
          return [name, { status: 'error', message: (err as Error).message }] as const;
        }
      }),
    );
    const ok = entries.every(([, r]) => r.status === 'ok');
    return c.json({ status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(entries) }, ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    await deps.collect?.().catch(() => undefined);
    return c.body(await deps.metrics.registry.metrics(), 200, {
      'content-type': deps.metrics.registry.contentType,
    });
  });
  return app;
}
