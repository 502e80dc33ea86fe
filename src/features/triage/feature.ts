import { Hono } from 'hono';
import { can } from '../../domain/review/permissions.js';
import type { Feature, FeatureContext } from '../seam.js';
import { createItemsRoutes } from './api-routes.js';
import { en, tr } from './i18n.js';
import { createItemRoutes } from './item-routes.js';
import { createQueueRoutes } from './queue-routes.js';

/**
 * Triage: the live queue (search, facets, saved searches, bulk actions), the item
 * page (evidence, verdicts, claims, cluster, history) and `GET /api/v1/items`.
 */
export function createTriageFeature(
  ctx: FeatureContext<
    | 'items'
    | 'claims'
    | 'claimLinks'
    | 'users'
    | 'audit'
    | 'review'
    | 'responses'
    | 'clusters'
    | 'savedSearches'
    | 'bulkJobs'
  >,
): Feature {
  const { stores } = ctx;
  const ui = new Hono();
  ui.route(
    '/',
    createQueueRoutes({
      search: ctx.search,
      users: stores.users,
      saved: stores.savedSearches,
      jobs: stores.bulkJobs,
      queue: ctx.queue,
      audit: stores.audit,
      claimLinks: stores.claimLinks,
    }),
  );
  ui.route(
    '/',
    createItemRoutes({
      items: stores.items,
      claims: stores.claims,
      claimLinks: stores.claimLinks,
      users: stores.users,
      audit: stores.audit,
      search: ctx.search,
      review: stores.review,
      responses: stores.responses,
      actions: ctx.actions,
      clusters: stores.clusters,
    }),
  );
  return {
    name: 'triage',
    texts: { tr, en },
    ui,
    api: createItemsRoutes({
      search: ctx.search,
      verifyToken: ctx.verifyToken,
      // A signed-in staff member may use the search API from the browser.
      allowSession: (c) => {
        const u = c.get('user');
        return !!u && can(u.role, 'queue.read');
      },
    }),
    sessionApi: ['/items'],
    nav: [{ href: '/queue', tr: 'Kuyruk', en: 'Queue', permission: 'queue.read' }],
  };
}
