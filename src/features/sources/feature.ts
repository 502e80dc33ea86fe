import type { Feature, FeatureContext } from '../seam.js';
import { createSourcesRoutes } from './api-routes.js';
import { en, tr } from './i18n.js';
import { registerSourcesOpenApi } from './openapi.js';
import { createSourcesPage } from './sources-page.js';

/**
 * News-feed sources: the admin page (add, enable, interval, poll now, last run)
 * and `/api/v1/sources` (admin token). Polling itself is a connector job.
 */
export function createSourcesFeature(ctx: FeatureContext<'feedSources' | 'audit'>): Feature {
  return {
    name: 'sources',
    texts: { tr, en },
    api: createSourcesRoutes({ sources: ctx.stores.feedSources, verifyToken: ctx.verifyToken }),
    openapi: registerSourcesOpenApi,
    ui: createSourcesPage({ sources: ctx.stores.feedSources, queue: ctx.queue, audit: ctx.stores.audit }),
    nav: [{ href: '/admin/sources', tr: 'Kaynaklar', en: 'Sources', permission: 'sources.manage' }],
  };
}
