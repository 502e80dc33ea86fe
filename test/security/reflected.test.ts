/**
 * Reflected input: script payloads in query strings and paths are inert on the pages that
 * echo them (search boxes, filters, error pages), in Chromium with the CSP bypassed; and
 * the login page's `next` never sends anyone to another site (tabs, newlines, backslashes,
 * protocol-relative and scheme URLs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { createUiFixture, ORIGIN, PASSWORD, type UiFixture } from '../web/fixture.js';
import { CLEAN, inspect } from './inspect.js';

const P = '"><svg onload=window.__xss=1>XSSMARKER<img src=x onerror=window.__xss=1>';
const Q = encodeURIComponent(P);
const T = encodeURIComponent("';window.__xss=1;//</script><script>window.__xss=1</script>");

let f: UiFixture;
let h: BrowserHarness;
beforeAll(async () => {
  f = await createUiFixture();
  h = await startBrowser(f.app);
});
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

async function visit(role: string | null, paths: string[]) {
  const page = await h.session(role);
  for (const p of paths) {
    const res = await page.goto(`${h.base}${p}`);
    // Any answer but a server error; whatever it is, nothing in it runs.
    expect({ p, status: (res?.status() ?? 0) < 500 }).toEqual({ p, status: true });
    await page.waitForLoadState('load');
    await page.waitForTimeout(50);
    const { markerShown: _, ...rest } = await inspect(page);
    expect({ p, ...rest }).toEqual({ p, ...CLEAN });
  }
  await page.context().close();
}

describe('reflected payloads are inert', () => {
  it('staff pages: queue filters, claims, applications, drafts, items', async () => {
    await visit('staff', [
      `/queue?q=${Q}&tags=${Q}&province=${Q}&source=${T}`,
      `/queue/results?q=${Q}&assignee=${Q}`,
      `/queue?from=${Q}&sort=${Q}&page=${Q}`,
      `/claims?topic=${Q}&province=${Q}&sort=${Q}`,
      `/applications?province=${Q}`,
      `/applications?sort=${Q}`,
      `/drafts/new?item=${Q}`,
      `/items/${Q}`,
      `/claims/${Q}`,
      `/notifications?page=${Q}`,
      `/queue?lang=${Q}`,
    ]);
  });

  it('journalist, supervisor and admin pages', async () => {
    await visit('journalist', [`/published?q=${Q}`, `/account/follows?topic=${Q}`]);
    await visit('supervisor', [
      `/audit?action=${Q}&actor=${Q}`,
      `/sla?from=${Q}&to=${Q}`,
      `/dashboard?lang=${T}`,
    ]);
    await visit('admin', [`/admin/users?q=${Q}`, `/admin/sources?error=${Q}`]);
  });

  it('public pages: portal search and filters, login, forms, the 404 page', async () => {
    await visit(null, [
      `/responses?q=${Q}&province=${Q}&topic=${Q}`,
      `/responses?from=${Q}&sort=${Q}`,
      `/responses/${Q}`,
      `/login?next=${Q}`,
      `/login?next=${encodeURIComponent('javascript:window.__xss=1')}`,
      `/basvuru?type=${Q}`,
      `/basvuru/durum?code=${Q}`,
      `/no-such-page/${Q}`,
      `/${T}`,
    ]);
  });
});

describe('login next', () => {
  const login = (next: string) =>
    f.app.web.request(`${ORIGIN}/login`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'staff@test.local', password: PASSWORD, next }),
      redirect: 'manual',
    });

  it('never leads off the site, however the address is disguised', async () => {
    const hostile = [
      '//evil.example/',
      '/\\evil.example/',
      '\\\\evil.example/',
      '/\t/evil.example/',
      '/\n/evil.example/',
      '/\r/evil.example/',
      '/\t\\evil.example/',
      'https://evil.example/',
      'javascript:alert(1)',
      ' //evil.example/',
      '/%09/evil.example/',
      '/.//evil.example/',
    ];
    for (const next of hostile) {
      const res = await login(next);
      expect({ next, status: res.status }).toEqual({ next, status: 303 });
      const loc = res.headers.get('location')!;
      // Where a browser goes: the WHATWG parser drops tabs and newlines, as browsers do.
      expect({ next, origin: new URL(loc, ORIGIN).origin }).toEqual({ next, origin: ORIGIN });
    }
    // A path on the site is kept.
    expect((await login('/claims?sort=recent')).headers.get('location')).toBe('/claims?sort=recent');
  });
});
