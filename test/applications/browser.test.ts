import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUiFixture, PASSWORD, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let server: ReturnType<typeof serve>;
let base = '';
let browser: Browser;

beforeAll(async () => {
  f = await createUiFixture();
  await f.app.ingest.ingest('application', [
    {
      type: 'bilgi_edinme',
      subject: 'Bütçe bilgisi',
      text: 'Belediyenin 2024 bütçesini öğrenmek istiyorum.',
      province: 'Ankara',
      receivedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    },
  ]);
  server = serve({ fetch: f.app.web.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  await f?.dispose();
});

async function login(role: string): Promise<Page> {
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('E-posta').fill(`${role}@test.local`);
  await page.getByLabel('Parola').fill(PASSWORD);
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  const res = await page.evaluate<{
    passes: unknown[];
    violations: { id: string; nodes: { target: string[] }[] }[];
  }>("axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })");
  expect(res.passes.length).toBeGreaterThan(0);
  return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('applications pages in Chromium', () => {
  it.each(['tr', 'en'])('/applications, a case and /sla have no axe violations (%s)', async (lang) => {
    const page = await login('supervisor');
    await page.goto(`${base}/applications?state=all&lang=${lang}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('table.apps tbody tr').count()).toBeGreaterThan(0);
    expect(await axe(page)).toEqual([]);
    await page.getByRole('link', { name: 'Bütçe bilgisi' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    expect(await axe(page)).toEqual([]);
    // A form error is announced and linked to its field.
    await page
      .getByRole('button', {
        name: lang === 'tr' ? 'Yetkili kuruma gönder' : 'Forward to the competent institution',
      })
      .click();
    expect(await page.locator('#forward-institution').getAttribute('aria-invalid')).toBe('true');
    expect(await axe(page)).toEqual([]);
    await page.goto(`${base}/sla?lang=${lang}`);
    expect(await page.locator('table.sla').count()).toBe(2);
    expect(await axe(page)).toEqual([]);
  });
});
