import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedResponse, createPortalFixture, type PortalFixture } from '../portal/helpers.js';
import { client } from '../web/fixture.js';

/**
 * Meilisearch filter injection through every query parameter of the staff queue, the
 * staff search API and exports, and the public portal (page, feeds, JSON API). Each
 * answer is either a 4xx with a message or the value taken literally: never a 500 and
 * never more documents than the honest filter gives.
 */

// Values that would widen a filter if concatenated into it unquoted or badly escaped.
const PAYLOADS = [
  'X" OR risk > 0 OR province = "X',
  'X" OR status EXISTS OR "',
  'a) OR (1=1',
  'a"] OR status IN ["new',
  '"',
  '\\',
  'a\\',
  'a\\" OR risk > 0 OR x = \\"',
  '\\" OR risk >= 0 OR "',
  "x' OR '1'='1",
  '0 TO 100',
  'risk 0 TO 100',
  'status EXISTS',
  'NOT status IS NULL',
  'status IS NOT EMPTY',
  'İzmir" OR province != "İzmir',
  '_geoRadius(0, 0, 100000000)',
  'x\u0000 OR risk > 0',
  'x\n OR risk > 0',
  '\ud800" OR risk > 0 OR "',
  'a'.repeat(5000),
  `${'"'.repeat(150)} OR risk > 0`,
];

let f: PortalFixture;
let staff: ReturnType<typeof client>;
let journalist: ReturnType<typeof client>;
let itemTotal = 0;
let newTotal = 0;

beforeAll(async () => {
  f = await createPortalFixture();
  const id = await approvedResponse(f, { title: 'Yayımlanan yanıt' });
  expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
  // A second response, approved but never published: the public side must never see it.
  await approvedResponse(f, { title: 'YAYIMLANMAMISGIZLI yanıt' }, { noVerdict: true });
  staff = client(f);
  expect((await staff.login('staff')).status).toBe(303);
  journalist = client(f);
  expect((await journalist.login('journalist')).status).toBe(303);
  itemTotal = (await f.app.search.search('items', { limit: 0 })).total;
  newTotal = (await f.app.search.search('items', { limit: 0, filter: 'status = "new"' })).total;
  // Make one item a different status, so "only new" is narrower than "all".
  const other = (await f.app.search.search<{ id: string }>('items', { limit: 1 })).hits[0]!.id;
  expect((await staff.post(`/items/${other}/status`, { status: 'in_review' })).status).toBe(303);
  await eventualStatus(other);
  newTotal = (await f.app.search.search('items', { limit: 0, filter: 'status = "new"' })).total;
  expect(newTotal).toBeLessThan(itemTotal);
}, 180_000);
afterAll(() => f?.dispose());

async function eventualStatus(id: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const r = await f.app.search.search('items', {
      limit: 0,
      filter: `id = "${id}" AND status = "in_review"`,
    });
    if (r.total === 1) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('status change not indexed');
}

const totalOf = (html: string) => Number(/data-total="(\d+)"/.exec(html)?.[1] ?? Number.NaN);

