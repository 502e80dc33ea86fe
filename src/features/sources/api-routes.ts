import { Hono } from 'hono';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { FeedSource, FeedSourceStore } from '../../store/feed-source-store.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';

const interval = z
  .number()
  .int()
  .min(60)
  .max(7 * 24 * 3600);
const feedUrl = z.url({ protocol: /^https?$/ }).max(2000);

/** POST /sources: a new feed source. */
export const createSourceSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\p{L}\p{N}._:-]+$/u, 'letters, digits and . _ : - only'),
  url: feedUrl,
  intervalSeconds: interval.default(900),
  enabled: z.boolean().default(true),
});

/** PATCH /sources/:id: enable/disable, interval, URL. */
export const updateSourceSchema = z
  .object({ enabled: z.boolean(), intervalSeconds: interval, url: feedUrl })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');

const view = (s: FeedSource) => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  enabled: s.enabled,
  url: s.url,
  intervalSeconds: s.intervalSeconds,
  lastRunAt: s.lastRunAt,
  lastSuccessAt: s.lastSuccessAt,
  lastStatus: s.lastStatus,
  lastError: s.lastError,
  itemsFetched: s.itemsFetched,
  failures: s.failures,
  nextRunAt: s.nextRunAt,
  createdAt: s.createdAt,
});

async function body<T>(c: { req: { json(): Promise<unknown> } }, schema: z.ZodType<T>): Promise<T> {
  const raw = await c.req.json().catch(() => {
    throw new ValidationError('body must be JSON');
  });
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ValidationError('invalid source', parsed.error.issues);
  return parsed.data;
}

/**
 * Sources admin API (token with `admin` scope): list sources with their last
 * run, last error and items fetched; add a feed; enable, disable, change the
 * interval or URL. Changes take effect at the scheduler's next tick.
 */
export function createSourcesRoutes(deps: {
  sources: Pick<FeedSourceStore, 'list' | 'get' | 'create' | 'update'>;
  verifyToken: (token: string) => Promise<TokenPrincipal | null>;
}) {
  const app = new Hono();
  app.use('/sources', bearerToken({ verify: deps.verifyToken, scope: 'admin' }));
  app.use('/sources/*', bearerToken({ verify: deps.verifyToken, scope: 'admin' }));
  app.get('/sources', async (c) => c.json({ sources: (await deps.sources.list()).map(view) }));
  app.get('/sources/:id', async (c) => {
    const s = await deps.sources.get(c.req.param('id'));
    if (!s) throw new NotFoundError('no such source');
    return c.json(view(s));
  });
  app.post('/sources', async (c) => {
    const input = await body(c, createSourceSchema);
    return c.json(view(await deps.sources.create(input)), 201);
  });
  app.patch('/sources/:id', async (c) => {
    const input = await body(c, updateSourceSchema);
    const s = await deps.sources.update(c.req.param('id'), input);
    if (!s) throw new NotFoundError('no such source');
    return c.json(view(s));
  });
  return app;
}
