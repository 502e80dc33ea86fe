import { Hono } from 'hono';
import type { Feature, FeatureContext } from '../seam.js';
import { en, tr } from './i18n.js';
import { createAdminRoutes } from './routes.js';
import { createTokenRoutes } from './token-routes.js';

/** Administration: user accounts and roles, API tokens. */
export function createAdminFeature(ctx: FeatureContext<'users' | 'sessions' | 'audit' | 'tokens'>): Feature {
  const ui = new Hono();
  ui.route(
    '/',
    createAdminRoutes({ users: ctx.stores.users, sessions: ctx.stores.sessions, audit: ctx.stores.audit }),
  );
  ui.route('/', createTokenRoutes({ tokens: ctx.stores.tokens, audit: ctx.stores.audit }));
  return {
    name: 'admin',
    texts: { tr, en },
    ui,
    nav: [
      { href: '/admin/users', tr: 'Kullanıcılar', en: 'Users', permission: 'users.manage' },
      { href: '/admin/tokens', tr: 'API anahtarları', en: 'API tokens', permission: 'users.manage' },
    ],
  };
}
