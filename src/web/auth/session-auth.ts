import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { UserRole } from '../../domain/review/permissions.js';
import type { ShortcutPrefs } from '../../domain/shortcuts.js';
import type { SessionStore } from '../../store/session-store.js';
import { isHttps } from '../middleware/client-address.js';

/** The signed-in user of a UI request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** A one-time or admin-set password: every page leads to the change form first. */
  mustChangePassword?: boolean;
  /** Keyboard shortcut preferences; null or absent = on, default keys. */
  shortcuts?: ShortcutPrefs | null;
}

declare module 'hono' {
  interface ContextVariableMap {
    user: SessionUser | undefined;
    csrf: string | undefined;
    sessionToken: string | undefined;
  }
}

/** Cookie name of the session id. */
export const SESSION_COOKIE = 'kopru_sid';

/** Session settings: idle expiry (sliding). */
export interface SessionOptions {
  ttlMs: number;
}

// Behind a TLS-terminating proxy (TRUST_PROXY) the proxy's X-Forwarded-Proto decides.
const secure = (c: Context) => isHttps(c);

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(c: Context, token: string, ttlMs: number) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secure(c),
    path: '/',
    maxAge: Math.floor(ttlMs / 1000),
  });
}

export const clearSessionCookie = (c: Context) =>
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });

/**
 * Resolves the session cookie to a user (or none) and slides the expiry once
 * half of it has passed, so an active user is not logged out mid-task.
 */
export function sessionAuth(deps: {
  sessions: Pick<SessionStore, 'get' | 'touch'>;
  ttlMs: number;
}): MiddlewareHandler {
  return async (c, next) => {
    c.set('user', undefined);
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 100) {
      const s = await deps.sessions.get(token);
      if (s) {
        c.set('user', s.user);
        c.set('csrf', s.data.csrf);
        c.set('sessionToken', token);
        if (new Date(s.expiresAt).getTime() - Date.now() < deps.ttlMs / 2)
          await deps.sessions.touch(s.id, deps.ttlMs);
      }
    }
    await next();
  };
}
