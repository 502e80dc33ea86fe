import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimReview } from '../../src/domain/claim-review.js';
import { PASSWORD } from '../web/fixture.js';
import { approvedResponse, createPortalFixture, type PortalFixture } from './helpers.js';

let f: PortalFixture;
let server: ReturnType<typeof serve>;
let base = '';
let browser: Browser;
let falseId = '';
let misleadingId = '';
let approvedId = '';

beforeAll(async () => {
  f = await createPortalFixture();
  falseId = await approvedResponse(f, { title: 'Baraj patladı iddiası yanlış', verdict: 'false' });
  misleadingId = await approvedResponse(f, {
    title: 'Su kesintisi haberi yanıltıcı',
    verdict: 'misleading',
    summary: 'Kesinti yalnızca bir mahallede.',
  });
  for (const id of [falseId, misleadingId])
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
  // Corrected once, so the page shows a corrections log.
  await f.staff.post(`/drafts/${falseId}`, {
    expected: 'published',
    title: 'Baraj patladı iddiası yanlış',
    claimReviewed: 'Baraj patladı, şehir sular altında kalacak',
    verdict: 'false',
    summary: 'Baraj sağlam; DSİ ve valilik açıkladı.',
    body: 'Baraj **sağlam**.',
    sources: 'https://dsi.example/aciklama',
    lang: 'tr',
  });
  await f.staff.post(`/drafts/${falseId}/submit`);
  await f.sup.post(`/drafts/${falseId}/approve`);
  expect(
    (await f.sup.post(`/drafts/${falseId}/publish`, { note: 'Valilik açıklaması eklendi.' })).status,
  ).toBe(303);
  approvedId = await approvedResponse(f, { title: 'Onaylı, yayımlanmamış' });

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

describe('public portal in Chromium', () => {
  it('searches with a filter, opens a response and finds its ClaimReview in the DOM', async () => {
    const page = await session(null);
    await page.goto(`${base}/responses`);
    await expect.poll(() => page.locator('#portal-count').textContent()).toBe('2 yanıt bulundu.');
    await page.getByLabel('Karar').selectOption('misleading');
    await page.getByRole('button', { name: 'Ara' }).click();
    await page.waitForURL(/verdict=misleading/);
    expect(await page.locator('#portal-count').textContent()).toBe('1 yanıt bulundu.');
    await page.getByRole('link', { name: 'Su kesintisi haberi yanıltıcı' }).click();
    await page.waitForURL(`${base}/responses/${misleadingId}`);
    expect(await page.locator('h1').textContent()).toBe('Su kesintisi haberi yanıltıcı');
    expect(await page.locator('.verdict').first().textContent()).toBe('Yanıltıcı');
    const ld = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    ) as ClaimReview;
    expect(ld['@type']).toBe('ClaimReview');
    expect(ld.url).toBe(`https://portal.example/responses/${misleadingId}`);
    expect(ld.reviewRating.alternateName).toBe('Yanıltıcı');
    expect(ld.itemReviewed.firstAppearance?.url).toBe('https://social.example/p/1');
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'Su kesintisi haberi yanıltıcı',
    );
    await page.goto(`${base}/responses/${falseId}`);
    expect(await page.locator('.corrections li').textContent()).toContain('Valilik açıklaması eklendi.');
    await page.context().close();
  });

  it('axe-core finds no violations on the portal pages and the publish form, in Turkish and English', async () => {
    const pages: [string | null, string[]][] = [
      [
        null,
        [
          '/responses',
          '/responses?q=baraj&verdict=false',
          '/responses?perPage=1',
          '/responses?from=2024-13-01',
          `/responses/${falseId}`,
          `/responses/${misleadingId}`,
        ],
      ],
      ['supervisor2', [`/drafts/${approvedId}`, `/drafts/${falseId}`, '/drafts']],
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
