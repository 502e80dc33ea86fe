import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { Metrics } from '../../obs/metrics.js';
import { errorBody } from '../errors.js';
import { clientAddressOf } from '../middleware/client-address.js';

export type ReadinessCheck = () => Promise<void>;

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|local)$/;

/**
 * /healthz (process alive), /readyz (every configured dependency answers), /metrics (Prometheus).
 * Metrics and the readiness errors' text (host names, causes) are for operators only: a client
 * on this machine (the client address, as TRUST_PROXY decides it) or one with `opsToken` as a
 * Bearer token. Anyone else gets /readyz's verdict without the text, and 403 on /metrics.
 */
export function createHealthRoutes(deps: {
  checks: Record<string, ReadinessCheck>;
  metrics: Pick<Metrics, 'registry'>;
  /** Refreshes gauges (queue depths, items per stage) just before a scrape. */
  collect?: () => Promise<void>;
  /** OPS_TOKEN: lets a remote monitor read /metrics and the readiness details. */
  opsToken?: string;
}) {
  const token = deps.opsToken ? Buffer.from(`Bearer ${deps.opsToken}`) : null;
  const operator = (c: Context) => {
    if (LOOPBACK.test(clientAddressOf(c))) return true;
    const given = Buffer.from(c.req.header('authorization') ?? '');
    return !!token && given.length === token.length && timingSafeEqual(given, token);
  };
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const detail = operator(c);
    const entries = await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, { status: 'ok' }] as const;
        } catch (err) {
          return [
            name,
            detail ? { status: 'error', message: (err as Error).message } : { status: 'error' },
          ] as const;
        }
      }),
    );
    const ok = entries.every(([, r]) => r.status === 'ok');
    return c.json({ status: ok ? 'ok' : 'unavailable', checks: Object.fromEntries(entries) }, ok ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    if (!operator(c))
      return c.json(
        errorBody(
          'forbidden',
          'metrics are served to clients on this machine or with the OPS_TOKEN bearer token',
        ),
        403,
      );
    await deps.collect?.().catch(() => undefined);
    return c.body(await deps.metrics.registry.metrics(), 200, {
      'content-type': deps.metrics.registry.contentType,
    });
  });
  return app;
}
