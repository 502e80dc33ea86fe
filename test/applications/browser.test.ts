import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { createUiFixture, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let h: BrowserHarness;

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
  // The list shows the subject redacted, which the tag stage writes.
  await eventually(
    'application tagged',
    async () => (await f.app.stores.items.countByStage()).received === 0,
  );
  h = await startBrowser(f.app);
});
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

describe('applications pages in Chromium', () => {
  it.each(['tr', 'en'])('/applications, a case and /sla have no axe violations (%s)', async (lang) => {
    const page = await h.session('supervisor');
    await page.goto(`${h.base}/applications?state=all&lang=${lang}`);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    expect(await page.locator('table.apps tbody tr').count()).toBeGreaterThan(0);
    expect(await h.axe(page)).toEqual([]);
    await page.getByRole('link', { name: 'Bütçe bilgisi' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    expect(await h.axe(page)).toEqual([]);
    // A form error is announced and linked to its field.
    await page
      .getByRole('button', {
        name: lang === 'tr' ? 'Yetkili kuruma gönder' : 'Forward to the competent institution',
      })
      .click();
    expect(await page.locator('#forward-institution').getAttribute('aria-invalid')).toBe('true');
    expect(await h.axe(page)).toEqual([]);
    await page.goto(`${h.base}/sla?lang=${lang}`);
    expect(await page.locator('table.sla').count()).toBe(2);
    expect(await h.axe(page)).toEqual([]);
  });
});
