import { Hono } from 'hono';
import type { Feature, FeatureContext } from '../seam.js';
import { createDraftRoutes } from './drafts-routes.js';
import { en, tr } from './i18n.js';
import { createPublishedRoutes } from './published-routes.js';

/** Responses: versioned drafts with four-eyes approval, and the staff list of published responses. */
export function createResponsesFeature(
  ctx: FeatureContext<'responses' | 'items' | 'review' | 'audit'>,
): Feature {
  const ui = new Hono();
  ui.route(
    '/',
    createDraftRoutes({
      responses: ctx.stores.responses,
      items: ctx.stores.items,
      review: ctx.stores.review,
      audit: ctx.stores.audit,
    }),
  );
  ui.route('/', createPublishedRoutes({ search: ctx.search }));
  return {
    name: 'responses',
    texts: { tr, en },
    ui,
    nav: [
      { href: '/drafts', tr: 'Yanıtlar', en: 'Responses', permission: 'response.draft' },
      { href: '/published', tr: 'Yayımlananlar', en: 'Published', permission: 'published.read' },
    ],
  };
}
