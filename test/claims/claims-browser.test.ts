import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { client, confirmedVerdict, createUiFixture, type UiFixture } from '../web/fixture.js';

let f: UiFixture;
let h: BrowserHarness;
let staff: Page;

const DAM = 'Baraj çöktü, kent sular altında kalacak';
const CHIP = 'Aşı ile çocuklara çip takılıyor';
const SHOTS = process.env.CLAIMS_SCREENSHOTS; // a folder: save 1280 and 320 px screenshots there

beforeAll(async () => {
  f = await createUiFixture();
  h = await startBrowser(f.app);
  staff = await h.session('staff');
});
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

/** Ingests one post with a random marker word and waits until it is indexed; returns its id. */
async function post(text: string) {
  const marker = Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join('');
  await f.app.ingest.ingest('post', [{ source: 'x', text: `${text} ${marker}`, province: 'İzmir' }]);
  let id = '';
  await eventually('indexed', async () => {
    id = (await f.app.search.search<{ id: string }>('items', { q: marker, limit: 1 })).hits[0]?.id ?? '';
    return id !== '';
  });
  return id;
}

async function createClaim(text: string) {
  await staff.goto(`${h.base}/claims/new`);
  await staff.getByLabel('İddia metni').fill(text);
  await staff.getByLabel('Karar').selectOption('false');
  await staff.getByRole('button', { name: 'İddiayı oluştur' }).click();
  await staff.waitForURL(/\/claims\/K-/);
  return decodeURIComponent(new URL(staff.url()).pathname.split('/').pop()!);
}

