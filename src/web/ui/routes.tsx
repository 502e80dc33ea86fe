import { readFileSync } from 'node:fs';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { AppError, ValidationError } from '../../domain/errors.js';
import { can, homeFor } from '../../domain/review/permissions.js';
import type { Feature } from '../../features/seam.js';
import type { TagLabels } from '../../pipeline/load-tagger.js';
import type { Stores } from '../../store/create-stores.js';
import { csrfToken } from '../auth/csrf-token.js';
import { createLoginRoutes, type LoginPolicy } from '../auth/login-routes.js';
import { memoryRateLimits, type RateLimits } from '../auth/rate-limit.js';
import { sessionAuth } from '../auth/session-auth.js';
import { createShortcutRoutes } from '../auth/shortcut-routes.js';
import { errorBody } from '../errors.js';
import { createDictionaries, type MsgKey, resolveLang } from './i18n.js';
import { Layout, type NavEntry, viewCtx } from './layout.js';

/** What the UI shell needs from the composition root. */
export interface UiDeps {
  stores: Pick<Stores, 'users' | 'sessions' | 'audit'>;
  policy?: Partial<LoginPolicy> & { loginRateMax?: number };
  /** Largest request body any page accepts (the intake form's attachments set it); checked before CSRF reads forms. */
  maxBodyBytes?: number;
  /** Labels of tag families and evidence rules (config/nlp), so pages never show codes. */
  tagLabels?: TagLabels;
  /** Rate limiters (the login limiter); per process when absent. */
  rateLimits?: RateLimits;
  /** Feature modules' texts, pages and navigation entries, mounted inside the shell. */
  features?: Pick<Feature, 'ui' | 'nav' | 'texts' | 'headerLink'>[];
}

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
/** The portal's default share image (og:image) when `config/portal.json` names none. */
const ogImage = new Uint8Array(readFileSync(new URL('./assets/og-default.png', import.meta.url)));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/**
 * The UI shell: assets, language, session, body limit, CSRF, login and error
 * pages, with every feature's pages mounted inside. Returns the routes and the
 * session middleware (for the API paths that also accept a staff session).
 */
