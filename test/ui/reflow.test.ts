import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { approvedResponse, createPortalFixture, type PortalFixture } from '../portal/helpers.js';
import { PASSWORD } from '../web/fixture.js';

/**
 * WCAG 1.4.10 (reflow): at 320 and 390 CSS px nothing scrolls sideways on any
 * main page of any role, with realistic long content (long addresses, long
 * words, long source names); list tables restack, other tables scroll inside
 * their own region; filters fold on a phone. Set REFLOW_SHOTS=dir to save
 * screen-high slices of every page at 320 px (and of the folds) to look at.
 */

const LONG_URL =
  'https://www.ornek-yerel-haber-sitesi.com.tr/gundem/2024/03/01/son-dakika-baraj-patladi-iddiasi-sehir-sular-altinda-kalacak-silinmeden-paylasin-diye-yayilan-mesajlar?utm_source=whatsapp&utm_medium=mesaj&utm_campaign=baraj_patladi_iddiasi';
const LONG_URL_2 =
  'https://sosyal-medya.example/kullanici/izmir_haber_merkezi_resmi_hesabi/gonderi/98765432109876543210?paylasim=baraj-patladi-sehir-sular-altinda';
const LONG_WORD = 'Çekoslovakyalılaştıramadıklarımızdanmışsınızcasına';
const HASHTAG = '#BarajPatladıŞehirSularAltındaKalacakSilinmedenPaylaşın';
const LONG_SOURCE = 'izmir-yerel-haber-sitesi-sosyal-medya-hesabi';

let f: PortalFixture;
let h: BrowserHarness;
const ids = { item: '', app: '', claim: 'K1', response: '', draft: '' };

beforeAll(async () => {
  f = await createPortalFixture();
  await f.app.stores.claims.upsertMany([
    {
      id: 'K1',
      text: `Baraj patladı, şehir sular altında kalacak ${HASHTAG} ${LONG_WORD}`,
      verdict: 'false',
      sourceUrl: LONG_URL,
    },
  ]);
  await f.app.ingest.ingest('post', [
    {
      source: LONG_SOURCE,
      text: `SON DAKİKA! Baraj patladı, şehir sular altında kalacak, silinmeden paylaşın!! ${HASHTAG} ${LONG_URL} ${LONG_WORD}`,
      url: LONG_URL,
      publishedAt: '2024-03-03T09:00:00Z',
      province: 'İzmir',
    },
    {
      source: LONG_SOURCE,
      text: `SON DAKİKA!!! Baraj patladı, şehir sular altında kalacak, silinmeden paylaşın ${LONG_URL_2}`,
      url: LONG_URL_2,
      publishedAt: '2024-03-03T11:00:00Z',
      province: 'İzmir',
    },
  ]);
  await f.app.ingest.ingest('application', [
    {
      type: 'ihbar',
      subject: `Baraj söylentisi ${LONG_WORD} ${HASHTAG}`,
      text: `Mahallede baraj patladı diye söylenti var, ayrıntılar şu adreste: ${LONG_URL}. ${LONG_WORD}`,
      province: 'İzmir',
      applicant: {
        name: 'Ayşe Yılmaz',
        email: 'ayse.yilmaz.uzun.eposta.adresi@ornek-belediye-hizmetleri.gov.tr',
        address: `Atatürk Mahallesi ${LONG_WORD} Sokak No: 12/4 Karşıyaka İzmir`,
      },
    },
  ]);
  await eventually(
    'long items indexed',
    async () => (await f.app.search.search('items', { limit: 0 })).total >= 9,
  );
  const { rows } = await f.app.db.query<{ id: string; kind: string }>(
    `SELECT id, kind FROM items WHERE source = $1 OR (kind = 'application' AND app_type = 'ihbar') ORDER BY created_at`,
    [LONG_SOURCE],
  );
  ids.item = rows.find((r) => r.kind === 'post')!.id;
  ids.app = rows.find((r) => r.kind === 'application')!.id;
  const verdict = await f.app.stores.review.addVerdict(
    ids.item,
    { verdict: 'false', evidenceLinks: [LONG_URL, LONG_URL_2], notes: LONG_WORD, claimId: 'K1' },
    f.users.staff!.id,
  );
  await f.app.stores.review.confirmVerdict(verdict, f.users.supervisor!.id);
  ids.response = await approvedResponse(
    f,
    {
      title: `Baraj patladı iddiası yanlış ${HASHTAG}`,
      summary: `Baraj sağlam; DSİ açıkladı. ${LONG_WORD}`,
      body: `Baraj **sağlam**. Ayrıntı: ${LONG_URL}\n\n\`${LONG_URL_2}\``,
      sources: `${LONG_URL}\n${LONG_URL_2}`,
    },
    { itemId: ids.item },
  );
  expect((await f.sup.post(`/drafts/${ids.response}/publish`)).status).toBe(303);
  const draft = await f.staff.post('/drafts', {
    itemId: ids.app,
    kind: 'reply',
    title: `Başvurunuz hakkında ${LONG_WORD}`,
    claimReviewed: `Baraj patladı ${HASHTAG}`,
    verdict: 'false',
    summary: LONG_URL,
    body: `Sayın başvuru sahibi, ${LONG_URL}`,
    sources: LONG_URL_2,
    lang: 'tr',
  });
  expect(draft.status).toBe(303);
  ids.draft = draft.headers.get('location')!.split('/').pop()!;
  await f.app.stores.alerts.record(
    {
      kind: 'claim',
      subject: 'K1',
      province: 'İzmir',
      windowStart: new Date(Date.now() - 3_600_000),
      detectedAt: new Date(),
      endedAt: null,
      peakCount: 30,
      expected: 1.5,
      pValue: 0.0001,
    },
    false,
  );
  await f.app.stores.feedSources.create({ name: LONG_SOURCE, url: `${LONG_URL}&format=rss` });
  await f.app.stores.tokens.create({ name: `gazete-entegrasyonu-${LONG_WORD}`, scopes: ['read', 'ingest'] });
  h = await startBrowser(f.app);
}, 180_000);
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