describe('staff queue', () => {
  for (const param of ['status', 'tags', 'source', 'kind', 'itemLang', 'province', 'assignee', 'flagged'])
    it(`?${param}= never widens the list and never fails with a 500`, async () => {
      for (const p of PAYLOADS) {
        // Alongside status=new: whatever the payload does, the list must stay within "new".
        for (const path of ['/queue/results', '/queue']) {
          const qs = new URLSearchParams({ status: 'new' });
          qs.append(param, p);
          const res = await staff.request(`${path}?${qs}`);
          const body = await res.text();
          expect({ p: p.slice(0, 60), status: res.status }).toEqual({
            p: p.slice(0, 60),
            status: expect.toSatisfy((s: number) => s === 200 || (s >= 400 && s < 500)),
          });
          if (res.status === 200) {
            const total = totalOf(body);
            expect({ p: p.slice(0, 60), total }).toEqual({
              p: p.slice(0, 60),
              total: expect.toSatisfy(
                (n: number) => n <= (param === 'flagged' || param === 'status' ? newTotal : 0),
              ),
            });
          } else expect(body).toMatch(/geçersiz|invalid|hatalı/i);
        }
      }
    });

  it('q, from, to, sort and page never widen the status filter', async () => {
    const cases: Record<string, string>[] = [];
    for (const p of PAYLOADS) {
      cases.push({ q: p }, { from: p }, { to: p }, { sort: p }, { page: p });
    }
    cases.push({ from: '2020-01-01" OR risk > 0' }, { page: '1e9' }, { page: '-1' });
    for (const c of cases) {
      const res = await staff.request(`/queue/results?${new URLSearchParams({ status: 'new', ...c })}`);
      const body = await res.text();
      expect({ c, status: res.status }).toEqual({
        c,
        status: expect.toSatisfy((s: number) => s === 200 || (s >= 400 && s < 500)),
      });
      if (res.status === 200) expect({ c, total: totalOf(body) <= newTotal }).toEqual({ c, total: true });
    }
  });

  it('a value the queue cannot take is a clear 400, not a silently dropped filter', async () => {
    // Too long for a facet value: before the fix the whole query fell back to "no filter".
    const res = await staff.request(`/queue/results?status=new&status=${'x'.repeat(300)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('data-total');
    const page = await staff.request(`/queue?status=new&tags=${'y'.repeat(300)}`);
    expect(page.status).toBe(400);
    // Page and sort garbage still fall back to their defaults.
    const ok = await staff.request('/queue/results?status=new&page=-3&sort=evil');
    expect(ok.status).toBe(200);
    expect(totalOf(await ok.text())).toBe(newTotal);
  });
});

describe('staff search API and exports', () => {
  it('a malformed filter is a 400 with a message; arrays and long values are 400 too', async () => {
    const bad = [
      'status = "new" OR',
      'status = "new',
      '(status = "new"',
      'risk > "a',
      'nosuchfield = 1',
      '\\',
      '"'.repeat(1999),
      'x'.repeat(2001),
      'status = "new" OR risk 0 TO',
      '_geoRadius(0,0',
    ];
    for (const filter of bad) {
      for (const path of ['/api/v1/items', '/api/v1/exports/items.json', '/api/v1/exports/items.csv']) {
        const res = await staff.request(`${path}?${new URLSearchParams({ filter })}`, {
          headers: { accept: 'application/json' },
        });
        expect({ filter: filter.slice(0, 40), path, status: res.status }).toEqual({
          filter: filter.slice(0, 40),
          path,
          status: 400,
        });
        const body = (await res.json()) as { error?: { message?: string } };
        expect(body.error?.message ?? JSON.stringify(body)).toBeTruthy();
      }
    }
    // Repeated parameters do not turn into an unexpected array reaching the engine.
    const res = await staff.request('/api/v1/items?filter=status%20%3D%20%22new%22&filter=risk%20%3E%200', {
      headers: { accept: 'application/json' },
    });
    expect([200, 400]).toContain(res.status);
    if (res.status === 200)
      expect(((await res.json()) as { total: number }).total).toBeLessThanOrEqual(newTotal);
  });

  it('sort and limit parameters are validated, not passed through', async () => {
    for (const q of [
      'sort=risk:desc%2C_geoPoint(0,0):asc',
      'sort=risk',
      'sort=risk:desc)%20OR%20(1',
      'limit=-1',
      'limit=1e9',
      'offset=abc',
      `q=${'a'.repeat(600)}`,
    ]) {
      const res = await staff.request(`/api/v1/items?${q}`, { headers: { accept: 'application/json' } });
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
    }
  });
});

describe('public portal', () => {
  const routes = ['/responses', '/responses.rss', '/responses.atom', '/api/v1/responses'];
  const accept: Record<string, string> = {
    '/responses': 'text/html',
    '/responses.rss': 'application/rss+xml',
    '/responses.atom': 'application/atom+xml',
    '/api/v1/responses': 'application/json',
  };
  const anon = () => ({
    request: (path: string) =>
      f.app.web.request(`http://127.0.0.1${path}`, { headers: { accept: accept[path.split('?')[0]!]! } }),
  });

  it('province, topic, verdict, q, dates, sort and paging: 200 with at most the honest hits, or a 4xx', async () => {
    const params = ['province', 'topic', 'verdict', 'q', 'from', 'to', 'sort', 'page', 'perPage'];
    for (const route of routes) {
      for (const param of params) {
        for (const p of PAYLOADS) {
          const res = await anon().request(`${route}?${new URLSearchParams({ [param]: p })}`);
          const body = await res.text();
          expect({ route, param, p, status: res.status }).toEqual({
            route,
            param,
            p,
            status: expect.toSatisfy((s: number) => s === 200 || (s >= 400 && s < 500)),
          });
          // The approved but unpublished response never shows, whatever the filter.
          expect(body).not.toContain('YAYIMLANMAMISGIZLI');
          if (route === '/api/v1/responses' && res.status === 200) {
            const total = (JSON.parse(body) as { total: number }).total;
            // Only q may match the published response; every filter payload is a literal that matches nothing.
            expect({ param, p, total }).toEqual({
              param,
              p,
              total: expect.toSatisfy((n: number) => n === 0 || (param === 'q' && n <= 1)),
            });
          }
          if (route === '/api/v1/responses' && res.status >= 400) {
            expect((JSON.parse(body) as { error: { message: string } }).error.message).toBeTruthy();
          }
        }
      }
    }
  });

  it('repeated and bracketed parameters never widen a filter or fail', async () => {
    for (const qs of [
      'province=X&province=İzmir',
      'province[]=İzmir',
      'province[0]=X',
      'verdict=true&verdict=false',
      'topic=a&topic=b&topic=c',
      'q=a&q=b',
      'page=1&page=2',
      '__proto__[province]=X',
      'constructor[prototype][x]=1',
    ]) {
      for (const route of routes) {
        const res = await anon().request(`${route}?${qs}`);
        const body = await res.text();
        expect({ qs, route, status: res.status < 500 }).toEqual({ qs, route, status: true });
        expect(body).not.toContain('YAYIMLANMAMISGIZLI');
        if (route === '/api/v1/responses' && res.status === 200)
          expect((JSON.parse(body) as { total: number }).total).toBeLessThanOrEqual(1);
      }
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('a province with quotes and backslashes is a literal value', async () => {
    const res = await anon().request(`/api/v1/responses?${new URLSearchParams({ province: 'İzmir' })}`);
    expect(((await res.json()) as { total: number }).total).toBe(1);
    for (const p of ['İzmir"', '"İzmir"', 'İzmir\\', 'İzmir" OR province = "Ankara']) {
      const r = await anon().request(`/api/v1/responses?${new URLSearchParams({ province: p })}`);
      expect(r.status).toBe(200);
      expect({ p, total: ((await r.json()) as { total: number }).total }).toEqual({ p, total: 0 });
    }
  });

  it('the journalist list of published responses takes q literally', async () => {
    for (const p of PAYLOADS) {
      const res = await journalist.request(`/published?${new URLSearchParams({ q: p })}`);
      expect({ p, status: res.status }).toEqual({ p, status: 200 });
      expect(await res.text()).not.toContain('YAYIMLANMAMISGIZLI');
    }
  });
});
