/**
 * Stored XSS: script payloads in every text field a person or a feed can fill (post text,
 * author, source, province, URL; application subject and text; claim text and topic; a
 * bulk tag; verdict notes; every field of a response draft, its Markdown body included)
 * are inert on every page that shows them, in Chromium with the CSP bypassed (so the
 * escaping itself is under test, not the CSP). Each payload would set `window.__xss` if it
 * ran. `javascript:`, `data:` and `vbscript:` URLs (mixed case, with blanks) never become
 * a link, whether they come through a form (refused) or were already in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { approvedResponse, createPortalFixture, damItem, type PortalFixture } from '../portal/helpers.js';
import { confirmedVerdict } from '../web/fixture.js';
import { inspect } from './inspect.js';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '"><svg onload=window.__xss=1>',
  "'><img src=x onerror=window.__xss=1>",
  '</title><script>window.__xss=1</script>',
  '</textarea><script>window.__xss=1</script>',
  '<a href="javascript:window.__xss=1">tıkla</a>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  ']]><script>window.__xss=1</script>',
  '<!-- --><style>*{}</style><body onload=window.__xss=1>',
  '{{constructor.constructor("window.__xss=1")()}}',
];
const ALL = PAYLOADS.join(' ');
// Short ones for fields with small limits (a tag label is at most 60 characters).
const SHORT = '"><svg onload=window.__xss=1>';
const MARKER = 'XSSMARKER';

const BAD_URLS = [
  'javascript:window.__xss=1',
  'JaVaScRiPt:window.__xss=1',
  ' javascript:window.__xss=1',
  'java\tscript:window.__xss=1',
  'data:text/html,<script>window.__xss=1</script>',
  'vbscript:msgbox(1)',
];

const MARKDOWN = [
  `# ${MARKER} <script>window.__xss=1</script>`,
  '',
  '[bir](javascript:window.__xss=1) [iki](JaVaScRiPt:window.__xss=1) [üç]( javascript:window.__xss=1)',
  '[dört](data:text/html,<script>window.__xss=1</script>) [beş](vbscript:msgbox)',
  '[altı](https://ok.example/"onmouseover="window.__xss=1) *[yedi](https://a.example/*b"onclick=x)*',
  '`<img src=x onerror=window.__xss=1>` **<svg onload=window.__xss=1>**',
  '',
  '> <iframe srcdoc="<script>parent.__xss=1</script>">',
  '- </textarea><script>window.__xss=1</script>',
  '1. "><img src=x onerror=window.__xss=1>',
].join('\n');

let f: PortalFixture;
let h: BrowserHarness;
let hostileItem = '';
let appId = '';
let claimId = '';
let responseId = '';
let replyId = '';

beforeAll(async () => {
  f = await createPortalFixture();
  // Bad URLs are refused at the door (the rest of the batch still goes in).
  const bad = await f.app.ingest.ingest(
    'post',
    BAD_URLS.map((url) => ({ source: 'kotu-url', text: `Kötü bağlantı ${MARKER}`, url })),
  );
  expect(bad.rejected).toHaveLength(BAD_URLS.length);
  await f.app.ingest.ingest('post', [
    {
      source: `kaynak ${SHORT}`.slice(0, 200),
      author: `yazar ${PAYLOADS.slice(0, 4).join(' ')}`,
      text: `${MARKER} Baraj patladı ${ALL}`,
      url: 'https://evil.example/"><svg onload=window.__xss=1>',
      province: `İl ${SHORT}`,
    },
  ]);
  await f.app.ingest.ingest('application', [
    {
      type: 'sikayet',
      subject: `${MARKER} ${PAYLOADS.slice(0, 5).join(' ')}`,
      text: `${MARKER} Başvuru metni ${ALL}`,
      applicant: { name: `Ad ${SHORT}` },
    },
  ]);
  await eventually('hostile items indexed', async () => {
    const r = await f.app.search.search('items', { q: MARKER, limit: 0 });
    return r.total >= 2;
  });
  const { rows } = await f.app.db.query<{ id: string; kind: string }>(
    `SELECT id, kind FROM items WHERE text LIKE '%${MARKER}%' OR subject LIKE '%${MARKER}%'`,
  );
  hostileItem = rows.find((r) => r.kind === 'post')!.id;
  appId = rows.find((r) => r.kind === 'application')!.id;

  // A bulk tag, a claim, verdict notes: all with payloads.
  const staff = f.staff;
  expect((await staff.post('/queue/bulk', { action: 'tag', ids: hostileItem, label: SHORT })).status).toBe(
    303,
  );
  const claim = await staff.post('/claims', { text: `${MARKER} ${ALL}`, verdict: 'false', topic: SHORT });
  expect(claim.status).toBe(303);
  claimId = claim.headers.get('location')!.split('/').pop()!.split('?')[0]!;
  for (const url of BAD_URLS) {
    const res = await staff.post(`/items/${hostileItem}/verdict`, {
      verdict: 'false',
      evidenceLinks: url,
      notes: 'x',
    });
    expect({ url, status: res.status }).toEqual({ url, status: 400 });
  }
  expect(
    (
      await staff.post(`/items/${hostileItem}/verdict`, {
        verdict: 'false',
        evidenceLinks: 'https://kanit.example/a',
        notes: `${MARKER} ${ALL}`,
      })
    ).status,
  ).toBe(303);

  // A draft's sources take http(s) only.
  for (const url of BAD_URLS) {
    const res = await staff.post('/drafts', {
      itemId: hostileItem,
      kind: 'public',
      title: 'Başlık',
      claimReviewed: 'İddia',
      verdict: 'false',
      summary: 'Özet metni',
      body: 'Metin',
      sources: url,
    });
    expect({ url, status: res.status }).toEqual({ url, status: 400 });
  }

  // Rows that got into the database some other way (an old import, a manual fix) with bad URLs:
  // two posts in the dam cluster, whose URLs become the published response's appearances.
  const dam = await damItem(f);
  await f.app.db.query(`UPDATE items SET url = $1 WHERE source = 'sosyal-c'`, ['JaVaScRiPt:window.__xss=1']);
  await f.app.db.query(`UPDATE items SET url = $1 WHERE source = 'sosyal-d'`, [
    'data:text/html,<script>window.__xss=1</script>',
  ]);
  // The dam response: every field hostile; submitted (a notification), approved and published.
  await confirmedVerdict(f, dam);
  responseId = await approvedResponse(
    f,
    {
      title: `${MARKER} </title><script>window.__xss=1</script>"><svg onload=window.__xss=1>`,
      claimReviewed: `${MARKER} ${ALL}`,
      summary: `${MARKER} ${ALL}`,
      body: MARKDOWN,
      sources: 'https://kaynak.example/a?q="><svg onload=window.__xss=1>',
    },
    { itemId: dam, noVerdict: true },
  );
  expect((await f.sup.post(`/drafts/${responseId}/publish`)).status).toBe(303);
  // A second draft on the hostile item, left for review (drafts list, draft page).
  const d = await staff.post('/drafts', {
    itemId: hostileItem,
    kind: 'reply',
    title: `${MARKER} ${SHORT}`,
    claimReviewed: `${MARKER} ${ALL}`,
    verdict: 'false',
    summary: `${MARKER} ${ALL}`,
    body: MARKDOWN,
    sources: '',
  });
  expect(d.status).toBe(303);
  expect((await staff.post(`${d.headers.get('location')!}/submit`)).status).toBe(303);
  replyId = d.headers.get('location')!.split('/').pop()!;
  // Bad URLs that reached stored sources and evidence links some other way: shown as text.
  await f.app.db.query('UPDATE response_versions SET sources = $1::jsonb WHERE response_id = $2', [
    JSON.stringify(['javascript:window.__xss=1', 'https://kaynak.example/iyi']),
    replyId,
  ]);
  await f.app.db.query('UPDATE verdicts SET evidence_links = $1::jsonb WHERE item_id = $2', [
    JSON.stringify(['JaVaScRiPt:window.__xss=1', 'https://kanit.example/a']),
    hostileItem,
  ]);
  await f.app.db.query(
    `UPDATE response_publications SET doc = jsonb_set(doc, '{sources}', $1::jsonb) WHERE response_id = $2`,
    [
      JSON.stringify(['data:text/html,<script>window.__xss=1</script>', 'https://kaynak.example/iyi']),
      responseId,
    ],
  );
  h = await startBrowser(f.app);
}, 240_000);
afterAll(async () => {
  await h?.close();
  await f?.dispose();
});

/** What a page holds that it should not: executed payloads, injected elements, handlers, bad links. */