type Role = 'staff' | 'supervisor' | 'admin' | 'journalist' | null;
/** Every main page, in Turkish; those marked `en` also in English (longer words in places). */
const PAGES: [Role, () => string, 'en'?][] = [
  [null, () => '/login'],
  [null, () => '/responses', 'en'],
  [null, () => `/responses/${ids.response}`, 'en'],
  [null, () => '/basvuru', 'en'],
  [null, () => '/basvuru/durum'],
  ['staff', () => '/queue', 'en'],
  ['staff', () => `/items/${ids.item}`, 'en'],
  ['staff', () => `/items/${ids.app}`],
  ['staff', () => '/claims'],
  ['staff', () => `/claims/${ids.claim}`],
  ['staff', () => '/claims/new'],
  ['staff', () => '/alerts'],
  ['staff', () => '/digest'],
  ['staff', () => '/drafts'],
  ['staff', () => `/drafts/${ids.response}`],
  ['staff', () => `/drafts/${ids.draft}`],
  ['staff', () => `/drafts/new?item=${ids.item}`],
  ['staff', () => '/applications', 'en'],
  ['staff', () => `/applications/${ids.app}`],
  ['staff', () => '/published'],
  ['staff', () => '/account/password'],
  ['supervisor', () => '/queue'],
  ['supervisor', () => `/items/${ids.app}`],
  ['supervisor', () => '/dashboard', 'en'],
  ['supervisor', () => '/audit', 'en'],
  ['supervisor', () => '/sla', 'en'],
  ['supervisor', () => `/intake/items/${ids.app}/attachments`],
  ['admin', () => '/admin/users'],
  ['admin', () => '/admin/sources', 'en'],
  ['admin', () => '/admin/tokens'],
  ['journalist', () => '/account/follows', 'en'],
  ['journalist', () => '/published'],
];

