import { Hono } from 'hono';
import type { Feature, FeatureContext } from '../seam.js';
import { createClaimsApi } from './api-routes.js';
import { createClaimRoutes } from './claim-routes.js';
import { en, tr } from './i18n.js';
import { createLinkRoutes } from './link-routes.js';
import type { MatcherSync } from './matcher-sync.js';
import { registerClaimsOpenApi } from './openapi.js';

/**
 * Claims as first-class records: the list and a page per claim, create (from an
 * item or a cluster), edit, merge; confirm or reject suggested claims on items;
 * close an item as answered by an existing response; `GET /api/v1/claims[/:id]`.
 */
export function createClaimsFeature(
  ctx: FeatureContext<'claims' | 'claimLinks' | 'items' | 'audit' | 'responses' | 'bulkJobs'>,
  opts: { matcher?: Pick<MatcherSync, 'changed'> } = {},
): Feature {
  const { stores } = ctx;
  const onChange = () => opts.matcher?.changed();
  const ui = new Hono();
  ui.route('/', createClaimRoutes({ ...stores, queue: ctx.queue, onChange }));
  ui.route('/', createLinkRoutes({ ...stores, queue: ctx.queue, actions: ctx.actions, onChange }));
  return {
    name: 'claims',
    texts: { tr, en },
    ui,
    api: createClaimsApi({
      claims: stores.claims,
      claimLinks: stores.claimLinks,
      verifyToken: ctx.verifyToken,
    }),
    openapi: registerClaimsOpenApi,
    nav: [{ href: '/claims', tr: 'İddialar', en: 'Claims', permission: 'queue.read' }],
  };
}
