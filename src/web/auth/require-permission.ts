import type { MiddlewareHandler } from 'hono';
import { AuthError, ForbiddenError } from '../../domain/errors.js';
import { can, type Permission } from '../../domain/review/permissions.js';

/**
 * Role guard for UI routes: anonymous GETs are sent to the login page, other
 * anonymous requests get 401, a signed-in user without the permission gets 403.
 */
export function requirePermission(permission: Permission): MiddlewareHandler {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) {
      if (c.req.method === 'GET') {
        const url = new URL(c.req.url);
        return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
      }
      throw new AuthError('login required');
    }
    if (!can(user.role, permission)) throw new ForbiddenError(`your role (${user.role}) may not do this`);
    return next();
  };
}
