import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimReview } from '../../src/domain/claim-review.js';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { approvedResponse, createPortalFixture, type PortalFixture } from './helpers.js';

let f: PortalFixture;
let h: BrowserHarness;
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

  h = await startBrowser(f.app);
});
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

describe('public portal in Chromium', () => {
  it('searches with a filter, opens a response and finds its ClaimReview in the DOM', async () => {
    const page = await h.session(null);
    await page.goto(`${h.base}/responses`);
    await expect.poll(() => page.locator('#portal-count').textContent()).toBe('2 yanıt bulundu.');
    await page.getByLabel('Karar').selectOption('misleading');
    await page.getByRole('button', { name: 'Ara' }).click();
    await page.waitForURL(/verdict=misleading/);
    expect(await page.locator('#portal-count').textContent()).toBe('1 yanıt bulundu.');
    await page.getByRole('link', { name: 'Su kesintisi haberi yanıltıcı' }).click();
    await page.waitForURL(`${h.base}/responses/${misleadingId}`);
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
    await page.goto(`${h.base}/responses/${falseId}`);
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
      const page = await h.session(role);
      for (const lang of ['tr', 'en']) {
        for (const p of paths) {
          await page.goto(`${h.base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          for (const v of await h.axe(page)) problems.push(`${lang} ${p}: ${v}`);
        }
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
    // Many pages × two languages through axe: bounded by 3 minutes, not the default minute.
  }, 180_000);
});
