/**
 * Access beyond the staff matrix: every route the app registers is listed in
 * test/web/authz-routes.ts (the matrix or `others`), and the `others` behave as listed
 * (public, token scope, URL token, operations token). CSRF on every state-changing session
 * route (no token, a wrong token, another Origin); session fixation (a planted or
 * pre-login cookie never becomes a signed-in session); API tokens scoped, revocable and
 * expiring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, others, pages, type Reach, type Who } from '../web/authz-routes.js';
import { client, createUiFixture, ORIGIN, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let itemId = '';
let responseId = '';
let appId = '';

beforeAll(async () => {
  f = await createUiFixture();
  const hits = await f.app.search.search<{ id: string }>('items', { filter: ['kind = post'], limit: 1 });
  itemId = hits.hits[0]!.id;
  appId = (await f.app.search.search<{ id: string }>('items', { filter: ['kind = application'], limit: 1 }))
    .hits[0]!.id;
  const staff = client(f);
  await staff.login('staff');
  const res = await staff.post('/drafts', {
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

/** A Hono route pattern as a regular expression over a path (`:name`, `:name{re}`, `*`). */
function patternOf(route: string): RegExp {
  const seg = (s: string) => {
    if (s === '*') return '.*';
    return s.replace(/:\w+(\{[^}]+\})?|[^:]+/g, (m) => {
      if (!m.startsWith(':')) return m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const re = /\{(.+)\}$/.exec(m)?.[1];
      return re ? `(?:${re})` : '[^/]+';
    });
  };
  return new RegExp(`^${route.split('/').map(seg).join('/')}$`);
}

describe('every registered route is in the matrix or the list of others', () => {
  it('no route is left out, and no listed route is stale', () => {
    const routes = new Map<string, { method: string; path: string }>();
    for (const r of (f.app.web as unknown as { routes: { method: string; path: string }[] }).routes) {
      // `ALL` entries are middleware (auth, limits), not endpoints.
      if (r.method === 'ALL') continue;
      routes.set(`${r.method} ${r.path}`, r);
    }
    expect(routes.size).toBeGreaterThan(100);
    const listed: [string, string][] = [
      ...pages.map(([p]) => ['GET', p] as [string, string]),
      ...actions.map(([p]) => ['POST', p] as [string, string]),
      ...others.map(([m, p]) => [m, p] as [string, string]),
    ].map(([m, p]) => [m, fill(p).split('?')[0]!]);
    const missing = [...routes.values()]
      .filter((r) => !listed.some(([m, p]) => m === r.method && patternOf(r.path).test(p)))
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    const stale = listed
      .filter(([m, p]) => ![...routes.values()].some((r) => r.method === m && patternOf(r.path).test(p)))
      .map(([m, p]) => `${m} ${p}`);
    expect(stale).toEqual([]);
    // The check can fail: leave one action out and its route is reported.
    const drop = actions.find(([p]) => p === '/queue/bulk')!;
    const without = listed.filter(([m, p]) => !(m === 'POST' && p === drop[0]));
    expect(without.some(([m, p]) => m === 'POST' && patternOf('/queue/bulk').test(p))).toBe(false);
    expect(
      patternOf('/items/:id/claims/:claimId/:decision{confirm|reject}').test('/items/a/claims/K1/confirm'),
    ).toBe(true);
    expect(
      patternOf('/items/:id/claims/:claimId/:decision{confirm|reject}').test('/items/a/claims/K1/x'),
    ).toBe(false);
  });
});

