import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../../domain/errors.js';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Synchroniser-token CSRF check for state-changing requests of a signed-in user:
 * the form field `_csrf` (or header `x-csrf-token`) must equal the session's token.
 * Runs after `sessionAuth`; requests without a session are left to the role guard.
 * `exempt` paths (the login form, which replaces the session) rely on the Origin check alone.
 */
export function csrfToken(opts: { exempt?: string[] } = {}): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || !c.get('user')) return next();
    if (opts.exempt?.includes(c.req.path)) return next();
    const expected = c.get('csrf') ?? '';
    let sent = c.req.header('x-csrf-token') ?? '';
    if (!sent && /form/.test(c.req.header('content-type') ?? '')) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : '';
    }
    if (!expected || !same(sent, expected)) throw new ForbiddenError('invalid or missing CSRF token');
    return next();
  };
}