async function axeBoth(page: Page, path: string) {
  for (const lang of ['tr', 'en']) {
    await page.goto(`${h.base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    expect({ path, lang, violations: await h.axe(page) }).toEqual({ path, lang, violations: [] });
  }
  await page.goto(`${h.base}${path}${path.includes('?') ? '&' : '?'}lang=tr`);
}

describe('claims UI in Chromium', () => {
  let dam = '';
  let chip = '';
  let itemId = '';

  it('confirms one suggestion and rejects another, which never comes back', async () => {
    dam = await createClaim(DAM);
    chip = await createClaim(CHIP);
    await new Promise((r) => setTimeout(r, 1500)); // the matcher reloads a second after a change
    itemId = await post(`${DAM}. Üstelik ${CHIP}.`);
    await staff.goto(`${h.base}/items/${itemId}`);
    await staff.getByRole('button', { name: `Onayla: “${DAM}”` }).click();
    await staff.waitForURL(new RegExp(`/items/${itemId}`));
    await staff.getByRole('button', { name: `Reddet: “${CHIP}”` }).click();
    await staff.waitForURL(new RegExp(`/items/${itemId}`));
    await staff.reload();
    expect(await staff.getByRole('button', { name: `Reddet: “${CHIP}”` }).count()).toBe(0);
    expect(await staff.getByRole('button', { name: `Onayla: “${DAM}”` }).count()).toBe(0);
    expect(await staff.locator('section[aria-labelledby="claims-h"]').textContent()).toContain('reddedildi');
    const links = await f.app.stores.claimLinks.forItem(itemId);
    expect(links.map((l) => [l.claimId, l.kind]).sort()).toEqual(
      [
        [dam, 'confirmed'],
        [chip, 'rejected'],
      ].sort(),
    );
  });

  it('creates a claim from an item and its cluster, then merges it into another claim', async () => {
    await staff.goto(`${h.base}/items/${itemId}`);
    await staff.getByRole('link', { name: 'Bu kayıttan iddia oluştur' }).click();
    await staff.getByLabel('İddia metni').fill('Barajda çatlak olduğu söyleniyor');
    await staff.getByLabel('Benzer kayıt kümesinin tamamını da bu iddiaya bağla').check();
    await staff.getByRole('button', { name: 'İddiayı oluştur' }).click();
    await staff.waitForURL(/\/claims\/K-/);
    const made = decodeURIComponent(new URL(staff.url()).pathname.split('/').pop()!);
    expect(await staff.getByRole('status').or(staff.locator('.notice')).first().textContent()).toContain(
      'İddia oluşturuldu',
    );
    await staff.goto(`${h.base}/claims/${dam}`);
    await staff.getByLabel('Birleştirilecek iddia').selectOption(made);
    await staff.getByRole('button', { name: 'Birleştir' }).click();
    await staff.waitForURL(/done=merged/);
    expect(await staff.locator('.notice').first().textContent()).toContain('İddialar birleştirildi');
    await staff.goto(`${h.base}/claims/${made}`);
    expect(new URL(staff.url()).pathname).toBe(`/claims/${dam}`);
    expect(await staff.locator('blockquote').first().textContent()).toBe(DAM);
  });

  it('closes an item as answered by an existing response', async () => {
    const s = client(f);
    const sup = client(f);
    const sup2 = client(f);
    await s.login('staff');
    await sup.login('supervisor');
    await sup2.login('supervisor2');
    await confirmedVerdict(f, itemId);
    const rid = (
      await s.post('/drafts', {
        itemId,
        kind: 'public',
        title: 'Baraj iddiası yanlış',
        claimReviewed: DAM,
        verdict: 'false',
        summary: 'Baraj sağlam.',
        body: 'Baraj sağlam.',
        sources: '',
      })
    ).headers
      .get('location')!
      .split('/')
      .pop()!;
    await s.post(`/drafts/${rid}/submit`);
    await sup.post(`/drafts/${rid}/approve`);
    expect((await sup2.post(`/drafts/${rid}/publish`)).status).toBe(303);

    const other = await post(`Herkes paylaşıyor: ${DAM}`);
    await staff.goto(`${h.base}/items/${other}`);
    await staff.getByRole('button', { name: `Onayla: “${DAM}”` }).click();
    await staff.waitForURL(new RegExp(`/items/${other}`));
    expect(await staff.locator('.answered').textContent()).toContain('Baraj iddiası yanlış');
    await staff.getByRole('button', { name: 'Mevcut yanıtla yanıtlandı olarak kapat' }).click();
    await staff.waitForURL(new RegExp(`/items/${other}`));
    expect(await staff.locator('#text-h + .meta').textContent()).toContain('Yanıtlandı');
    expect(await staff.locator('.notice').first().textContent()).toContain('Mevcut yanıtla yanıtlandı');
    expect((await f.app.stores.items.get(other))?.status).toBe('responded');
  });

  it('an application answered by the response gets a pre-filled reply that a supervisor approves', async () => {
    const marker = Array.from(randomBytes(12), (b) => String.fromCharCode(97 + (b % 26))).join('');
    await f.app.ingest.ingest('application', [
      { type: 'talep', subject: 'Baraj', text: `Doğru mu, ${DAM}? ${marker}`, province: 'İzmir' },
    ]);
    let appId = '';
    await eventually('indexed', async () => {
      appId = (await f.app.search.search<{ id: string }>('items', { q: marker, limit: 1 })).hits[0]?.id ?? '';
      return appId !== '';
    });
    await staff.goto(`${h.base}/items/${appId}`);
    const confirm = staff.getByRole('button', { name: `Onayla: “${DAM}”` });
    if (await confirm.count()) {
      await confirm.click();
      await staff.waitForURL(new RegExp(`/items/${appId}`));
    }
    await staff.getByRole('button', { name: 'Mevcut yanıtla yanıtlandı olarak kapat' }).click();
    // The reply draft opens, pre-filled from the published response.
    await staff.waitForURL(/\/drafts\//);
    const draftUrl = staff.url();
    expect(await staff.getByLabel('Başlık').inputValue()).toContain('Baraj iddiası yanlış');
    await staff.getByRole('button', { name: 'Onaya gönder' }).click();
    await staff.waitForURL(/\/drafts\//);

    const sup = await h.session('supervisor');
    await sup.goto(draftUrl);
    expect(await sup.locator('main').textContent()).toContain('Baraj sağlam.');
    await sup.getByRole('button', { name: 'Onayla', exact: true }).click();
    await sup.waitForURL(/\/drafts\//);
    const reply = await f.app.stores.responses.get(draftUrl.split('/').pop()!);
    expect(reply).toMatchObject({ kind: 'reply', itemId: appId, state: 'approved' });
    expect((await f.app.stores.items.get(appId))?.status).toBe('responded');
  });

  it('is axe-clean in Turkish and English', async () => {
    for (const path of [
      '/claims',
      '/claims?sort=rising',
      `/claims/${dam}`,
      `/items/${itemId}`,
      '/claims/new',
    ])
      await axeBoth(staff, path);
    if (SHOTS)
      for (const width of [1280, 320]) {
        await staff.setViewportSize({ width, height: 900 });
        for (const [name, path] of [
          ['list', '/claims'],
          ['claim', `/claims/${dam}`],
          ['item', `/items/${itemId}`],
        ])
          await staff
            .goto(`${h.base}${path}`)
            .then(() => staff.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true }));
      }
    // Many pages × two languages through axe: bounded by 3 minutes, not the default minute.
  }, 180_000);
});
