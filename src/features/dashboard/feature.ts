import type { Feature, FeatureContext } from '../seam.js';
import { en, tr } from './i18n.js';
import { createDashboardRoutes } from './routes.js';

/** The supervisors' dashboard (flagged items, approvals, deadlines, charts) and the audit log. */
export function createDashboardFeature(
  ctx: FeatureContext<'stats' | 'responses' | 'review' | 'audit' | 'alerts' | 'claims'>,
): Feature {
  return {
    name: 'dashboard',
    texts: { tr, en },
    ui: createDashboardRoutes({
      search: ctx.search,
      stats: ctx.stores.stats,
      responses: ctx.stores.responses,
      review: ctx.stores.review,
      audit: ctx.stores.audit,
      alerts: ctx.stores.alerts,
      claims: ctx.stores.claims,
    }),
    nav: [
      { href: '/dashboard', tr: 'Pano', en: 'Dashboard', permission: 'dashboard.read' },
      { href: '/audit', tr: 'Denetim kaydı', en: 'Audit log', permission: 'audit.read' },
    ],
  };
}
