import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUiFixture, ROLES, type UiFixture } from './fixture.js';

type Who = (typeof ROLES)[number] | 'anonymous';
const WHO: Who[] = ['anonymous', ...ROLES];

let f: UiFixture;
const clients = {} as Record<Who, ReturnType<typeof client>>;
let itemId = '';
let responseId = '';
let appId = '';

beforeAll(async () => {
  f = await createUiFixture();
  for (const w of WHO) {
    clients[w] = client(f);
    if (w !== 'anonymous') expect((await clients[w].login(w)).status).toBe(303);
  }
  const hits = await f.app.search.search<{ id: string }>('items', { limit: 1 });
  itemId = hits.hits[0]!.id;
  appId = (await f.app.search.search<{ id: string }>('items', { filter: ['kind = application'], limit: 1 }))
    .hits[0]!.id;
  const res = await clients.staff.post('/drafts', {
    itemId,
    kind: 'public',
    title: 'Baraj patlamadı',
    claimReviewed: 'Baraj patladı',
    verdict: 'false',
    summary: 'İddia yanlış.',
    body: 'Baraj sağlam.',
    sources: '',
  });
  responseId = res.headers.get('location')!.split('/').pop()!;
});
afterAll(() => f?.dispose());

// Who may GET each page; everyone else signed in gets 403, anonymous is sent to /login.
const pages: [string, Who[]][] = [
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
];

// Who may POST; others get 403 (signed in) or 401 (anonymous). Bodies are minimal: allowed
// callers may still get 400/404/409, but never 401/403.
const actions: [string, Who[]][] = [
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
];

const fill = (p: string) => p.replace(':item', itemId).replace(':resp', responseId).replace(':app', appId);

describe('authorization matrix', () => {
  for (const [path, allowed] of pages) {
    it(`GET ${path}`, async () => {
      for (const w of WHO) {
        const res = await clients[w].request(fill(path));
        const expected = w === 'anonymous' ? 302 : allowed.includes(w) ? 200 : 403;
        expect({ w, status: res.status }).toEqual({ w, status: expected });
        if (w === 'anonymous') expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
      }
    });
  }

  for (const [path, allowed] of actions) {
    it(`POST ${path}`, async () => {
      for (const w of WHO) {
        const res = await clients[w].post(fill(path), {});
        if (w === 'anonymous') expect({ w, status: res.status }).toEqual({ w, status: 401 });
        else if (!allowed.includes(w)) expect({ w, status: res.status }).toEqual({ w, status: 403 });
        else
          expect({ w, status: res.status }).not.toMatchObject({
            status: expect.toSatisfy((s: number) => s === 401 || s === 403),
          });
      }
    });
  }

  it('GET /api/v1/items: staff and supervisor sessions, nobody else without a token', async () => {
    for (const w of WHO) {
      const res = await clients[w].request('/api/v1/items?q=baraj', {
        headers: { accept: 'application/json' },
      });
      expect({ w, status: res.status }).toEqual({
        w,
        status: w === 'staff' || w === 'supervisor' ? 200 : 401,
      });
      if (res.status === 200) expect(((await res.json()) as { total: number }).total).toBeGreaterThan(0);
    }
  });

  for (const path of ['/api/v1/alerts', '/api/v1/exports/items.json?q=baraj', '/api/v1/exports/items.csv'])
    it(`GET ${path}: staff and supervisor sessions, nobody else without a token`, async () => {
      for (const w of WHO) {
        const res = await clients[w].request(path, { headers: { accept: 'application/json' } });
        expect({ w, status: res.status }).toEqual({
          w,
          status: w === 'staff' || w === 'supervisor' ? 200 : 401,
        });
        await res.body?.cancel();
      }
    });

  it('POST /logout needs the CSRF token and ends the session', async () => {
    const c = client(f);
    await c.login('journalist');
    expect((await c.request('/logout', { method: 'POST' })).status).toBe(403);
    expect((await c.post('/logout')).status).toBe(303);
    expect((await c.request('/published')).status).toBe(302);
  });
});
