import { ROLES } from './fixture.js';

/**
 * The authorization matrix of the staff UI (test/web/authz-matrix.test.ts checks it), and
 * every other route with how it is reached (test/security/route-coverage.test.ts checks
 * that every registered route is listed here, and checks the others).
 */
export type Who = (typeof ROLES)[number] | 'anonymous';
export const WHO: Who[] = ['anonymous', ...ROLES];

// Who may GET each page; everyone else signed in gets 403, anonymous is sent to /login.
export const pages: [path: string, allowed: Who[], okStatus?: number][] = [
  ['/queue', ['supervisor', 'staff']],
  ['/queue/results', ['supervisor', 'staff']],
  ['/items/:item', ['supervisor', 'staff']],
  ['/drafts', ['supervisor', 'staff']],
  ['/drafts/new?item=:item', ['supervisor', 'staff']],
  ['/drafts/:resp', ['supervisor', 'staff']],
  ['/dashboard', ['supervisor', 'admin']],
  ['/audit', ['supervisor', 'admin']],
  ['/published', ['admin', 'supervisor', 'staff', 'journalist']],
  ['/admin/users', ['admin']],
  ['/admin/tokens', ['admin']],
  ['/admin/sources', ['admin']],
  ['/applications', ['supervisor', 'staff']],
  ['/applications/:app', ['supervisor', 'staff']],
  ['/sla', ['supervisor']],
  ['/sla.csv', ['supervisor']],
  ['/intake/items/:app/attachments', ['supervisor']],
  ['/account/follows', ['journalist']],
  ['/alerts', ['supervisor', 'staff']],
  ['/digest', ['supervisor', 'staff']],
  ['/claims', ['supervisor', 'staff']],
  ['/claims/new', ['supervisor', 'staff']],
  ['/claims/K1', ['supervisor', 'staff']],
  ['/notifications', ['supervisor', 'staff']],
  ['/notifications/count', ['supervisor', 'staff']],
  ['/account/shortcuts', ['admin', 'supervisor', 'staff', 'journalist']],
  // No such attachment, job or notification: an allowed caller gets 404, others 403.
  ['/intake/attachments/00000000-0000-0000-0000-000000000000', ['supervisor'], 404],
  ['/jobs/00000000-0000-0000-0000-000000000000', ['supervisor', 'staff'], 404],
  ['/notifications/1/open', ['supervisor', 'staff'], 404],
];

// Who may POST; others get 403 (signed in) or 401 (anonymous). Bodies are minimal: allowed
// callers may still get 400/404/409, but never 401/403.
export const actions: [path: string, allowed: Who[]][] = [
  ['/items/:item/assign', ['supervisor', 'staff']],
  ['/items/:item/status', ['supervisor', 'staff']],
  ['/items/:item/verdict', ['supervisor', 'staff']],
  ['/items/:item/unmask', ['supervisor']],
  ['/items/:item/verdicts/00000000-0000-0000-0000-000000000000/confirm', ['supervisor']],
  ['/drafts', ['supervisor', 'staff']],
  ['/drafts/:resp/approve', ['supervisor']],
  ['/drafts/:resp/request-changes', ['supervisor']],
  ['/drafts/:resp/publish', ['supervisor']],
  ['/queue/bulk', ['supervisor', 'staff']],
  ['/queue/saved', ['supervisor', 'staff']],
  ['/admin/users', ['admin']],
  ['/admin/users/00000000-0000-0000-0000-000000000000', ['admin']],
  ['/admin/sources', ['admin']],
  ['/admin/sources/00000000-0000-0000-0000-000000000000/disable', ['admin']],
  ['/applications/:app/sent', ['supervisor', 'staff']],
  ['/applications/:app/forward', ['supervisor', 'staff']],
  ['/applications/:app/close', ['supervisor', 'staff']],
  ['/account/follows', ['journalist']],
  ['/account/follows/webhook', ['journalist']],
  ['/account/follows/feed', ['journalist']],
  ['/alerts/00000000-0000-0000-0000-000000000000/acknowledge', ['supervisor', 'staff']],
  ['/digest/token', ['supervisor', 'staff']],
  ['/claims', ['supervisor', 'staff']],
  ['/claims/K1', ['supervisor', 'staff']],
  ['/claims/K1/merge', ['supervisor', 'staff']],
  ['/items/:item/claims/K1/confirm', ['supervisor', 'staff']],
  ['/items/:item/claims/K1/reject', ['supervisor', 'staff']],
  ['/items/:item/answered', ['supervisor', 'staff']],
  ['/notifications/1/read', ['supervisor', 'staff']],
  ['/notifications/read-all', ['supervisor', 'staff']],
  ['/account/shortcuts', ['admin', 'supervisor', 'staff', 'journalist']],
  ['/account/follows/feed/delete', ['journalist']],
  ['/account/follows/webhook/delete', ['journalist']],
  ['/account/follows/webhook/secret', ['journalist']],
  ['/admin/sources/00000000-0000-0000-0000-000000000000/enable', ['admin']],
  ['/admin/sources/00000000-0000-0000-0000-000000000000/interval', ['admin']],
  ['/admin/sources/00000000-0000-0000-0000-000000000000/poll', ['admin']],
  ['/admin/tokens', ['admin']],
  ['/admin/tokens/00000000-0000-0000-0000-000000000000/revoke', ['admin']],
  ['/drafts/:resp', ['supervisor', 'staff']],
  ['/drafts/:resp/submit', ['supervisor', 'staff']],
  ['/queue/saved/00000000-0000-0000-0000-000000000000/delete', ['supervisor', 'staff']],
];