/** How far the page scrolls sideways, and which elements stick out past the viewport. */
const overflow = (page: Page) =>
  page.evaluate<{ scroll: number; width: number; out: string[]; stuck: number }>(`(() => {
    const w = window.innerWidth;
    const sticksOut = (e) => !!e && e.getBoundingClientRect().right > w + 1;
    // The outermost elements that stick out, to name in a failure.
    const out = [...document.querySelectorAll('body *')]
      .filter((e) => sticksOut(e) && !sticksOut(e.parentElement))
      .slice(0, 5)
      .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map((c) => '.' + c).join(''));
    // Tables that restack on a narrow screen must fit their region too, not scroll inside it.
    const stuck = [...document.querySelectorAll('.table-scroll')]
      .filter((r) => r.querySelector('.restack, .restack-small') && r.scrollWidth > r.clientWidth + 1)
      .map((r) => 'region ' + r.getAttribute('aria-label'));
    return { scroll: document.documentElement.scrollWidth, width: w, out: [...stuck, ...out], stuck: stuck.length };
  })()`);

/** A path with the seeded ids replaced by their names, for screenshot file names. */
const named = (p: string) => Object.entries(ids).reduce((x, [k, id]) => (id ? x.replaceAll(id, k) : x), p);

/** Saves the page as screen-high slices (`<name>-0.png`, …) to look at. */
async function screens(page: Page, name: string) {
  const [w, height] = await page.evaluate<[number, number]>(
    '[window.innerWidth, document.documentElement.scrollHeight]',
  );
  for (let y = 0, n = 0; y < height && n < 8; y += 800, n++)
    await page.screenshot({
      path: `${name}-${n}.png`,
      fullPage: true,
      clip: { x: 0, y, width: w, height: Math.min(800, height - y) },
    });
}