const clean = { xss: undefined, handlers: [], injected: [], scripts: 0, badLinks: [] };

async function visit(role: string | null, paths: string[]) {
  const page = await h.session(role);
  const seen: Record<string, boolean> = {};
  for (const p of paths) {
    const res = await page.goto(`${h.base}${p}`);
    expect({ p, status: res?.status() }).toEqual({ p, status: 200 });
    // Let any onerror/onload fire (a broken image errors after the load event).
    await page.waitForLoadState('load');
    await page.waitForTimeout(50);
    const r = await inspect(page);
    seen[p] = r.markerShown;
    const { markerShown: _, ...rest } = r;
    expect({ p, ...rest }).toEqual({ p, ...clean });
  }
  await page.context().close();
  return seen;
}

describe('stored XSS payloads are inert', () => {
  it('the page check sees a payload that did run (a control, so a clean result means something)', async () => {
    const page = await h.session(null);
    await page.setContent(`<p>${PAYLOADS[0]} <a href=" JaVa\tScript:x">x</a> ${MARKER}</p>`);
    await page.waitForTimeout(50);
    const r = await inspect(page);
    expect(r.xss).toBe(1);
    expect(r.handlers).toHaveLength(1);
    expect(r.injected).toHaveLength(1);
    expect(r.badLinks).toHaveLength(1);
    expect(r.markerShown).toBe(true);
    await page.context().close();
  });

  it('staff pages: queue, item, drafts, claims, applications', async () => {
    const seen = await visit('staff', [
      '/queue',
      `/queue?q=${MARKER}`,
      `/queue?tags=${encodeURIComponent(SHORT)}`,
      `/items/${hostileItem}`,
      `/items/${await damItem(f)}`,
      '/drafts',
      `/drafts/${responseId}`,
      `/drafts/${replyId}`,
      '/claims',
      `/claims/${claimId}`,
      '/applications',
      `/applications/${appId}`,
      `/items/${appId}`,
    ]);
    // The payloads really are on these pages, as text.
    for (const p of ['/queue', `/items/${hostileItem}`, `/claims/${claimId}`, `/applications/${appId}`])
      expect({ p, shown: seen[p] }).toEqual({ p, shown: true });
    // The stored bad evidence link and draft source are on the pages, as text only.
    const page = await h.session('staff');
    for (const [p, text] of [
      [`/items/${hostileItem}`, 'JaVaScRiPt:window.__xss=1'],
      [`/drafts/${replyId}`, 'javascript:window.__xss=1'],
    ] as const) {
      await page.goto(`${h.base}${p}`);
      expect({ p, shown: await page.getByText(text, { exact: true }).count() }).toEqual({ p, shown: 1 });
      expect(await page.locator('a[href^="https://"]').count()).toBeGreaterThan(0);
    }
    await page.context().close();
  });

  it('supervisor pages: dashboard, notifications, queue in English', async () => {
    const seen = await visit('supervisor', ['/dashboard', '/notifications', '/queue?lang=en', '/audit']);
    expect(seen['/notifications']).toBe(true);
  });

  it('journalist and admin pages: published list, sources', async () => {
    await visit('journalist', ['/published', `/published?q=${MARKER}`]);
    await visit('admin', ['/admin/sources', '/audit']);
  });

  it('public portal: listing, search, response page (appearance links with bad URLs are not links)', async () => {
    const seen = await visit(null, [
      '/responses',
      `/responses?q=${MARKER}`,
      `/responses/${responseId}`,
      `/responses/${responseId}?lang=en`,
    ]);
    expect(seen[`/responses/${responseId}`]).toBe(true);
    // The Markdown links with http(s) URLs are links; the others stayed text.
    const page = await h.session(null);
    await page.goto(`${h.base}/responses/${responseId}`);
    const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.getAttribute('href')!));
    expect(hrefs.every((x) => /^(https?:\/\/|\/|#|\?)/.test(x))).toBe(true);
    // The quote stayed inside the href (a Markdown link never gains an attribute).
    expect(hrefs.filter((x) => x.startsWith('https://ok.example/'))).toEqual([
      'https://ok.example/"onmouseover="window.__xss=1',
    ]);
    expect(await page.getByText('[bir](javascript:window.__xss=1)').count()).toBeGreaterThan(0);
    // A stored source with a data: URL is text; the http(s) one is a link.
    expect(
      await page.getByText('data:text/html,<script>window.__xss=1</script>', { exact: true }).count(),
    ).toBe(1);
    expect(hrefs).toContain('https://kaynak.example/iyi');
    await page.context().close();
  });

  it('RSS and Atom feeds: titles are text, HTML parts carry no script, handler or bad link', async () => {
    const page = await h.session(null);
    await page.goto(`${h.base}/responses`);
    for (const path of ['/responses.rss', '/responses.atom']) {
      const res = await f.app.web.request(`http://127.0.0.1${path}`);
      expect(res.status).toBe(200);
      const xml = await res.text();
      const r = await page.evaluate<{
        parseError: number;
        injected: number;
        titles: string[];
        htmlText: number;
        bad: string[];
      }>(`(() => {
        const doc = new DOMParser().parseFromString(${JSON.stringify(xml)}, 'application/xml');
        // What a reader renders as HTML: RSS descriptions and content:encoded, Atom type="html".
        const html = [
          ...doc.querySelectorAll('item > description, entry > [type="html"]'),
          ...doc.getElementsByTagNameNS('http://purl.org/rss/1.0/modules/content/', 'encoded'),
        ];
        const bad = [];
        for (const el of html) {
          const d = new DOMParser().parseFromString(el.textContent ?? '', 'text/html');
          for (const e of d.querySelectorAll('*')) {
            if (/^(script|iframe|object|embed|svg|img|style)$/i.test(e.tagName)) bad.push(e.outerHTML.slice(0, 80));
            for (const a of e.attributes)
              if (/^on/i.test(a.name) || /^(javascript|data|vbscript):/i.test(a.value.replace(/\\s/g, '')))
                bad.push(e.tagName + ' ' + a.name + '=' + a.value.slice(0, 40));
          }
        }
        return {
          parseError: doc.getElementsByTagName('parsererror').length,
          // Elements in the feed's own tree that only an injection could add.
          injected: doc.querySelectorAll('script, img, svg, iframe').length,
          titles: [...doc.querySelectorAll('item > title, entry > title')].map((t) => t.textContent),
          // Atom titles and summaries are plain text.
          htmlText: doc.querySelectorAll('entry > title[type="html"], entry > summary[type="html"]').length,
          bad,
        };
      })()`);
      expect({
        path,
        parseError: r.parseError,
        injected: r.injected,
        bad: r.bad,
        htmlText: r.htmlText,
      }).toEqual({
        path,
        htmlText: 0,
        parseError: 0,
        injected: 0,
        bad: [],
      });
      expect(r.titles.some((t) => t?.includes('</title><script>window.__xss=1</script>'))).toBe(true);
    }
    await page.context().close();
  });

  it('bad URLs already in the database are dropped from the published appearances', async () => {
    const res = await f.app.web.request(`http://127.0.0.1/api/v1/responses/${responseId}`, {
      headers: { accept: 'application/json' },
    });
    const body = (await res.json()) as { appearances: { url: string }[] };
    expect(body.appearances.map((a) => a.url).filter((u) => !/^https?:\/\//i.test(u))).toEqual([]);
  });
});
