import { resolve } from 'node:path';
import { Hono } from 'hono';
import { createPublicationService } from '../../pipeline/publish.js';
import { rateLimitPerMinute } from '../../web/middleware/rate-limit.js';
import type { Feature, FeatureContext } from '../seam.js';
import { portalMachineAccess, portalPageAccess } from './access.js';
import { createPortalApi } from './api-routes.js';
import { createFeedRoutes } from './feed-routes.js';
import { en, tr } from './i18n.js';
import { registerPortalOpenApi } from './openapi.js';
import { loadPortalConfig, organization } from './portal-config.js';
import { createPublishRoutes } from './publish-routes.js';
import { createResponsePage } from './response-page.js';
import { createSearchPage } from './search-page.js';
import { createSeoRoutes } from './seo-routes.js';

/**
 * The public journalist portal and the publication of responses: portal pages,
 * feeds and JSON API (reading only the `responses` index and the publication
 * table), the publish/embargo action of the drafts page, and the embargo task.
 */
export function createPortalFeature(
  ctx: FeatureContext<'publications' | 'responses' | 'audit' | 'items' | 'review'>,
  opts: { now?: () => Date } = {},
) {
  const { config } = ctx;
  const portal = loadPortalConfig(resolve(config.CONFIG_DIR));
  const baseUrl = config.PUBLIC_BASE_URL;
  const { publications, responses } = ctx.stores;
  const publication = createPublicationService({
    responses,
    publications,
    search: ctx.search,
    events: ctx.events,
    logger: ctx.logger,
    now: opts.now,
  });
  const { actions } = ctx;
  // One limiter for the API and the feeds: they are the machine-readable face of the portal.
  const limit = rateLimitPerMinute({
    perMinute: config.PORTAL_API_RATE_PER_MIN,
    limits: ctx.rateLimits,
    name: 'portal-api',
  });
  const guard = [limit, portalMachineAccess(config.PORTAL_ACCESS, ctx.verifyToken)];

  const ui = new Hono();
  ui.route(
    '/',
    createPublishRoutes({
      publication,
      responses,
      audit: ctx.stores.audit,
      actions,
      items: ctx.stores.items,
      review: ctx.stores.review,
      now: opts.now,
    }),
  );
  ui.route('/', createFeedRoutes({ search: ctx.search, baseUrl, portal, guard }));
  ui.route('/', createSeoRoutes({ search: ctx.search, baseUrl, access: config.PORTAL_ACCESS }));
  // Login mode guards every portal page; public mode lets anyone read.
  ui.use('/responses', portalPageAccess(config.PORTAL_ACCESS));
  ui.use('/responses/*', portalPageAccess(config.PORTAL_ACCESS));
  ui.route('/', createSearchPage({ search: ctx.search, baseUrl, portal }));
  ui.route('/', createResponsePage({ publications, baseUrl, portal }));
  const api = createPortalApi({
    search: ctx.search,
    publications,
    baseUrl,
    organization: organization({ baseUrl, portal }),
    guard,
  });

  return {
    name: 'portal',
    texts: { tr, en },
    api,
    ui,
    openapi: registerPortalOpenApi,
    nav: [{ href: '/responses', tr: 'Portal', en: 'Portal', permission: 'published.read' }],
    tasks: [{ name: 'embargo-publish', everyMs: config.PUBLISH_TICK_MS, run: () => publication.tick() }],
    /** The publication service (tests drive its `tick` with their own clock). */
    publication,
  } satisfies Feature & Record<string, unknown>;
}