export function createUi(deps: UiDeps) {
  const policy: LoginPolicy = {
    maxAttempts: 5,
    lockMs: 15 * 60_000,
    sessionTtlMs: 8 * 3600_000,
    ...deps.policy,
  };
  const { users, sessions, audit } = deps.stores;
  const session = sessionAuth({ sessions, ttlMs: policy.sessionTtlMs });
  const files = { 'app.css': asset('app.css'), 'app.js': asset('app.js') };

  const app = new Hono();
  app.onError((err, c) => errorPage(err, c));
  app.notFound((c) =>
    errorPage(new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`, { status: 404 }), c),
  );
  app.get('/assets/og-default.png', (c) => {
    c.header('content-type', 'image/png');
    c.header('cache-control', 'public, max-age=86400');
    return c.body(ogImage);
  });
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name') as keyof typeof files;
    // Own keys only: `in` would also find `constructor`, `toString`, `__proto__`.
    if (!Object.hasOwn(files, name)) return c.notFound();
    c.header(
      'content-type',
      name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    );
    c.header('cache-control', 'public, max-age=3600');
    return c.body(files[name]);
  });
  const featureNav: NavEntry[] = (deps.features ?? []).flatMap((f) => f.nav ?? []);
  const texts = createDictionaries((deps.features ?? []).flatMap((f) => (f.texts ? [f.texts] : [])));
  app.use('*', async (c, next) => {
    c.set('lang', resolveLang(c));
    c.set('featureNav', featureNav);
    c.set('texts', texts);
    if (deps.tagLabels) c.set('tagLabels', deps.tagLabels);
    await next();
    if (c.res.headers.get('content-type')?.startsWith('text/html')) {
      c.res.headers.set('content-security-policy', CSP);
      c.res.headers.set('cache-control', 'no-store');
    }
  });
  app.use('*', session);
  app.use(
    '*',
    bodyLimit({
      maxSize: deps.maxBodyBytes ?? 1024 * 1024,
      onError: (c) => {
        throw new AppError('payload_too_large', viewCtx(c).t('err.tooLarge'), { status: 413 });
      },
    }),
  );
  app.use('*', csrf());
  app.use('*', csrfToken({ exempt: ['/login'] }));
  // PostgreSQL text cannot hold NUL: a signed-in person's form with one is a clear 400 here,
  // never a failed statement (500) deeper down. (csrfToken has already read the body.)
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && c.get('user') && /form/.test(c.req.header('content-type') ?? '')) {
      const body = await c.req.parseBody({ all: true });
      const nul = Object.entries(body).some(
        ([k, v]) =>
          k.includes('\u0000') || [v].flat().some((x) => typeof x === 'string' && x.includes('\u0000')),
      );
      if (nul) throw new ValidationError(viewCtx(c).t('err.nul'));
    }
    await next();
  });
  // A one-time or admin-set password is changed before anything else.
  app.use('*', async (c, next) => {
    const p = c.req.path;
    if (
      c.get('user')?.mustChangePassword &&
      p !== '/account/password' &&
      p !== '/logout' &&
      !p.startsWith('/assets/')
    )
      return c.redirect('/account/password', 303);
    await next();
  });
  const headerLinks = (deps.features ?? []).flatMap((f) => (f.headerLink ? [f.headerLink] : []));
  app.use('*', async (c, next) => {
    if (c.get('user') && c.req.method === 'GET' && headerLinks.length > 0)
      c.set(
        'headerLinks',
        (await Promise.all(headerLinks.map((h) => h(c)))).filter((l) => l !== null),
      );
    await next();
  });

  app.get('/', (c) => {
    const user = c.get('user');
    return c.redirect(user ? homeFor(user.role) : '/login', 302);
  });
  // Shared by every web process in service mode (Redis), so N failed logins mean N, not N × processes.
  const limiter = (deps.rateLimits ?? memoryRateLimits()).limiter('login', {
    max: deps.policy?.loginRateMax ?? 20,
    windowMs: 15 * 60_000,
  });
  app.route('/', createLoginRoutes({ users, sessions, audit, limiter, policy }));
  app.route('/', createShortcutRoutes({ users, audit }));
  for (const f of deps.features ?? []) if (f.ui) app.route('/', f.ui);
  // A page nobody serves, asked for by a browser: the 404 page in the person's language.
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || !(c.req.header('accept') ?? '').includes('text/html'))
      return next();
    return errorPage(new AppError('not_found', `no route for GET ${c.req.path}`, { status: 404 }), c);
  });

  return { routes: app, session: session as MiddlewareHandler };
}

/** Errors as an HTML page for browsers, JSON otherwise; 5xx details stay in the log. */
function errorPage(err: Error, c: Context) {
  const status = err instanceof AppError ? err.status : err instanceof HTTPException ? err.status : 500;
  const code = err instanceof AppError ? err.code : status === 403 ? 'forbidden' : 'internal_error';
  const message = status >= 500 ? 'internal server error' : err.message;
  if (status >= 500) console.error(err);
  if (!(c.req.header('accept') ?? '').includes('text/html'))
    return c.json(errorBody(code, message), status as 400);
  const v = viewCtx(c);
  const title =
    status === 404
      ? v.t('err.notFound')
      : status === 403
        ? v.t('err.forbidden')
        : status === 401
          ? v.t('err.login')
          : status === 409
            ? v.t('err.conflict')
            : status < 500
              ? v.t('err.invalid')
              : v.t('err.server');
  // 403 and 404 are explained in the page language with where to go; other messages are the
  // validation's own (they name the field and the problem).
  const open = v.user ? v.nav.filter((e) => can(v.user!.role, e.permission)) : [];
  const explain =
    status === 403 && v.user
      ? v.t('err.forbiddenRole', { role: v.t(`role.${v.user.role}` as MsgKey) })
      : status === 403
        ? v.t('err.forbiddenAnon')
        : status === 404
          ? v.t('err.notFoundText')
          : message;
  return c.html(
    <Layout v={v} title={title}>
      <p role="alert">{explain}</p>
      {(status === 403 || status === 404) && open.length ? (
        <>
          <p>{v.t('err.youCan')}</p>
          <ul>
            {open.map((e) => (
              <li>
                <a href={e.href}>{e.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href="/">{v.t('err.home')}</a>
      </p>
    </Layout>,
    status as 400,
  );
}
