import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from '../web/fixture.js';

/** Options for {@link BrowserHarness.session}. */
export interface SessionOptions {
  /** The login page to sign in on, relative to the base URL (default `/login`), e.g. `/login?lang=tr`. */
  loginPath?: string;
}

/** A running app server and a headless Chromium pointed at it. */
export interface BrowserHarness {
  /** The server's origin, `http://127.0.0.1:<port>`, without a trailing slash. */
  base: string;
  /** The Chromium instance, for anything the helpers below do not cover. */
  browser: Browser;
  /**
   * Opens a page in a fresh browser context (so no cookies are shared) with
   * `bypassCSP`, so that {@link BrowserHarness.axe} can inject its script past
   * the page's CSP. With a role, it first logs in as `<role>@test.local`
   * through the login form and waits until it has left the login page; with
   * `null` the page stays blank and anonymous.
   */
  session(role: string | null, opts?: SessionOptions): Promise<Page>;
  /**
   * Runs axe-core on the current page (WCAG 2.0/2.1 A and AA rules plus best
   * practices), asserts that some rules passed (so an empty result means
   * something) and returns the violations as `"<rule id>: <target>, <target>"`
   * strings.
   */
  axe(page: Page): Promise<string[]>;
  /** Closes the browser, then the server. */
  close(): Promise<void>;
}

/**
 * Serves `app.web.fetch` on 127.0.0.1 (a free port) and launches headless
 * Chromium (`CHROMIUM_PATH`, default `/usr/bin/chromium`). Call it in
 * `beforeAll` and {@link BrowserHarness.close} in `afterAll`; the app itself is
 * left to its owner to dispose.
 */
export async function startBrowser(app: {
  web: { fetch: Parameters<typeof serve>[0]['fetch'] };
}): Promise<BrowserHarness> {
  const server = serve({ fetch: app.web.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const closeServer = () => new Promise((r) => server.close(r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  } catch (err) {
    await closeServer();
    throw err;
  }

  return {
    base,
    browser,
    async session(role, opts = {}) {
      const ctx = await browser.newContext({ bypassCSP: true });
      const page = await ctx.newPage();
      if (role) {
        await page.goto(`${base}${opts.loginPath ?? '/login'}`);
        await page.getByLabel('E-posta').fill(`${role}@test.local`);
        await page.getByLabel('Parola').fill(PASSWORD);
        await page.getByRole('button', { name: 'Giriş yap' }).click();
        await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      }
      return page;
    },
    async axe(page) {
      await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
      const res = await page.evaluate<{
        passes: unknown[];
        violations: { id: string; nodes: { target: string[] }[] }[];
      }>("axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })");
      expect(res.passes.length).toBeGreaterThan(0);
      return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    },
    async close() {
      try {
        await browser.close();
      } finally {
        await closeServer();
      }
    },
  };
}
