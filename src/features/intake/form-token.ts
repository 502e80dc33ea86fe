import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

/** Form field and cookie of the anonymous form token. */
export const FORM_TOKEN_FIELD = '_intake';
const COOKIE = 'kopru_intake';

/**
 * Signed double-submit tokens for the anonymous intake forms: `ts.nonce.mac`,
 * the MAC an HMAC-SHA256 over time and nonce with a key shared by every web
 * process. The same token goes into a hidden field and an HttpOnly cookie; a
 * POST must carry both, equal, correctly signed and younger than `maxAgeMs`.
 */
export function createFormTokens(opts: {
  key: () => Promise<string>;
  maxAgeMs?: number;
  now?: () => number;
}) {
  const maxAgeMs = opts.maxAgeMs ?? 4 * 3600_000;
  const now = opts.now ?? Date.now;
  const mac = async (payload: string) =>
    createHmac('sha256', await opts.key())
      .update(payload)
      .digest('base64url');
  const same = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };

  return {
    /** A token for the form being rendered; reuses a still-valid cookie so several tabs agree. */
    async issue(c: Context): Promise<string> {
      const current = getCookie(c, COOKIE);
      const age = current ? now() - Number.parseInt(current.split('.')[0] ?? '', 36) : Number.NaN;
      // A young cookie is reused so forms open in several tabs agree; an old one is renewed before it expires.
      if (current && age < maxAgeMs / 2 && (await this.valid(current, current)) === 'ok') return current;
      const payload = `${now().toString(36)}.${randomBytes(18).toString('base64url')}`;
      const token = `${payload}.${await mac(payload)}`;
      setCookie(c, COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: Math.floor(maxAgeMs / 1000),
      });
      return token;
    },

    /** Checks the submitted field against the cookie: 'ok', 'missing', 'invalid' or 'expired'. */
    async valid(field: string | undefined, cookie: string | undefined) {
      if (!field || !cookie) return 'missing' as const;
      if (!same(field, cookie)) return 'invalid' as const;
      const [ts, nonce, sig, ...rest] = field.split('.');
      if (!ts || !nonce || !sig || rest.length) return 'invalid' as const;
      if (!same(sig, await mac(`${ts}.${nonce}`))) return 'invalid' as const;
      const age = now() - Number.parseInt(ts, 36);
      if (!(age >= 0 && age <= maxAgeMs)) return 'expired' as const;
      return 'ok' as const;
    },

    /** The token cookie of a request. */
    cookie: (c: Context) => getCookie(c, COOKIE),
  };
}
export type FormTokens = ReturnType<typeof createFormTokens>;
