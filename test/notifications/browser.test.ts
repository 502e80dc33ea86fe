/**
 * Notifications in Chromium: a supervisor's header count appears without a reload after
 * staff submit a draft (the page script's poll, with the page clock moved on), the
 * notifications page passes axe in Turkish and English, opening a notification goes to
 * the draft and marking one read makes the count drop.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { createUiFixture, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let h: BrowserHarness;
let itemId = '';
const shots = process.env.SCREENSHOT_DIR ?? '/tmp';

beforeAll(async () => {
  f = await createUiFixture();
  h = await startBrowser(f.app);
  itemId = (
    await f.app.search.search<{ id: string }>('items', { q: 'baraj', filter: ['kind = post'], limit: 1 })
  ).hits[0]!.id;
});
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

const headerLink = (p: Page) => p.locator('header.top a.header-link[href="/notifications"]');

describe('notifications in Chromium', () => {
  it('the header count goes live, the page opens the draft and marking read drops the count (Turkish and English)', async () => {
    // Both supervisors are already looking at a page when the draft is submitted.
    const sup = await h.session('supervisor');
    await sup.clock.install();
    await sup.goto(`${h.base}/queue?lang=tr`);
    expect(await headerLink(sup).textContent()).toBe('Bildirimler');
    const sup2 = await h.session('supervisor2');
    await sup2.clock.install();
    await sup2.goto(`${h.base}/queue?lang=en`);
    expect(await headerLink(sup2).textContent()).toBe('Notifications');

    const staff = await h.session('staff');
    await staff.goto(`${h.base}/drafts/new?item=${itemId}`);
    await staff.getByLabel('Başlık').fill('Baraj patladı iddiası yanlış');
    await staff.getByLabel('Özet').fill('Baraj sağlam.');
    await staff.getByLabel('Metin (Markdown)').fill('Baraj **sağlam**.');
    await staff.getByRole('button', { name: 'Taslağı kaydet' }).click();
    await staff.getByRole('button', { name: 'Onaya gönder' }).click();
    await expect.poll(() => staff.locator('#wf-h + p strong').textContent()).toBe('Onay bekliyor');
    const draftPath = new URL(staff.url()).pathname;
    // The author is not told of their own submission.
    expect(await headerLink(staff).textContent()).toBe('Bildirimler');

    // Half a minute later the page script has asked for the count: no reload needed.
    await sup.clock.runFor(30_000);
    await expect.poll(() => headerLink(sup).textContent()).toBe('Bildirimler (1)');
    await expect.poll(() => sup.locator('#live').textContent()).toBe('Yeni bildiriminiz var: 1 okunmamış');
    await sup2.clock.runFor(30_000);
    await expect.poll(() => headerLink(sup2).textContent()).toBe('Notifications (1)');
    await expect.poll(() => sup2.locator('#live').textContent()).toBe('You have new notifications: 1 unread');
    await sup.locator('header.top').screenshot({ path: `${shots}/notif-header-tr.png` });

    // Turkish: open the notifications page from the header, then the notification itself.
    await headerLink(sup).click();
    await sup.waitForURL((u) => u.pathname === '/notifications');
    const item = sup.locator('li.notif').first();
    expect(await item.getAttribute('class')).toBe('notif unread');
    expect(await item.locator('.state').textContent()).toBe('Okunmadı');
    expect(await item.locator('a').textContent()).toBe('Test staff bir yanıt taslağını onayınıza gönderdi');
    expect(await item.locator('q').textContent()).toBe('Baraj patladı iddiası yanlış');
    expect(await h.axe(sup)).toEqual([]);
    await sup.screenshot({ path: `${shots}/notif-page-tr.png`, fullPage: true });
    await item.locator('a').click();
    await sup.waitForURL((u) => u.pathname === draftPath);
    expect(await headerLink(sup).textContent()).toBe('Bildirimler');
    await sup.goto(`${h.base}/notifications`);
    expect(await sup.locator('li.notif').first().getAttribute('class')).toBe('notif');
    expect(await sup.locator('li.notif .state').first().textContent()).toBe('Okundu');

    // English: mark it read with the button; the count drops and the page says so.
    await headerLink(sup2).click();
    await sup2.waitForURL((u) => u.pathname === '/notifications');
    expect(await sup2.locator('li.notif .state').first().textContent()).toBe('Unread');
    expect(await h.axe(sup2)).toEqual([]);
    await sup2.screenshot({ path: `${shots}/notif-page-en.png`, fullPage: true });
    await sup2.getByRole('button', { name: 'Mark as read' }).click();
    await expect
      .poll(() => sup2.getByRole('status').first().textContent())
      .toBe('The notification was marked as read.');
    expect(await headerLink(sup2).textContent()).toBe('Notifications');
    expect(await sup2.locator('li.notif').first().getAttribute('class')).toBe('notif');
    await sup2.screenshot({ path: `${shots}/notif-page-en-read.png`, fullPage: true });

    // A narrow screen (320 px): the header with its two counts wraps instead of overflowing.
    await sup2.setViewportSize({ width: 320, height: 800 });
    await sup2.goto(`${h.base}/notifications?lang=tr`);
    await sup2.screenshot({ path: `${shots}/notif-page-320.png`, fullPage: true });
    expect(
      await sup2.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(0);
    for (const p of [sup, sup2, staff]) await p.context().close();
  }, 120_000);
});
