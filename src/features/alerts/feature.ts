import { Hono } from 'hono';
import { ConfigError } from '../../domain/errors.js';
import { can } from '../../domain/review/permissions.js';
import { rateLimitPerMinute } from '../../web/middleware/rate-limit.js';
import type { Feature, FeatureContext } from '../seam.js';
import { alertWebhookJob, createAlertWebhookHandler } from './alert-webhook-job.js';
import { createAlertsPage } from './alerts-page.js';
import { createAlertsApi } from './api-routes.js';
import { createSurgeDetection } from './detect.js';
import { createDigestRoutes } from './digest.js';
import { en, tr } from './i18n.js';
import { registerAlertsOpenApi } from './openapi.js';

/**
 * Surge alerts ("Yükselenler"): the periodic detector on occurrence time, the alerts
 * page with "mark as seen", the header count for staff and supervisors, the morning
 * digest (page and Atom feed), `GET /api/v1/alerts`, the streamed exports and an
 * optional signed webhook (ALERT_WEBHOOK_URL).
 */
export function createAlertsFeature(ctx: FeatureContext<'alerts' | 'claims' | 'items' | 'audit'>): Feature {
  const { alerts, audit } = ctx.stores;
  const { ALERT_WEBHOOK_URL: hookUrl, ALERT_WEBHOOK_SECRET: hookSecret } = ctx.config;
  if (hookUrl && !hookSecret) throw new ConfigError('ALERT_WEBHOOK_URL needs ALERT_WEBHOOK_SECRET');
  const detection = createSurgeDetection({
    alerts,
    tickMs: ctx.config.ALERT_TICK_MS,
    webhook: !!hookUrl,
    logger: ctx.logger,
    onNew: hookUrl
      ? (alertId) => ctx.queue.enqueue(alertWebhookJob, { alertId }, { jobId: alertId }).then(() => undefined)
      : undefined,
  });
  const claimTexts = async () => new Map((await ctx.stores.claims.list()).map((c) => [c.id, c.text]));
  const staff = (c: Parameters<NonNullable<Feature['headerLink']>>[0]) => {
    const u = c.get('user');
    return !!u && can(u.role, 'queue.read');
  };

  const ui = new Hono();
  ui.route('/', createAlertsPage({ alerts, claimTexts, audit }));
  ui.route(
    '/',
    createDigestRoutes({
      alerts,
      claimTexts,
      audit,
      rateLimit: rateLimitPerMinute({
        perMinute: ctx.config.PORTAL_API_RATE_PER_MIN,
        limits: ctx.rateLimits,
        name: 'alerts-api',
      }),
      config: ctx.config,
    }),
  );

  return {
    name: 'alerts',
    texts: { tr, en },
    ui,
    api: createAlertsApi({
      alerts,
      items: ctx.stores.items,
      search: ctx.search,
      verifyToken: ctx.verifyToken,
      allowSession: staff,
    }),
    sessionApi: ['/alerts', '/exports/*'],
    openapi: registerAlertsOpenApi,
    nav: [{ href: '/alerts', tr: tr['alerts.nav'], en: en['alerts.nav'], permission: 'queue.read' }],
    async headerLink(c) {
      if (!staff(c)) return null;
      const count = await alerts.unacknowledgedCount();
      return { href: '/alerts?unseen=1', tr: tr['alerts.header'], en: en['alerts.header'], count };
    },
    startWorkers() {
      if (hookUrl && hookSecret)
        ctx.queue.process(
          alertWebhookJob,
          createAlertWebhookHandler({
            alerts,
            url: hookUrl,
            secret: hookSecret,
            timeoutMs: ctx.config.WEBHOOK_TIMEOUT_MS,
            allowPrivate: ctx.config.WEBHOOK_ALLOW_PRIVATE,
            logger: ctx.logger,
          }),
          { concurrency: 2 },
        );
    },
    tasks: [detection.task],
  };
}
