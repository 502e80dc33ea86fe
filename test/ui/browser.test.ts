import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { createUiFixture, PASSWORD, type UiFixture } from '../web/fixture.js';

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

describe('review UI in Chromium', () => {
  it('walks triage -> verdict -> draft -> submit -> approve (four-eyes) -> publish -> journalist reads it', async () => {
    const staff = await h.session('staff');
    await staff.goto(`${h.base}/queue?q=baraj`);
    await staff.locator('.hit-link').first().click();
    await expect.poll(() => staff.locator('h1').textContent()).toBeTruthy();
    const itemUrl = staff.url();
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
    const sup = await h.session('supervisor');
    await sup.goto(draftUrl);
    await sup.getByRole('button', { name: 'Değişiklik iste' }).click();
    await sup.getByLabel('Özet').fill('Baraj sağlam; DSİ açıkladı.');
    await sup.getByRole('button', { name: 'Taslağı kaydet' }).click();
    await sup.getByRole('button', { name: 'Onaya gönder' }).click();
    expect(await sup.getByRole('button', { name: 'Onayla' }).count()).toBe(0);
    expect(await sup.getByRole('note').textContent()).toContain('dört göz');

    const sup2 = await h.session('supervisor2');
    await sup2.goto(draftUrl);
    await sup2.getByRole('button', { name: 'Onayla' }).click();
    // The item is flagged: publishing waits for a supervisor to confirm its verdict.
    expect(await sup2.getByRole('button', { name: 'Yayımla' }).count()).toBe(0);
    await sup.goto(itemUrl);
    await sup.getByRole('button', { name: 'Kararı onayla' }).click();
    await sup2.goto(draftUrl);
    await sup2.getByRole('button', { name: 'Yayımla' }).click();
    await expect.poll(() => sup2.locator('#wf-h + p strong').textContent()).toBe('Yayımlandı');

    const journalist = await h.session('journalist');
    await journalist.goto(`${h.base}/published?q=baraj`);
    expect(await journalist.getByRole('heading', { name: 'Baraj patladı iddiası yanlış' }).count()).toBe(1);
    for (const p of [staff, sup, sup2, journalist]) await p.context().close();
  });

  it('keyboard only: log in, move through the queue, open an item, reach the verdict, open help', async () => {
    const page = await h.session(null);
    await page.goto(`${h.base}/login`);
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
          '/notifications',
        ],
      ],
      ['supervisor', ['/dashboard', '/audit']],
      ['journalist', ['/published']],
      ['admin', ['/admin/users']],
    ];
    const problems: string[] = [];
    for (const [role, paths] of pages) {
      const page = await h.session(role);
      for (const lang of ['tr', 'en']) {
        for (const p of paths) {
          await page.goto(`${h.base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          // Standards mode, not quirks: the page starts with <!DOCTYPE html>.
          expect(await page.evaluate('document.compatMode')).toBe('CSS1Compat');
          for (const v of await h.axe(page)) problems.push(`${lang} ${p}: ${v}`);
        }
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
    // Many pages × two languages through axe: bounded by 3 minutes, not the default minute.
  }, 180_000);
});
