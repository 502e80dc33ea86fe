import type { MiddlewareHandler } from 'hono';
import { AuthError, ForbiddenError } from '../../domain/errors.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The API token that authenticated this request (set by `bearerToken`). */
    token: TokenPrincipal;
  }
}

export interface TokenPrincipal {
  id: string;
  name: string;
  scopes: string[];
}

/**
 * Requires `Authorization: Bearer <token>` for a stored (hashed) API token with
 * the given scope. Sets `c.get('token')`. Other authenticators (a staff session)
 * may set `c.get('principal')` earlier; `allowPrincipal` lets them through.
 */
export function bearerToken(opts: {
  verify: (token: string) => Promise<TokenPrincipal | null>;
  scope: string;
  allowPrincipal?: (c: Parameters<MiddlewareHandler>[0]) => boolean;
}): MiddlewareHandler {
  return async (c, next) => {
    if (opts.allowPrincipal?.(c)) return next();
    const header = c.req.header('authorization');
    if (!header) throw new AuthError('missing bearer token', 'token_missing');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m?.[1])
      throw new AuthError('malformed Authorization header (expected "Bearer <token>")', 'token_malformed');
    const principal = await opts.verify(m[1]);
    if (!principal) throw new AuthError('invalid or revoked token', 'token_invalid');
    if (!principal.scopes.includes(opts.scope))
      throw new ForbiddenError(`token lacks the "${opts.scope}" scope`);
    c.set('token', principal);
    return next();
  };
}