describe('the routes outside the matrix behave as listed', () => {
  const anon = (path: string, init: RequestInit = {}) =>
    f.app.web.request(`${ORIGIN}${path}`, { redirect: 'manual', ...init });
  const token = async (scopes: string[], expiresAt?: Date) =>
    (await f.app.stores.tokens.create({ name: `t-${scopes.join('-')}`, scopes, expiresAt })).token;
  const bodyFor = (path: string) =>
    path.startsWith('/api/v1/sources') ? '{}' : path.startsWith('/api/v1/') ? '[]' : undefined;

  const byKind = <K extends Reach['kind']>(kind: K) =>
    others.filter(([, , r]) => r.kind === kind) as [string, string, Extract<Reach, { kind: K }>][];

  it('public routes answer anyone, never with a login redirect, 401 or 403', async () => {
    for (const [method, path] of byKind('public')) {
      const res = await anon(fill(path), { method, headers: { accept: 'text/html' } });
      await res.arrayBuffer();
      const loc = res.headers.get('location') ?? '';
      if (path === '/') expect(loc).toBe('/login');
      else expect({ path, loc }).toEqual({ path, loc: expect.not.stringMatching(/^\/login/) });
      expect({ path, status: res.status }).toEqual({
        path,
        // A draft is not published: its public page and API entry are a 404.
        status: expect.toSatisfy((s: number) => s !== 401 && s !== 403 && s < 500),
      });
    }
  });

  it('token routes: 401 without a token or with only a session, 403 with another scope, then allowed', async () => {
    const staff = client(f);
    await staff.login('staff');
    const admin = client(f);
    await admin.login('admin');
    const all = {
      read: await token(['read']),
      ingest: await token(['ingest']),
      admin: await token(['admin']),
    };
    for (const [method, path, reach] of byKind('token')) {
      const req = (headers: Record<string, string>) =>
        anon(fill(path), {
          method,
          headers: { accept: 'application/json', 'content-type': 'application/json', ...headers },
          body: method === 'GET' ? undefined : bodyFor(path),
        });
      expect({ path, none: (await req({})).status }).toEqual({ path, none: 401 });
      // A signed-in person's cookie is no API token (and no way around CSRF).
      for (const c of [staff, admin])
        expect({ path, session: (await req({ cookie: c.cookie })).status }).toEqual({ path, session: 401 });
      for (const [scope, t] of Object.entries(all)) {
        const res = await req({ authorization: `Bearer ${t}` });
        await res.arrayBuffer();
        if (scope === reach.scope)
          expect({ path, scope, status: res.status }).toEqual({
            path,
            scope,
            status: expect.toSatisfy((s: number) => s !== 401 && s !== 403 && s < 500),
          });
        else expect({ path, scope, status: res.status }).toEqual({ path, scope, status: 403 });
      }
    }
  });

  it('session-API routes take a read token or a staff session, and nobody else', async () => {
    const t = await token(['read']);
    const who = {} as Record<'staff' | 'supervisor' | 'admin' | 'journalist', ReturnType<typeof client>>;
    for (const w of ['staff', 'supervisor', 'admin', 'journalist'] as const) {
      who[w] = client(f);
      await who[w].login(w);
    }
    for (const [, path] of byKind('session-api')) {
      expect((await anon(path, { headers: { accept: 'application/json' } })).status).toBe(401);
      for (const [w, c] of Object.entries(who)) {
        const res = await c.request(path, { headers: { accept: 'application/json' } });
        await res.arrayBuffer();
        expect({ path, w, status: res.status }).toEqual({
          path,
          w,
          status: w === 'staff' || w === 'supervisor' ? 200 : 401,
        });
      }
      const res = await anon(path, { headers: { authorization: `Bearer ${t}` } });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      await res.arrayBuffer();
    }
  });

  it('URL-token feeds are a 404 for an unknown token; /metrics needs the operations token', async () => {
    for (const [, path] of byKind('url-token')) {
      const res = await anon(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
    // From another machine (this process's own address would count as the operator's).
    const remote = (path: string, headers: Record<string, string> = {}) =>
      f.app.web.request(
        `${ORIGIN}${path}`,
        { headers },
        { incoming: { socket: { remoteAddress: '192.0.2.7' } } },
      );
    const sup = client(f);
    await sup.login('supervisor');
    for (const [, path] of byKind('ops')) {
      expect((await remote(path)).status).toBe(403);
      expect((await remote(path, { cookie: sup.cookie })).status).toBe(403);
      expect((await remote(path, { authorization: `Bearer ${await token(['admin'])}` })).status).toBe(403);
    }
  });

  it('public forms refuse a post without their form token or from another Origin', async () => {
    for (const [, path] of byKind('public-form')) {
      const none = await anon(path, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'type=sikayet&subject=x&text=y',
      });
      expect({ path, status: none.status }).toEqual({
        path,
        status: expect.toSatisfy((s: number) => s >= 400 && s < 500),
      });
      const cross = await anon(path, {
        method: 'POST',
        headers: { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'type=sikayet&subject=x&text=y',
      });
      expect({ path, status: cross.status }).toEqual({ path, status: 403 });
    }
    const { rows } = await f.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM intake_submissions');
    expect(rows[0]!.n).toBe(0);
  });

  it('own-account routes: anonymous is sent to the login page and nothing changes', async () => {
    const get = await anon('/account/password', { headers: { accept: 'text/html' } });
    expect([get.status, get.headers.get('location')]).toEqual([302, '/login']);
    const post = await anon('/account/password', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'current=x&password=yyyyyyyyyyyyyy&repeat=yyyyyyyyyyyyyy',
    });
    expect([post.status, post.headers.get('location')]).toEqual([303, '/login']);
  });
});

describe('CSRF on every state-changing session route', () => {
  it('no token, a wrong token, or another Origin is a 403 for every action in the matrix', async () => {
    const sessions = new Map<Who, ReturnType<typeof client>>();
    const sessionOf = async (w: Who) => {
      if (!sessions.has(w)) {
        const c = client(f);
        expect((await c.login(w)).status).toBe(303);
        sessions.set(w, c);
      }
      return sessions.get(w)!;
    };
    const extra: [string, Who[]][] = [
      ['/logout', ['staff']],
      ['/account/password', ['staff']],
    ];
    let tried = 0;
    for (const [path, allowed] of [...actions, ...extra]) {
      const c = await sessionOf(allowed[0]!);
      const good = await c.csrfOf();
      const send = (body: string, origin: string | null, extraHeaders: Record<string, string> = {}) => {
        const headers: Record<string, string> = {
          cookie: c.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          ...extraHeaders,
        };
        if (origin) headers.origin = origin;
        return f.app.web.request(`${ORIGIN}${fill(path)}`, {
          method: 'POST',
          headers,
          body,
          redirect: 'manual',
        });
      };
      const variants: [string, Response | Promise<Response>][] = [
        ['no token', send('x=1', ORIGIN)],
        ['wrong token', send('_csrf=forged-token-123&x=1', ORIGIN)],
        ['token of another session', send(`_csrf=${await (await sessionOf('admin')).csrfOf()}`, ORIGIN)],
        ['other Origin', send(`_csrf=${good}&x=1`, 'http://evil.example')],
        ['null Origin', send(`_csrf=${good}&x=1`, 'null')],
        ['JSON without header token', send('{"x":1}', ORIGIN, { 'content-type': 'application/json' })],
      ];
      for (const [what, p] of variants) {
        const res = await p;
        await res.arrayBuffer();
        tried++;
        // The admin's own token is right for the admin: skip that one case.
        if (what === 'token of another session' && allowed[0] === 'admin') continue;
        expect({ path, what, status: res.status }).toEqual({ path, what, status: 403 });
      }
      // The session is still signed in (a refused post changes nothing, logout included).
      expect((await c.request('/account/shortcuts')).status).toBe(200);
    }
    expect(tried).toBeGreaterThan(250);
  });
});

describe('session fixation', () => {
  const cookieOf = (res: Response) => /kopru_sid=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const login = (cookie?: string) =>
    f.app.web.request(`${ORIGIN}/login`, {
      method: 'POST',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie: `kopru_sid=${cookie}` } : {}),
      },
      body: new URLSearchParams({ email: 'staff@test.local', password: 'correct-horse-battery-1' }),
      redirect: 'manual',
    });
  const asCookie = (sid: string) =>
    f.app.web.request(`${ORIGIN}/queue`, { headers: { cookie: `kopru_sid=${sid}` }, redirect: 'manual' });

  it('a planted cookie is replaced at login and never signs anyone in', async () => {
    const planted = 'attacker-chosen-session-id-0123456789';
    const res = await login(planted);
    expect(res.status).toBe(303);
    const sid = cookieOf(res)!;
    expect(sid).toBeTruthy();
    expect(sid).not.toBe(planted);
    expect((await asCookie(planted)).status).toBe(302);
    expect((await asCookie(sid)).status).toBe(200);
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=(Lax|Strict)/i);
  });

  it('a session from before login (the login page) is not the one after it, and logout ends it', async () => {
    const page = await f.app.web.request(`${ORIGIN}/login`);
    const before = cookieOf(page);
    const res = await login(before);
    const after = cookieOf(res)!;
    expect(after).not.toBe(before);
    // Signing in again from a signed-in session rotates the id, and the old one stops working.
    const again = await login(after);
    const third = cookieOf(again)!;
    expect(third).not.toBe(after);
    expect((await asCookie(after)).status).toBe(302);
    const c = client(f);
    await c.login('staff');
    const sid = c.cookie;
    expect((await c.post('/logout')).status).toBe(303);
    const replay = await f.app.web.request(`${ORIGIN}/queue`, {
      headers: { cookie: sid },
      redirect: 'manual',
    });
    expect(replay.status).toBe(302);
  });
});

