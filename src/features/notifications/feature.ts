import { Hono } from 'hono';
import { visibleKinds } from '../../domain/notifications.js';
import { can } from '../../domain/review/permissions.js';
import type { Feature, FeatureContext } from '../seam.js';
import { en, tr } from './i18n.js';
import { createNotificationRoutes } from './routes.js';

/** How often the scheduler deletes old notifications. */
const PRUNE_EVERY_MS = 6 * 3600_000;

/**
 * In-app notifications: the `/notifications` page with "mark read", the header link with
 * the unread count (kept current by the page script through `/notifications/count`), and
 * the pruning of old notifications. Notifications are made by the stores where their
 * events happen, in the same transaction: an assignment, a draft submitted, approved or
 * sent back, an application escalated, a surge alert.
 */
export function createNotificationsFeature(ctx: FeatureContext<'notifications'>): Feature {
  const store = ctx.stores.notifications;
  const ui = new Hono();
  ui.route('/', createNotificationRoutes({ store }));
  return {
    name: 'notifications',
    texts: { tr, en },
    ui,
    async headerLink(c) {
      const user = c.get('user');
      if (!user || !can(user.role, 'notifications.read')) return null;
      // The live count's own requests (JSON) do not need the header.
      const accept = c.req.header('accept') ?? '';
      if (accept.includes('application/json') && !accept.includes('text/html')) return null;
      return {
        href: '/notifications',
        tr: tr['notifications.header'],
        en: en['notifications.header'],
        count: await store.unreadCount(user.id, visibleKinds(user.role)),
        live: {
          src: '/notifications/count',
          tr: tr['notifications.announce'],
          en: en['notifications.announce'],
        },
      };
    },
    tasks: [{ name: 'notifications-prune', everyMs: PRUNE_EVERY_MS, run: () => store.prune() }],
  };
}
