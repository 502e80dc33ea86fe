import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { client, createUiFixture, type UiFixture } from '../web/fixture.js';

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

const activeClass = "document.activeElement?.className ?? ''";

describe('keyboard shortcuts per user (WCAG 2.1.4)', () => {
  it('a bad form gets the problems in the page language and changes nothing; saving is audited', async () => {
    const u = client(f);
    await u.login('supervisor');
    const form = (await (await u.request('/account/shortcuts?lang=en')).text()).toString();
    expect(form).toContain('Use single-key shortcuts');
    const dup = await u.post('/account/shortcuts?lang=en', { enabled: '1', 'key.next': 'k' });
    expect(dup.status).toBe(422);
    expect(await dup.text()).toContain(
      'The key “k” is assigned to more than one action: Next item, Previous item.',
    );
    const bad = await u.post('/account/shortcuts', { enabled: '1', 'key.open': 'xy' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('“Kaydı aç” için tek bir harf');
    const me = (await f.app.stores.users.findByEmail('supervisor@test.local'))!;
    expect(me.shortcuts).toBeNull();
    const ok = await u.post('/account/shortcuts', { enabled: '1', 'key.next': 'n', 'key.prev': 'p' });
    expect([ok.status, ok.headers.get('location')]).toEqual([303, '/account/shortcuts?saved=1']);
    expect((await f.app.stores.users.findByEmail('supervisor@test.local'))!.shortcuts).toEqual({
      enabled: true,
      keys: { next: 'n', prev: 'p' },
    });
    const audit = await f.app.stores.audit.list({ targetType: 'user', targetId: me.id });
    expect(audit.map((a) => a.action)).toContain('user.shortcuts_change');
    // Another user is untouched.
    expect((await f.app.stores.users.findByEmail('staff@test.local'))!.shortcuts).toBeNull();
    expect((await u.post('/account/shortcuts', { reset: '1' })).status).toBe(303);
    expect((await f.app.stores.users.findByEmail('supervisor@test.local'))!.shortcuts).toBeNull();
  });

  it('in Chromium: remapped keys move through the queue, the old key does nothing, and off turns every key off', async () => {
    const page = await h.session('staff');
    await page.goto(`${h.base}/account/shortcuts`);
    await page.getByLabel('Sonraki kayıt').fill('n');
    await page.getByLabel('Önceki kayıt').fill('p');
    await page.getByRole('button', { name: 'Kaydet' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('kaydedildi');
    await page.screenshot({ path: '/tmp/shortcuts-settings.png', fullPage: true });

    await page.goto(`${h.base}/queue`);
    await page.keyboard.press('j');
    expect(await page.evaluate(activeClass)).not.toBe('hit-link');
    await page.keyboard.press('n');
    expect(await page.evaluate(activeClass)).toBe('hit-link');
    // The help dialog lists the user's keys and says where to change them.
    await page.keyboard.press('?');
    const dialog = page.locator('#help');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('kbd').allTextContents()).toContain('n');
    expect(await dialog.locator('kbd').allTextContents()).not.toContain('j');
    expect(await dialog.getByRole('link', { name: 'Kısayol ayarları' }).count()).toBe(1);
    await page.screenshot({ path: '/tmp/shortcuts-help.png' });
    await page.keyboard.press('Escape');

    await page.goto(`${h.base}/account/shortcuts?lang=en`);
    await page.getByLabel('Use single-key shortcuts').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.goto(`${h.base}/queue`);
    for (const k of ['n', 'j', '?', '/']) await page.keyboard.press(k);
    expect(await page.evaluate(activeClass)).not.toBe('hit-link');
    expect(await page.evaluate("document.activeElement?.id ?? ''")).not.toBe('q');
    expect(await page.locator('#help').isVisible()).toBe(false);
    // The help button still opens the dialog, which says shortcuts are off.
    await page.locator('[data-help]').first().click();
    expect(await page.locator('#help').textContent()).toContain(
      'Single-key shortcuts are turned off for you.',
    );
    await page.context().close();
  });
});