/** How a route outside the staff matrix is reached. */
export type Reach =
  /** Anyone, no login: never sent to /login, never 401/403. */
  | { kind: 'public' }
  /** A public form (citizen intake) protected by its own form token and the Origin check. */
  | { kind: 'public-form' }
  /** Bearer API token with this scope; a session cookie alone is not enough. */
  | { kind: 'token'; scope: 'read' | 'ingest' | 'admin' }
  /** A staff or supervisor session, or a `read` token. */
  | { kind: 'session-api' }
  /** A secret token in the URL (personal and digest feeds): a wrong one is a 404. */
  | { kind: 'url-token' }
  /** The operations token (OPS_TOKEN) or nothing. */
  | { kind: 'ops' }
  /** Any signed-in person, about themselves (login, logout, own password). */
  | { kind: 'self' }
  /** Not a route of its own: the 404 page for any unknown GET. */
  | { kind: 'fallback' };

/** Every registered route the matrix above does not list, with how it is reached. */
export const others: [method: 'GET' | 'POST' | 'PATCH', path: string, reach: Reach][] = [
  ['GET', '/', { kind: 'public' }],
  ['GET', '/login', { kind: 'public' }],
  ['POST', '/login', { kind: 'self' }],
  ['POST', '/logout', { kind: 'self' }],
  ['GET', '/account/password', { kind: 'self' }],
  ['POST', '/account/password', { kind: 'self' }],
  ['GET', '/healthz', { kind: 'public' }],
  ['GET', '/readyz', { kind: 'public' }],
  ['GET', '/metrics', { kind: 'ops' }],
  ['GET', '/assets/app.css', { kind: 'public' }],
  ['GET', '/assets/og-default.png', { kind: 'public' }],
  ['GET', '/robots.txt', { kind: 'public' }],
  ['GET', '/sitemap.xml', { kind: 'public' }],
  ['GET', '/responses', { kind: 'public' }],
  ['GET', '/responses.rss', { kind: 'public' }],
  ['GET', '/responses.atom', { kind: 'public' }],
  ['GET', '/responses/:resp', { kind: 'public' }],
  ['GET', '/api/v1/responses', { kind: 'public' }],
  ['GET', '/api/v1/responses/:resp', { kind: 'public' }],
  ['GET', '/api/v1/openapi.json', { kind: 'public' }],
  ['GET', '/basvuru', { kind: 'public' }],
  ['GET', '/apply', { kind: 'public' }],
  ['GET', '/basvuru/durum', { kind: 'public' }],
  ['GET', '/apply/status', { kind: 'public' }],
  ['POST', '/basvuru', { kind: 'public-form' }],
  ['POST', '/apply', { kind: 'public-form' }],
  ['POST', '/basvuru/durum', { kind: 'public-form' }],
  ['POST', '/apply/status', { kind: 'public-form' }],
  ['GET', '/feeds/personal/kpr-unknown.atom', { kind: 'url-token' }],
  ['GET', '/feeds/digest/kpr-unknown.atom', { kind: 'url-token' }],
  ['GET', '/api/v1/items', { kind: 'session-api' }],
  ['GET', '/api/v1/alerts', { kind: 'session-api' }],
  ['GET', '/api/v1/exports/items.csv', { kind: 'session-api' }],
  ['GET', '/api/v1/exports/claims/K1/appearances.csv', { kind: 'session-api' }],
  ['GET', '/api/v1/claims', { kind: 'token', scope: 'read' }],
  ['GET', '/api/v1/claims/K1', { kind: 'token', scope: 'read' }],
  ['POST', '/api/v1/posts', { kind: 'token', scope: 'ingest' }],
  ['POST', '/api/v1/applications', { kind: 'token', scope: 'ingest' }],
  ['GET', '/api/v1/sources', { kind: 'token', scope: 'admin' }],
  ['POST', '/api/v1/sources', { kind: 'token', scope: 'admin' }],
  ['GET', '/api/v1/sources/00000000-0000-0000-0000-000000000000', { kind: 'token', scope: 'admin' }],
  ['PATCH', '/api/v1/sources/00000000-0000-0000-0000-000000000000', { kind: 'token', scope: 'admin' }],
  ['GET', '/no-such-page-anywhere', { kind: 'fallback' }],
];