describe('API tokens', () => {
  const api = (t: string) =>
    f.app.web.request(`${ORIGIN}/api/v1/items?limit=0`, { headers: { authorization: `Bearer ${t}` } });

  it('an expired token is refused like a revoked one; one that has not expired works', async () => {
    const live = await f.app.stores.tokens.create({
      name: 'live',
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const dead = await f.app.stores.tokens.create({
      name: 'dead',
      scopes: ['read'],
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await api(live.token)).status).toBe(200);
    const res = await api(dead.token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('token_invalid');
    // Revocation is immediate.
    await f.app.stores.tokens.revoke(live.id);
    expect((await api(live.token)).status).toBe(401);
  });

  it('a cached token is not trusted past its expiry', async () => {
    let clock = Date.now();
    const { createTokenStore } = await import('../../src/store/token-store.js');
    const store = createTokenStore(f.app.db, { cacheMs: 3600_000, now: () => clock });
    const t = await store.create({ name: 'soon', scopes: ['read'], expiresAt: new Date(Date.now() + 1500) });
    expect(await store.verify(t.token)).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1600));
    clock += 1600;
    expect(await store.verify(t.token)).toBeNull();
  });

  it('an admin gives a token a validity in days; the list shows it; a bad number is refused', async () => {
    const admin = client(f);
    await admin.login('admin');
    const bad = await admin.post('/admin/tokens?lang=en', { name: 'kısa', scopes: 'read', expiresDays: '0' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('validity may be 1–3650 days');
    const res = await admin.post('/admin/tokens?lang=en', {
      name: 'Geçici',
      scopes: 'read',
      expiresDays: '30',
    });
    expect(res.status).toBe(201);
    const html = await res.text();
    const tok = /<code class="secret">([^<]+)<\/code>/.exec(html)![1]!;
    expect((await api(tok)).status).toBe(200);
    expect(html).toMatch(/Valid until/);
    const info = (await f.app.stores.tokens.list()).find((t) => t.name === 'Geçici')!;
    const days = (new Date(info.expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
  });
});
