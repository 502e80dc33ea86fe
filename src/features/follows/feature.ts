import { Hono } from 'hono';
import { rateLimitPerMinute } from '../../web/middleware/rate-limit.js';
import type { Feature, FeatureContext } from '../seam.js';
import { createFanOut } from './fan-out.js';
import { createPersonalFeedRoutes } from './feed-routes.js';
import { createFollowsRoutes } from './follows-routes.js';
import { en, tr } from './i18n.js';
import { registerFollowsOpenApi } from './openapi.js';
import {
  createWebhookDeliverer,
  requeueStaleDeliveries,
  webhookDeliveryJob,
} from './webhook-delivery-job.js';

/** How often workers look for deliveries whose job was lost. */
const SWEEP_MS = 60_000;

/**
 * Journalist follows: topics and provinces, a signed webhook per journalist fed by
 * the `response.published` / `response.corrected` events, and a personal feed.
 * Deliveries are rows in PostgreSQL first and queue jobs second, so a lost job is
 * found again by the workers' sweep.
 */
export function createFollowsFeature(ctx: FeatureContext<'follows' | 'audit'>): Feature {
  const follows = ctx.stores.follows;
  const fanOut = createFanOut({ follows, queue: ctx.queue });
  // Every process that may publish reacts to the events; the deliveries run in workers.
  ctx.events.on('response.published', async ({ response }) => {
    await fanOut('response.published', response);
  });
  ctx.events.on('response.corrected', async ({ response, note }) => {
    await fanOut('response.corrected', response, note);
  });

  const ui = new Hono();
  ui.route(
    '/',
    createFollowsRoutes({ follows, search: ctx.search, audit: ctx.stores.audit, config: ctx.config }),
  );
  ui.route(
    '/',
    createPersonalFeedRoutes({
      follows,
      search: ctx.search,
      rateLimit: rateLimitPerMinute({
        perMinute: ctx.config.PORTAL_API_RATE_PER_MIN,
        limits: ctx.rateLimits,
        name: 'follows-api',
      }),
      config: ctx.config,
    }),
  );

  return {
    name: 'follows',
    texts: { tr, en },
    ui,
    openapi: registerFollowsOpenApi,
    nav: [
      {
        href: '/account/follows',
        tr: tr['follows.nav'],
        en: en['follows.nav'],
        permission: 'follows.manage',
      },
    ],
    startWorkers() {
      const deliverer = createWebhookDeliverer({
        follows,
        timeoutMs: ctx.config.WEBHOOK_TIMEOUT_MS,
        allowPrivate: ctx.config.WEBHOOK_ALLOW_PRIVATE,
        logger: ctx.logger,
      });
      ctx.queue.process(webhookDeliveryJob, deliverer.handler, { concurrency: 8 });
    },
    tasks: [
      {
        name: 'webhook-retry',
        everyMs: SWEEP_MS,
        run: () => requeueStaleDeliveries({ follows, queue: ctx.queue }),
      },
    ],
  };
}
