import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, pages, WHO, type Who } from './authz-routes.js';
import { client, createUiFixture, type UiFixture } from './fixture.js';

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

const fill = (p: string) => p.replace(':item', itemId).replace(':resp', responseId).replace(':app', appId);

describe('authorization matrix', () => {
  for (const [path, allowed, ok = 200] of pages) {
    it(`GET ${path}`, async () => {
      for (const w of WHO) {
        const res = await clients[w].request(fill(path));
        const expected = w === 'anonymous' ? 302 : allowed.includes(w) ? ok : 403;
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
