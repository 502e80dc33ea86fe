import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { homeFor } from '../../domain/review/permissions.js';
import type { createAuditLog, createUserStore } from '../../store/index.js';
import type { SessionStore } from '../../store/session-store.js';
import { clientAddressOf } from '../middleware/client-address.js';
import { Layout, Notice, type ViewCtx, viewCtx } from '../ui/layout.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { SharedRateLimiter } from './rate-limit.js';
import { clearSessionCookie, setSessionCookie } from './session-auth.js';

const loginSchema = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(1000),
  next: z.string().max(2000).optional(),
});

/**
 * Only same-site paths: never `//host` or a scheme, so login cannot redirect off-site.
 * A path on this site to go to after login, else undefined. Browsers drop tabs and newlines
 * from a URL, so `/\t/evil.example` would become `//evil.example` (another site): no
 * whitespace or control character is accepted, and the path must stay on this origin.
 */
const safeNext = (next: string | undefined) => {
  if (!next || !/^\/(?![/\\])/.test(next) || /[\s\p{Cc}\\]/u.test(next)) return undefined;
  const base = 'http://kopru.invalid';
  return new URL(next, base).origin === base ? next : undefined;
};

function LoginPage({ v, error, next, email }: { v: ViewCtx; error?: string; next?: string; email?: string }) {
  return (
    <Layout v={v} title={v.t('login.title')}>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <form method="post" action="/login" class="stack narrow">
        <input type="hidden" name="next" value={next ?? ''} />
        <label for="email">{v.t('login.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">{v.t('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{v.t('login.submit')}</button>
      </form>
    </Layout>
  );
}

/** Login policy: attempts before the account locks, and for how long. */
export interface LoginPolicy {
  maxAttempts: number;
  lockMs: number;
  sessionTtlMs: number;
}

/** GET/POST /login and POST /logout. Sessions rotate on login: the old one is destroyed. */
export function createLoginRoutes(deps: {
  users: Pick<
    ReturnType<typeof createUserStore>,
    'findByEmail' | 'findById' | 'recordLoginFailure' | 'recordLoginSuccess' | 'update'
  >;
  sessions: Pick<SessionStore, 'create' | 'destroy'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
  limiter: SharedRateLimiter;
  policy: LoginPolicy;
}) {
  const app = new Hono();
  // A fixed hash to verify against when the e-mail is unknown, so timing does not reveal accounts.
  let dummy: Promise<string> | undefined;

  app.get('/login', (c) => {
    const v = viewCtx(c);
    if (v.user) return c.redirect(homeFor(v.user.role), 302);
    return c.html(<LoginPage v={v} next={safeNext(c.req.query('next'))} />);
  });

  app.post('/login', async (c) => {
    const v = viewCtx(c);
    const parsed = loginSchema.safeParse(await c.req.parseBody());
    const form = parsed.success ? parsed.data : { email: '', password: '', next: undefined };
    const next = safeNext(form.next);
    const ip = clientAddressOf(c);
    const fail = (status: 401 | 429, msg: string) =>
      c.html(<LoginPage v={v} error={msg} next={next} email={form.email} />, status);

    // Only failed attempts count: an office behind one address signs in many times a day.
    const keys = [`ip:${ip}`, `email:${form.email.toLowerCase()}`];
    const failed = async () => {
      for (const k of keys) await deps.limiter.hit(k);
    };
    if ((await Promise.all(keys.map((k) => deps.limiter.over(k)))).some(Boolean)) {
      await deps.audit.append({
        actor: form.email || 'anonymous',
        action: 'login.rate_limited',
        details: { ip },
      });
      return fail(429, v.t('login.tooMany'));
    }
    const user = form.email ? await deps.users.findByEmail(form.email) : null;
    if (!user || user.disabled) {
      dummy ??= hashPassword('not-a-real-password');
      await verifyPassword(await dummy, form.password);
      await failed();
      await deps.audit.append({ actor: form.email || 'anonymous', action: 'login.failure', details: { ip } });
      return fail(401, v.t('login.invalid'));
    }
    if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()) {
      await deps.audit.append({
        actor: user.email,
        action: 'login.locked',
        targetType: 'user',
        targetId: user.id,
      });
      return fail(429, v.t('login.locked'));
    }
    if (!(await verifyPassword(user.passwordHash, form.password))) {
      await failed();
      const n = await deps.users.recordLoginFailure(user.id, deps.policy);
      await deps.audit.append({
        actor: user.email,
        action: 'login.failure',
        targetType: 'user',
        targetId: user.id,
        details: { ip, failures: n },
      });
      return fail(401, n >= deps.policy.maxAttempts ? v.t('login.locked') : v.t('login.invalid'));
    }
    await deps.users.recordLoginSuccess(user.id);
    const old = c.get('sessionToken');
    if (old) await deps.sessions.destroy(old);
    const { token } = await deps.sessions.create(user.id, deps.policy.sessionTtlMs);
    setSessionCookie(c, token, deps.policy.sessionTtlMs);
    await deps.audit.append({
      actor: user.email,
      action: 'login.success',
      targetType: 'user',
      targetId: user.id,
    });
    return c.redirect(user.mustChangePassword ? '/account/password' : (next ?? homeFor(user.role)), 303);
  });

  const passwordPage = (c: Context, status: 200 | 422, error?: string) => {
    const v = viewCtx(c);
    const must = !!c.get('user')?.mustChangePassword;
    return c.html(
      <Layout v={v} title={v.t('password.title')}>
        {must ? <Notice kind="info">{v.t('password.must')}</Notice> : null}
        {error ? <Notice kind="error">{error}</Notice> : null}
        <form method="post" action="/account/password" class="stack narrow">
          <input type="hidden" name="_csrf" value={v.csrf} />
          <label for="current">{v.t('password.current')}</label>
          <input id="current" name="current" type="password" autocomplete="current-password" required />
          <label for="next-password">{v.t('password.new')}</label>
          <input
            id="next-password"
            name="password"
            type="password"
            autocomplete="new-password"
            minlength={12}
            required
            aria-describedby="pw-hint"
          />
          <p id="pw-hint" class="hint">
            {v.t('password.hint')}
          </p>
          <label for="repeat">{v.t('password.repeat')}</label>
          <input id="repeat" name="repeat" type="password" autocomplete="new-password" required />
          <button type="submit">{v.t('password.submit')}</button>
        </form>
      </Layout>,
      status,
    );
  };

  app.get('/account/password', (c) => (c.get('user') ? passwordPage(c, 200) : c.redirect('/login', 302)));

  app.post('/account/password', async (c) => {
    const me = c.get('user');
    if (!me) return c.redirect('/login', 303);
    const v = viewCtx(c);
    const body = await c.req.parseBody();
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const [current, password, repeat] = [str('current'), str('password'), str('repeat')];
    const user = await deps.users.findById(me.id);
    if (!user || !(await verifyPassword(user.passwordHash, current.slice(0, 1000))))
      return passwordPage(c, 422, v.t('password.wrongCurrent'));
    if (password.length < 12 || password.length > 200) return passwordPage(c, 422, v.t('password.tooShort'));
    if (password !== repeat) return passwordPage(c, 422, v.t('password.mismatch'));
    if (password === current) return passwordPage(c, 422, v.t('password.same'));
    await deps.users.update(me.id, { passwordHash: await hashPassword(password), mustChangePassword: false });
    await deps.audit.append({
      actor: me.email,
      action: 'user.password_change',
      targetType: 'user',
      targetId: me.id,
    });
    return c.redirect(homeFor(me.role), 303);
  });

  app.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    const user = c.get('user');
    if (token) await deps.sessions.destroy(token);
    if (user)
      await deps.audit.append({ actor: user.email, action: 'logout', targetType: 'user', targetId: user.id });
    clearSessionCookie(c);
    return c.redirect('/login', 303);
  });
  return app;
}