describe('reflow at 320 and 390 CSS px (WCAG 1.4.10)', () => {
  it('no main page of any role scrolls sideways, in Turkish (some in English); at 320 px axe finds nothing', async () => {
    const problems: string[] = [];
    const shots = process.env.REFLOW_SHOTS;
    for (const width of [320, 390]) {
      const sessions = new Map<Role, Page>();
      for (const [role, path, en] of PAGES) {
        let page = sessions.get(role);
        if (!page) {
          page = await h.session(role);
          sessions.set(role, page);
        }
        await page.setViewportSize({ width, height: 800 });
        for (const lang of en ? ['tr', 'en'] : ['tr']) {
          const p = path();
          const res = await page.goto(`${h.base}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`);
          expect({ p, status: res?.status() }).toEqual({ p, status: 200 });
          const o = await overflow(page);
          if (o.scroll > o.width || o.stuck)
            problems.push(`${width} ${lang} ${p}: page ${o.scroll} px wide; ${o.out.join(' ')}`);
          // Folded header, restacked tables and table regions stay accessible on the narrow screen.
          if (width === 320 && lang === 'tr')
            for (const v of await h.axe(page)) problems.push(`axe ${p}: ${v}`);
          if (shots && width === 320 && lang === 'tr')
            await screens(page, `${shots}/${role ?? 'public'}${named(p).replace(/\W+/g, '_')}`);
        }
      }
      for (const page of sessions.values()) await page.context().close();
    }
    expect(problems).toEqual([]);
    // About a hundred page loads and thirty axe runs: bounded by ten minutes on a loaded machine.
  }, 600_000);

  it('on a 390 px phone the queue folds its filters behind one button, with and without script', async () => {
    const withJs = await h.session('staff');
    const noJs = await h.browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${h.base}/login`);
    await plain.getByLabel('E-posta').fill('staff@test.local');
    await plain.getByLabel('Parola').fill(PASSWORD);
    await plain.getByRole('button', { name: 'Giriş yap' }).click();
    await plain.waitForURL((u) => !u.pathname.startsWith('/login'));
    for (const page of [withJs, plain]) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${h.base}/queue?status=new&lang=tr`);
      const toggle = page.locator('aside > details.fold > summary');
      expect(await toggle.textContent()).toBe('Süzgeçler ve kayıtlı aramalar (1 süzgeç etkin)');
      expect(await page.getByLabel('Metinde ara').isVisible()).toBe(false);
      // The first item starts on the first screen.
      const top = await page.evaluate<number>(
        `document.querySelector('#results .hit').getBoundingClientRect().top`,
      );
      expect(top).toBeGreaterThan(0);
      expect(top).toBeLessThan(844);
      // The header's navigation is folded too, behind its own button that keeps counts in sight.
      expect(await page.getByRole('link', { name: 'İddialar' }).isVisible()).toBe(false);
      // Counts stay in sight (the notifications count depends on what other tests did to this user).
      expect(await page.locator('header details.fold > summary').textContent()).toMatch(
        /^Menü( · Bildirimler \(\d+\))? · Uyarılar \(1\)$/,
      );
      await page.locator('header details.fold > summary').click();
      expect(await page.getByRole('link', { name: 'İddialar' }).isVisible()).toBe(true);
      if (process.env.REFLOW_SHOTS && page === withJs)
        await screens(page, `${process.env.REFLOW_SHOTS}/open-menu`);
      await toggle.click();
      expect(await page.getByLabel('Metinde ara').isVisible()).toBe(true);
      if (process.env.REFLOW_SHOTS && page === withJs)
        await screens(page, `${process.env.REFLOW_SHOTS}/open-filters`);
      expect(await page.locator('#saved-h').isVisible()).toBe(true);
      const o = await overflow(page);
      expect(o.scroll, o.out.join(' ')).toBeLessThanOrEqual(o.width);
      // The summary is a disclosure button that says whether it is open.
      expect(await toggle.getAttribute('aria-expanded')).toBeNull(); // native <details>: state from the element
      expect(await page.locator('aside > details.fold').getAttribute('open')).toBe('');
    }
    // The "/" shortcut opens the folded filters before it moves the focus there.
    await withJs.goto(`${h.base}/queue?lang=tr`);
    await withJs.keyboard.press('/');
    expect(await withJs.evaluate('document.activeElement?.id')).toBe('q');
    // On a wide screen there is nothing to open: the filters show, the buttons do not.
    await withJs.setViewportSize({ width: 1280, height: 800 });
    if (process.env.REFLOW_SHOTS) await screens(withJs, `${process.env.REFLOW_SHOTS}/wide-queue`);
    expect(await withJs.locator('aside > details.fold > summary').isVisible()).toBe(false);
    expect(await withJs.locator('header details.fold > summary').isVisible()).toBe(false);
    expect(await withJs.getByLabel('Metinde ara').isVisible()).toBe(true);
    expect(await withJs.getByRole('link', { name: 'İddialar' }).isVisible()).toBe(true);
    await withJs.context().close();
    await noJs.close();
  }, 120_000);

  it('on a 390 px phone the portal folds all filters but the search words, and opens them on an error', async () => {
    const page = await h.session(null);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${h.base}/responses?province=İzmir&lang=tr`);
    expect(await page.locator('form details.fold > summary').textContent()).toBe('Diğer süzgeçler (1 etkin)');
    expect(await page.getByLabel('Aranacak sözcükler').isVisible()).toBe(true);
    expect(await page.getByLabel('İl', { exact: true }).isVisible()).toBe(false);
    const top = await page.evaluate<number>(
      `document.querySelector('.portal-hit').getBoundingClientRect().top`,
    );
    expect(top).toBeLessThan(844);
    await page.locator('form details.fold > summary').click();
    expect(await page.getByLabel('İl', { exact: true }).isVisible()).toBe(true);
    // A wrong date comes back with the fold open, so its error is in sight.
    await page.goto(`${h.base}/responses?from=2024-13-45&lang=tr`);
    expect(await page.locator('#from-err').isVisible()).toBe(true);
    const o = await overflow(page);
    expect(o.scroll, o.out.join(' ')).toBeLessThanOrEqual(o.width);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('form details.fold').isVisible()).toBe(false);
    expect(await page.getByLabel('İl', { exact: true }).isVisible()).toBe(true);
    await page.context().close();
  }, 120_000);

  it("at 1280 px the item page's tag table fits its card; in a narrow card it restacks", async () => {
    const page = await h.session('staff');
    // Where the tag table ends, where its card's content ends, and whether its region scrolls.
    const fits = () =>
      page.evaluate<{ table: number; card: number; region: [number, number] }>(`(() => {
        const t = document.querySelector('table.restack-small');
        const card = t.closest('.card');
        const region = t.closest('.table-scroll');
        return {
          table: t.getBoundingClientRect().right,
          card: card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight),
          region: [region.scrollWidth, region.clientWidth],
        };
      })()`);
    for (const width of [1280, 1024, 390, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const id of [ids.item, ids.app]) {
        await page.goto(`${h.base}/items/${id}?lang=tr`);
        const m = await fits();
        if (process.env.REFLOW_SHOTS && width === 1280)
          await screens(page, `${process.env.REFLOW_SHOTS}/wide-${named(id)}`);
        expect(m.table, `${width} ${id}`).toBeLessThanOrEqual(m.card + 0.5);
        expect(m.region[0], `${width} ${id}`).toBeLessThanOrEqual(m.region[1]);
      }
    }
    // At 320 px the rows are blocks that name their cells.
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector('table.restack-small td'), '::before').content`,
      ),
    ).toBe('"Puan: "');
    await page.context().close();
  }, 120_000);

  it('the intake form, its receipt and the status answer fit a 320 px phone', async () => {
    const page = await h.session(null);
    await page.setViewportSize({ width: 320, height: 700 });
    await page.goto(`${h.base}/basvuru?lang=tr`);
    await page.locator('#f-type-ihbar').check();
    await page.locator('#f-subject').fill(`Sahte kampanya ${HASHTAG}`);
    await page.locator('#f-text').fill(`Şu adreste yayılıyor: ${LONG_URL} ${LONG_WORD}`);
    await page.locator('#f-province').selectOption('İzmir');
    await page.locator('#f-name').fill('Ece Demir');
    await page.locator('#f-consent').check();
    await page.getByRole('button', { name: 'Başvuruyu gönder' }).click();
    // The form comes back with an error summary (no e-mail or phone): that page fits too.
    await page.waitForSelector('#error-summary');
    let o = await overflow(page);
    expect(o.scroll, o.out.join(' ')).toBeLessThanOrEqual(o.width);
    await page.locator('#f-email').fill('ece.demir.uzun.eposta.adresi@ornek-belediye-hizmetleri.gov.tr');
    await page.locator('#f-consent').check();
    await page.getByRole('button', { name: 'Başvuruyu gönder' }).click();
    await page.waitForSelector('.tracking-code');
    const code = (await page.locator('.tracking-code').textContent())!.trim();
    o = await overflow(page);
    expect(o.scroll, o.out.join(' ')).toBeLessThanOrEqual(o.width);
    if (process.env.REFLOW_SHOTS) await screens(page, `${process.env.REFLOW_SHOTS}/public_receipt`);
    await page.goto(`${h.base}/basvuru/durum?lang=tr`);
    await page.getByLabel('Takip kodu').fill(code);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result-h');
    o = await overflow(page);
    expect(o.scroll, o.out.join(' ')).toBeLessThanOrEqual(o.width);
    if (process.env.REFLOW_SHOTS) await screens(page, `${process.env.REFLOW_SHOTS}/public_status_result`);
    await page.context().close();
  }, 120_000);
});
