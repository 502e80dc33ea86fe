import type { Context, MiddlewareHandler } from 'hono';
import { AuthError, ForbiddenError } from '../../domain/errors.js';
import { can } from '../../domain/review/permissions.js';
import { bearerToken, type TokenPrincipal } from '../../web/middleware/bearer-token.js';

/** Public portal, or one that needs an account (PORTAL_ACCESS). */
export type PortalAccess = 'public' | 'login';

const sessionMayRead = (c: Context) => {
  const u = c.get('user');
  return !!u && can(u.role, 'published.read');
};

/**
 * Portal pages in login mode: anonymous visitors go to the login page (and come
 * back), signed-in users need `published.read`. In public mode anyone may read.
 */
export function portalPageAccess(mode: PortalAccess): MiddlewareHandler {
  return async (c, next) => {
    if (mode === 'public') return next();
    const user = c.get('user');
    if (!user) {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
    }
    if (!can(user.role, 'published.read'))
      throw new ForbiddenError(`your role (${user.role}) may not do this`);
    return next();
  };
}

/**
 * Feeds and the JSON API in login mode: a session with `published.read` (feeds only,
 * the API has no session) or a bearer API token with the `read` scope; else 401.
 */
export function portalMachineAccess(
  mode: PortalAccess,
  verify: (token: string) => Promise<TokenPrincipal | null>,
): MiddlewareHandler {
  const token = bearerToken({ verify, scope: 'read', allowPrincipal: sessionMayRead });
  return async (c, next) => {
    if (mode === 'public') return next();
    if (!c.req.header('authorization') && !sessionMayRead(c))
      throw new AuthError('this portal needs an account: sign in or send a bearer token with the read scope');
    return token(c, next);
  };
}
