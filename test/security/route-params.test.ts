/**
 * Hostile path parameters on every registered route that takes one: NUL, encoded traversal,
 * quotes, invalid UTF-8, huge numbers, prototype keys and 3,000-character values, as every
 * role and anonymously. A route may refuse them (4xx) but never answer with a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUiFixture, ORIGIN, ROLES, type UiFixture } from '../web/fixture.js';

const VALUES = [
  '%00',
  'a%00b',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwin.ini',
  "'%20OR%20'1'%3D'1",
  '%22%3E%3Csvg%3E',
  '%ff%fe',
  '%C0%AE%C0%AE',
  '%F0%9F%92%A9',
  '-1',
  '1e999',
  '99999999999999999999999',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(3000),
];

let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture();
});
afterAll(() => f?.dispose());

/** Fills a Hono route pattern: constrained parameters get a value their pattern takes, the rest `v`. */
function fillRoute(route: string, v: string): string {
  return route.replace(/:(\w+)(\{[^}]+\})?/g, (_m, name: string, re?: string) => {
    if (re?.includes('items')) return 'items.csv';
    if (re?.includes('appearances')) return 'appearances.csv';
    if (re?.includes('confirm')) return 'confirm';
    if (name === 'file') return `${v}.atom`;
    return v;
  });
}

describe('hostile path parameters', () => {
  it('never make any route answer with a 500', async () => {
    const routes = new Set<string>();
    for (const r of (f.app.web as unknown as { routes: { method: string; path: string }[] }).routes)
      if (r.method !== 'ALL' && r.path.includes(':')) routes.add(`${r.method} ${r.path}`);
    expect(routes.size).toBeGreaterThan(40);
    const who = [null, ...ROLES] as const;
    const clients = new Map<string | null, ReturnType<typeof client>>();
    for (const w of who) {
      const c = client(f);
      if (w) expect((await c.login(w)).status).toBe(303);
      clients.set(w, c);
    }
    const failures: string[] = [];
    let tried = 0;
    for (const key of routes) {
      const [method, route] = key.split(' ') as [string, string];
      for (const v of VALUES) {
        const path = fillRoute(route, v);
        for (const w of who) {
          const c = clients.get(w)!;
          const accept = path.startsWith('/api/') ? 'application/json' : 'text/html';
          const res =
            method === 'GET'
              ? await c.request(path, { headers: { accept } })
              : method === 'POST'
                ? await c.request(path, {
                    method,
                    headers: { accept, 'content-type': 'application/x-www-form-urlencoded' },
                    body: new URLSearchParams({ _csrf: w ? await c.csrfOf() : '' }),
                  })
                : await f.app.web.request(`${ORIGIN}${path}`, {
                    method,
                    headers: { accept, cookie: c.cookie, 'content-type': 'application/json', origin: ORIGIN },
                    body: '{}',
                  });
          await res.arrayBuffer();
          tried++;
          if (res.status >= 500)
            failures.push(`${w ?? 'anonymous'} ${method} ${path.slice(0, 90)} -> ${res.status}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(3000);
    expect(failures).toEqual([]);
  });
});
