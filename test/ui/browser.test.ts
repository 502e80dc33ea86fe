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

/** A fresh context per user; axe is injected past the page's CSP. */
async function session(role: string | null): Promise<Page> {
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  if (role) {
    await page.goto(`${base}/login`);
    await page.getByLabel('E-posta').fill(`${role}@test.local`);
    await page.getByLabel('Parola').fill(PASSWORD);
    await page.getByRole('button', { name: 'Giriş yap' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }
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

describe('review UI in Chromium', () => {
  it('walks triage -> verdict -> draft -> submit -> approve (four-eyes) -> publish -> journalist reads it', async () => {
    const staff = await session('staff');
    await staff.goto(`${base}/queue?q=baraj`);
    await staff.locator('.hit-link').first().click();
    await expect.poll(() => staff.locator('h1').textContent()).toBeTruthy();
    expect(await staff.locator('.item-text mark').count()).toBeGreaterThan(0);
    await staff.getByLabel('Karar', { exact: true }).selectOption('false');
    await staff.getByLabel('Kanıt bağlantıları').fill('https://example.org/dsi');
    await staff.getByRole('button', { name: 'Kararı kaydet' }).click();
    await staff.getByRole('button', { name: 'Yeni yanıt taslağı' }).click();
    await staff.getByLabel('Başlık').fill('Baraj patladı iddiası yanlış');
    await staff.getByLabel('Özet').fill('Baraj sağlam.');
    await staff.getByLabel('Metin (Markdown)').fill('Baraj **sağlam**.');
    await staff.getByRole('button', { name: 'Taslağı kaydet' }).click();
    await staff.getByRole('button', { name: 'Onaya gönder' }).click();
    await expect.poll(() => staff.locator('#wf-h + p strong').textContent()).toBe('Onay bekliyor');
    expect(await staff.getByRole('button', { name: 'Onayla' }).count()).toBe(0);
    const draftUrl = staff.url();

    // A supervisor writes a new version: now an author, so the approve button disappears for them.
    const sup = await session('supervisor');
    await sup.goto(draftUrl);
    await sup.getByRole('button', { name: 'Değişiklik iste' }).click();
    await sup.getByLabel('Özet').fill('Baraj sağlam; DSİ açıkladı.');
    await sup.getByRole('button', { name: 'Taslağı kaydet' }).click();
    await sup.getByRole('button', { name: 'Onaya gönder' }).click();
    expect(await sup.getByRole('button', { name: 'Onayla' }).count()).toBe(0);
    expect(await sup.getByRole('note').textContent()).toContain('dört göz');

    const sup2 = await session('supervisor2');
    await sup2.goto(draftUrl);
    await sup2.getByRole('button', { name: 'Onayla' }).click();
    await sup2.getByRole('button', { name: 'Yayımla' }).click();
    await expect.poll(() => sup2.locator('#wf-h + p strong').textContent()).toBe('Yayımlandı');

    const journalist = await session('journalist');
    await journalist.goto(`${base}/published?q=baraj`);
    expect(await journalist.getByRole('heading', { name: 'Baraj patladı iddiası yanlış' }).count()).toBe(1);
    for (const p of [staff, sup, sup2, journalist]) await p.context().close();
  });

  it('keyboard only: log in, move through the queue, open an item, reach the verdict, open help', async () => {
    const page = await session(null);
    await page.goto(`${base}/login`);
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab'); // brand
    await page.keyboard.press('Tab'); // language switch
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('email');
    await page.keyboard.type('staff@test.local');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/queue/);
    await page.keyboard.press('j');
    expect(await page.evaluate('document.activeElement?.className')).toBe('hit-link');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const href = await page.evaluate<string>("document.activeElement?.getAttribute('href')");
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === href);
    await page.keyboard.press('v');
    expect(await page.evaluate('document.activeElement?.id')).toBe('verdict');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    expect(await page.locator('#help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator('#help').isVisible()).toBe(false);
    await page.context().close();
  });

  it('axe-core finds no violations on any page, in Turkish and English', async () => {
    const { hits } = await f.app.search.search<{ id: string }>('items', {
      filter: 'kind = "application"',
      limit: 1,
    });
    const item = hits[0]!.id;
    const [resp] = await f.app.db
      .query<{ id: string }>('SELECT id FROM responses LIMIT 1')
      .then((r) => r.rows);
    const pages: [string | null, string[]][] = [
      [null, ['/login']],
      [
        'staff',
        [
          '/queue',
          '/queue?flagged=true&sort=recent',
          `/items/${item}`,
          '/drafts',
          `/drafts/new?item=${item}`,
          ...(resp ? [`/drafts/${resp.id}`] : []),
        ],
      ],
      ['supervisor', ['/dashboard', '/audit']],
      ['journalist', ['/published']],
      ['admin', ['/admin/users']],
    ];
    const problems: string[] = [];
    for (const [role, paths] of pages) {
      const page = await session(role);
      for (const lang of ['tr', 'en']) {
        for (const p of paths) {
          await page.goto(`${base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          for (const v of await axe(page)) problems.push(`${lang} ${p}: ${v}`);
        }
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });
});
