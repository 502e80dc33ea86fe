import { readFileSync } from 'node:fs';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../domain/errors.js';
import { can, homeFor } from '../../domain/review/permissions.js';
import { createAdminRoutes } from '../../features/admin/routes.js';
import { createDashboardRoutes } from '../../features/dashboard/routes.js';
import { createDraftRoutes } from '../../features/responses/drafts-routes.js';
import { createPublishedRoutes } from '../../features/responses/published-routes.js';
import type { Feature } from '../../features/seam.js';
import { createItemRoutes } from '../../features/triage/item-routes.js';
import { createQueueRoutes } from '../../features/triage/queue-routes.js';
import { createItemActions } from '../../pipeline/bulk-item-actions.js';
import type { JobQueue } from '../../queue/types.js';
import type { SearchIndex } from '../../search/types.js';
import { createBulkJobStore } from '../../store/bulk-job-store.js';
import { createClusterStore } from '../../store/cluster-store.js';
import type {
  createAuditLog,
  createClaimStore,
  createItemStore,
  createUserStore,
} from '../../store/index.js';
import { createResponseStore } from '../../store/response-store.js';
import { createReviewStore } from '../../store/review-store.js';
import { createSavedSearchStore } from '../../store/saved-search-store.js';
import { createSessionStore } from '../../store/session-store.js';
import { createStatsStore } from '../../store/stats-store.js';
import type { Database } from '../../store/types.js';
import { csrfToken } from '../auth/csrf-token.js';
import { createLoginRoutes, type LoginPolicy } from '../auth/login-routes.js';
import { createRateLimiter } from '../auth/rate-limit.js';
import { sessionAuth } from '../auth/session-auth.js';
import { errorBody } from '../errors.js';
import { resolveLang } from './i18n.js';
import { Layout, type NavEntry, viewCtx } from './layout.js';

/** What the review UI needs from the composition root. */
export interface UiDeps {
  db: Database;
  items: ReturnType<typeof createItemStore>;
  users: ReturnType<typeof createUserStore>;
  claims: ReturnType<typeof createClaimStore>;
  audit: ReturnType<typeof createAuditLog>;
  search: Pick<SearchIndex, 'search' | 'upsert'>;
  queue: Pick<JobQueue, 'enqueue'>;
  policy?: Partial<LoginPolicy> & { loginRateMax?: number };
  /** Largest request body any page accepts (the intake form's attachments set it); checked before CSRF reads forms. */
  maxBodyBytes?: number;
  /** Feature modules' pages and navigation entries, mounted inside the shell. */
  features?: Pick<Feature, 'ui' | 'nav'>[];
}

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/**
 * The server-rendered review UI. Returns the routes plus the session middleware
 * and predicate that let a signed-in staff member use GET /api/v1/items.
 */
export function createUi(deps: UiDeps) {
  const policy: LoginPolicy = {
    maxAttempts: 5,
    lockMs: 15 * 60_000,
    sessionTtlMs: 8 * 3600_000,
    ...deps.policy,
  };
  const sessions = createSessionStore(deps.db);
  const review = createReviewStore(deps.db);
  const responses = createResponseStore(deps.db);
  const actions = createItemActions({ items: deps.items, review, audit: deps.audit, search: deps.search });
  const session = sessionAuth({ sessions, ttlMs: policy.sessionTtlMs });
  const files = { 'app.css': asset('app.css'), 'app.js': asset('app.js') };

  const app = new Hono();
  app.onError((err, c) => errorPage(err, c));
  app.notFound((c) =>
    errorPage(new AppError('not_found', `no route for ${c.req.method} ${c.req.path}`, { status: 404 }), c),
  );
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name') as keyof typeof files;
    if (!(name in files)) return c.notFound();
    c.header(
      'content-type',
      name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    );
    c.header('cache-control', 'public, max-age=3600');
    return c.body(files[name]);
  });
  const featureNav: NavEntry[] = (deps.features ?? []).flatMap((f) => f.nav ?? []);
  app.use('*', async (c, next) => {
    c.set('lang', resolveLang(c));
    c.set('featureNav', featureNav);
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

  app.get('/', (c) => {
    const user = c.get('user');
    return c.redirect(user ? homeFor(user.role) : '/login', 302);
  });
  const limiter = createRateLimiter({ max: deps.policy?.loginRateMax ?? 20, windowMs: 15 * 60_000 });
  app.route('/', createLoginRoutes({ users: deps.users, sessions, audit: deps.audit, limiter, policy }));
  app.route('/', createAdminRoutes({ users: deps.users, sessions, audit: deps.audit }));
  app.route(
    '/',
    createQueueRoutes({
      search: deps.search,
      users: deps.users,
      saved: createSavedSearchStore(deps.db),
      jobs: createBulkJobStore(deps.db),
      queue: deps.queue,
      audit: deps.audit,
    }),
  );
  app.route(
    '/',
    createItemRoutes({
      items: deps.items,
      claims: deps.claims,
      users: deps.users,
      audit: deps.audit,
      search: deps.search,
      review,
      responses,
      actions,
      clusters: createClusterStore(deps.db),
    }),
  );
  app.route(
    '/',
    createDraftRoutes({
      responses,
      items: deps.items,
      review,
      audit: deps.audit,
      search: deps.search,
      actions,
    }),
  );
  app.route(
    '/',
    createDashboardRoutes({
      search: deps.search,
      stats: createStatsStore(deps.db),
      responses,
      review,
      audit: deps.audit,
    }),
  );
  app.route('/', createPublishedRoutes({ search: deps.search }));
  for (const f of deps.features ?? []) if (f.ui) app.route('/', f.ui);

  return {
    routes: app,
    session: session as MiddlewareHandler,
    /** Lets GET /api/v1/items through for a session whose role may read the queue. */
    allowSession: (c: Context) => {
      const u = c.get('user');
      return !!u && can(u.role, 'queue.read');
    },
  };
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
  return c.html(
    <Layout v={v} title={title}>
      <p role="alert">{message}</p>
      <p>
        <a href="/">{v.t('err.home')}</a>
      </p>
    </Layout>,
    status as 400,
  );
}
