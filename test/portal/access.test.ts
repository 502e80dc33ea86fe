import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitPerMinute } from '../../src/web/middleware/rate-limit.js';
import { client } from '../web/fixture.js';
import { approvedResponse, createPortalFixture, type PortalFixture } from './helpers.js';

describe('rate limit of the API and feeds', () => {
  it('answers 429 with Retry-After over the limit per client and per minute', async () => {
    let now = 0;
    const app = new Hono();
    app.use(rateLimitPerMinute({ perMinute: 3, now: () => now }));
    app.get('/x', (c) => c.text('ok'));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await app.request('/x')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await app.request('/x');
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    now = 60_001;
    expect((await app.request('/x')).status).toBe(200);
  });
});

describe('PORTAL_ACCESS=login', () => {
  let f: PortalFixture;
  let id = '';
  let readToken = '';
  let ingestToken = '';
  beforeAll(async () => {
    f = await createPortalFixture({ PORTAL_ACCESS: 'login', PORTAL_API_RATE_PER_MIN: '30' });
    id = await approvedResponse(f, { title: 'Girişli portal yanıtı' });
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
    readToken = (await f.app.stores.tokens.create({ name: 'journalist-api', scopes: ['read'] })).token;
    ingestToken = (await f.app.stores.tokens.create({ name: 'ingest-only', scopes: ['ingest'] })).token;
  });
  afterAll(() => f?.dispose());

  it('sends anonymous readers of pages to the login page and back', async () => {
    const anon = client(f);
    for (const path of ['/responses', `/responses/${id}`, '/responses?q=baraj']) {
      const res = await anon.request(path);
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
    const journalist = client(f);
    await journalist.login('journalist');
    expect((await journalist.request(`/responses/${id}`)).status).toBe(200);
    expect(await (await journalist.request('/responses')).text()).toContain('Girişli portal yanıtı');
    expect((await journalist.request('/responses.rss')).status).toBe(200);
  });

  it('answers 401 on the API and feeds without a read token, 403 with a token lacking the scope', async () => {
    const anon = client(f);
    const json = { accept: 'application/json' };
    for (const path of ['/api/v1/responses', `/api/v1/responses/${id}`, '/responses.rss', '/responses.atom'])
      expect({ path, status: (await anon.request(path, { headers: json })).status }).toEqual({
        path,
        status: 401,
      });
    const bearer = (t: string) => ({ ...json, authorization: `Bearer ${t}` });
    const ok = await anon.request('/api/v1/responses', { headers: bearer(readToken) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { total: number }).total).toBe(1);
    expect((await anon.request(`/api/v1/responses/${id}`, { headers: bearer(readToken) })).status).toBe(200);
    expect((await anon.request('/responses.atom', { headers: bearer(readToken) })).status).toBe(200);
    expect((await anon.request('/api/v1/responses', { headers: bearer(ingestToken) })).status).toBe(403);
    expect((await anon.request('/api/v1/responses', { headers: bearer('kopru_nope') })).status).toBe(401);
  });

  it('limits API and feed requests per client address (429 + Retry-After)', async () => {
    const anon = client(f);
    const headers = { accept: 'application/json', authorization: `Bearer ${readToken}` };
    let limited: Response | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await anon.request(i % 2 ? '/api/v1/responses' : '/responses.rss', { headers });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited!.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });
});
