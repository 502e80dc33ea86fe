import type { Feature, FeatureContext } from '../seam.js';
import { en, tr } from './i18n.js';
import { createAdminRoutes } from './routes.js';

/** Administration: user accounts and roles. */
export function createAdminFeature(ctx: FeatureContext<'users' | 'sessions' | 'audit'>): Feature {
  return {
    name: 'admin',
    texts: { tr, en },
    ui: createAdminRoutes({
      users: ctx.stores.users,
      sessions: ctx.stores.sessions,
      audit: ctx.stores.audit,
    }),
    nav: [{ href: '/admin/users', tr: 'Kullanıcılar', en: 'Users', permission: 'users.manage' }],
  };
}
