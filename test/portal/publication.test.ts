import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimReview } from '../../src/domain/claim-review.js';
import { formatLocal } from '../../src/pipeline/publish-time.js';
import { client } from '../web/fixture.js';
import {
  approvedResponse,
  BASE_URL,
  createPortalFixture,
  damItem,
  jsonLdOf,
  type PortalFixture,
} from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON answers are checked field by field below.
type Json = Record<string, any>;

let f: PortalFixture;
beforeAll(async () => {
  f = await createPortalFixture();
});
afterAll(() => f?.dispose());

const anon = () => client(f);
const publicationRows = async (id: string) =>
  (
    await f.app.db.query<{ seq: number; version: number; correction_note: string | null }>(
      'SELECT seq, version, correction_note FROM response_publications WHERE response_id = $1 ORDER BY seq',
      [id],
    )
  ).rows;
const eventsFor = (id: string) => f.events.filter((e) => e.payload.response.id === id);
const inIndex = async (id: string) =>
  (await f.app.search.search('responses', { filter: `id = "${id}"`, limit: 1 })).total === 1;

describe('publication', () => {
  it('publishes the approved version now: page, index, event, item status', async () => {
    const id = await approvedResponse(f);
    expect((await anon().request(`/responses/${id}`)).status).toBe(404);
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);

    const page = await anon().request(`/responses/${id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Baraj patladı iddiası yanlış');
    expect(html).toContain(`<link rel="canonical" href="${BASE_URL}/responses/${id}"`);
    expect(html).toContain(`<meta property="og:url" content="${BASE_URL}/responses/${id}"`);
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"');
    // Topics by their labels, never tag codes: on the page and in the portal's topic filter.
    expect(html).toMatch(/<dd>[^<]*Afet söylentisi[^<]*<\/dd>/);
    expect(html).not.toMatch(/disaster_rumour|>urgency|, urgency/);
    const search = await (await anon().request('/responses')).text();
    expect(search).toContain('<option value="disaster_rumour">Afet söylentisi</option>');
    expect(await inIndex(id)).toBe(true);
    expect(eventsFor(id).map((e) => e.name)).toEqual(['response.published']);
    expect(await publicationRows(id)).toEqual([{ seq: 1, version: 1, correction_note: null }]);
    const item = await f.app.stores.items.get(await damItem(f));
    expect(item?.status).toBe('responded');
    const draft = await (await f.sup.request(`/drafts/${id}`)).text();
    expect(draft).toContain('Yayımlandı');
  });

  it('carries a ClaimReview whose fields are all right', async () => {
    const id = await approvedResponse(f, { title: 'ClaimReview denemesi', verdict: 'misleading' });
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
    const ld = jsonLdOf(await (await anon().request(`/responses/${id}`)).text()) as unknown as ClaimReview;
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('ClaimReview');
    expect(ld.url).toBe(`${BASE_URL}/responses/${id}`);
    expect(ld.claimReviewed).toBe('Baraj patladı, şehir sular altında kalacak');
    expect(Number.isNaN(Date.parse(ld.datePublished))).toBe(false);
    expect(ld.dateModified).toBeUndefined();
    expect(ld.author).toEqual({
      '@type': 'Organization',
      name: 'Köprü Doğrulama Masası',
      url: `${BASE_URL}/`,
    });
    expect(ld.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 2,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Yanıltıcı',
    });
    expect(ld.itemReviewed['@type']).toBe('Claim');
    // Only public posts with a URL in the item's cluster, earliest first; never the application.
    expect(ld.itemReviewed.appearance).toEqual([
      {
        '@type': 'CreativeWork',
        url: 'https://social.example/p/1',
        datePublished: '2024-03-01T08:00:00.000Z',
      },
      {
        '@type': 'CreativeWork',
        url: 'https://social.example/p/2',
        datePublished: '2024-03-02T10:00:00.000Z',
      },
    ]);
    expect(ld.itemReviewed.firstAppearance).toEqual(ld.itemReviewed.appearance[0]);
    const api = (await (
      await anon().request(`/api/v1/responses/${id}`, { headers: { accept: 'application/json' } })
    ).json()) as { claimReview: ClaimReview; url: string };
    expect(api.claimReview).toEqual(ld);
    expect(api.url).toBe(`${BASE_URL}/responses/${id}`);
  });

  it('keeps an embargoed response off every public route until its time, then publishes it exactly once', async () => {
    const id = await approvedResponse(f, {
      title: 'Ambargolu yanıt başlığı',
      summary: 'Ambargolu özet metni.',
    });
    const at = new Date(Date.now() + 2 * 86_400_000);
    const local = formatLocal(at).replace(' ', 'T');
    expect((await f.sup.post(`/drafts/${id}/publish`, { publishAt: local })).status).toBe(303);
    const r = await f.app.db.query<{ state: string; publish_at: string }>(
      'SELECT state, publish_at FROM responses WHERE id = $1',
      [id],
    );
    expect(r.rows[0]!.state).toBe('scheduled');
    // Entered in Istanbul time, stored in UTC (minute precision).
    expect(r.rows[0]!.publish_at).toBe(new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString());
    expect(await (await f.sup.request(`/drafts/${id}`)).text()).toContain('Ambargolu (zamanlanmış)');

    const hidden = async () => {
      const c = anon();
      expect((await c.request(`/responses/${id}`)).status).toBe(404);
      expect(await (await c.request('/responses?q=Ambargolu')).text()).not.toContain(
        'Ambargolu yanıt başlığı',
      );
      expect(await (await c.request('/responses.rss')).text()).not.toContain('Ambargolu');
      expect(await (await c.request('/responses.atom')).text()).not.toContain('Ambargolu');
      expect(
        (await c.request(`/api/v1/responses/${id}`, { headers: { accept: 'application/json' } })).status,
      ).toBe(404);
      expect(await (await c.request('/api/v1/responses?q=Ambargolu')).text()).not.toContain('Ambargolu');
    };
    await hidden();
    expect(await f.portal.publication.tick(new Date(at.getTime() - 120_000))).toEqual([]);
    await hidden();

    const later = new Date(at.getTime() + 1000);
    const runs = await Promise.all([1, 2, 3].map(() => f.portal.publication.tick(later)));
    expect(runs.flat()).toEqual([id]);
    expect(await publicationRows(id)).toHaveLength(1);
    expect(eventsFor(id).map((e) => e.name)).toEqual(['response.published']);
    expect(await f.portal.publication.tick(new Date(later.getTime() + 60_000))).toEqual([]);
    expect(eventsFor(id)).toHaveLength(1);
    const page = await anon().request(`/responses/${id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ambargolu yanıt başlığı');
    expect(await inIndex(id)).toBe(true);
  });

  it('publishes a public response only on an item with a verdict, confirmed by a supervisor when flagged', async () => {
    const { rows } = await f.app.db.query<{ id: string; flagged: boolean }>(
      `SELECT i.id, t.flagged FROM items i JOIN tag_results t ON t.item_id = i.id
       WHERE i.kind = 'post' AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.item_id = i.id)
       ORDER BY t.flagged DESC LIMIT 1`,
    );
    const item = rows[0]!;
    const id = await approvedResponse(f, { title: 'Kararsız kayıt' }, { itemId: item.id, noVerdict: true });
    const refused = await f.sup.post(`/drafts/${id}/publish?lang=en`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('record a verdict on the item');
    // The draft page says so instead of offering the publish form.
    const page = await (await f.sup.request(`/drafts/${id}?lang=en`)).text();
    expect(page).toContain('record a verdict on the item');
    expect(page).not.toContain(`action="/drafts/${id}/publish"`);
    const vid = await f.app.stores.review.addVerdict(
      item.id,
      { verdict: 'false', evidenceLinks: [], notes: '', claimId: undefined },
      f.users.staff!.id,
    );
    if (item.flagged) {
      expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(400);
      expect(await (await f.sup.request(`/drafts/${id}?lang=en`)).text()).toContain(
        'a supervisor must confirm',
      );
      await f.app.stores.review.confirmVerdict(vid, f.users.supervisor!.id);
    }
    // With the verdict in place the publish form is offered (not used here: later tests count publications).
    expect(await (await f.sup.request(`/drafts/${id}?lang=en`)).text()).toContain(
      `action="/drafts/${id}/publish"`,
    );
  });

  it('refuses an embargo time in the past or malformed, and publish before approval', async () => {
    const id = await approvedResponse(f, { title: 'Zaman doğrulaması' });
    expect((await f.sup.post(`/drafts/${id}/publish`, { publishAt: '2001-01-01T10:00' })).status).toBe(400);
    expect((await f.sup.post(`/drafts/${id}/publish`, { publishAt: 'yarın' })).status).toBe(400);
    expect((await f.staff.post(`/drafts/${id}/publish`)).status).toBe(403);
    const draft = await f.staff.post('/drafts', {
      itemId: await damItem(f),
      kind: 'public',
      title: 'Onaysız',
      claimReviewed: 'İddia metni',
      verdict: 'false',
      summary: 'Özet metni',
      body: 'Metin',
      sources: '',
    });
    const draftId = draft.headers.get('location')!.split('/').pop()!;
    expect((await f.sup.post(`/drafts/${draftId}/publish`)).status).toBe(409);
    expect(await publicationRows(draftId)).toEqual([]);
  });

  it('corrects a published response: old version stays public until republished with a note', async () => {
    const id = await approvedResponse(f, { title: 'Düzeltilecek yanıt v1' });
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);

    const revised = await f.staff.post(`/drafts/${id}`, {
      expected: 'published',
      title: 'Düzeltilmiş yanıt v2',
      claimReviewed: 'Baraj patladı, şehir sular altında kalacak',
      verdict: 'false',
      summary: 'Baraj sağlam; DSİ ve valilik açıkladı.',
      body: 'Baraj **sağlam**, valilik de doğruladı.',
      sources: 'https://dsi.example/aciklama',
      lang: 'tr',
    });
    expect(revised.status).toBe(303);
    const during = await (await anon().request(`/responses/${id}`)).text();
    expect(during).toContain('Düzeltilecek yanıt v1');
    expect(during).not.toContain('v2');

    expect((await f.staff.post(`/drafts/${id}/submit`)).status).toBe(303);
    expect((await f.staff.post(`/drafts/${id}/approve`)).status).toBe(403);
    expect((await f.sup.post(`/drafts/${id}/approve`)).status).toBe(303);
    expect(await (await anon().request(`/responses/${id}`)).text()).toContain('Düzeltilecek yanıt v1');
    const noNote = await f.sup.post(`/drafts/${id}/publish`);
    expect(noNote.status).toBe(400);
    expect(await (await anon().request(`/responses/${id}`)).text()).toContain('Düzeltilecek yanıt v1');

    expect(
      (await f.sup.post(`/drafts/${id}/publish`, { note: 'Valiliğin açıklaması eklendi.' })).status,
    ).toBe(303);
    const html = await (await anon().request(`/responses/${id}`)).text();
    expect(html).toContain('Düzeltilmiş yanıt v2');
    expect(html).toContain('Valiliğin açıklaması eklendi.');
    expect(html).toMatch(/Sürüm 2, <time datetime="[^"]+">\d{4}-\d{2}-\d{2}<\/time>/);
    const ld = jsonLdOf(html);
    expect(typeof ld.dateModified).toBe('string');
    expect(await publicationRows(id)).toEqual([
      { seq: 1, version: 1, correction_note: null },
      { seq: 2, version: 2, correction_note: 'Valiliğin açıklaması eklendi.' },
    ]);
    expect(eventsFor(id).map((e) => e.name)).toEqual(['response.published', 'response.corrected']);
    expect((eventsFor(id)[1]!.payload as { note: string }).note).toBe('Valiliğin açıklaması eklendi.');
    const hit = await f.app.search.search<{ title: string; version: number }>('responses', {
      filter: `id = "${id}"`,
    });
    expect(hit.hits.map((h) => [h.title, h.version])).toEqual([['Düzeltilmiş yanıt v2', 2]]);
    const versions = await f.app.db.query('SELECT version FROM response_versions WHERE response_id = $1', [
      id,
    ]);
    expect(versions.rowCount).toBe(2);
  });

  it('publishes a reply to an applicant without making it public', async () => {
    const { rows } = await f.app.db.query<{ id: string }>(`SELECT id FROM items WHERE kind = 'application'`);
    const id = await approvedResponse(f, { title: 'Başvuru yanıtı' }, { itemId: rows[0]!.id, kind: 'reply' });
    expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
    expect((await anon().request(`/responses/${id}`)).status).toBe(404);
    expect(await publicationRows(id)).toEqual([]);
    expect(eventsFor(id)).toEqual([]);
  });

  it('rebuilds the responses index from the publication table', async () => {
    const n = await f.portal.publication.rebuildIndex();
    const { rows } = await f.app.db.query<{ n: number }>(
      'SELECT count(DISTINCT response_id)::int AS n FROM response_publications',
    );
    expect(n).toBe(rows[0]!.n);
    expect((await f.app.search.search('responses', { limit: 0 })).total).toBe(rows[0]!.n);
  });
});

describe('portal search, JSON API and feeds', () => {
  let istanbul = '';
  beforeAll(async () => {
    istanbul = await approvedResponse(f, {
      title: 'İstanbul köprüsü kapandı iddiası',
      claimReviewed: 'İstanbul köprüsü kapandı',
      verdict: 'true',
      summary: 'Köprü bakım için kapandı.',
    });
    expect((await f.sup.post(`/drafts/${istanbul}/publish`)).status).toBe(303);
  });
  const json = async (path: string) => {
    const res = await anon().request(path, { headers: { accept: 'application/json' } });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
  };

  it('pages through published responses with totals and a ClaimReview per hit', async () => {
    const all = await json('/api/v1/responses?perPage=100');
    expect(all.status).toBe(200);
    expect(all.headers.get('access-control-allow-origin')).toBe('*');
    const total = all.body.total as number;
    expect(total).toBe(5);
    const p1 = await json('/api/v1/responses?perPage=3&page=1');
    const p2 = await json('/api/v1/responses?perPage=3&page=2');
    expect([p1.body.page, p1.body.perPage, p1.body.totalPages, p1.body.hits.length]).toEqual([1, 3, 2, 3]);
    expect([p2.body.page, p2.body.hits.length]).toEqual([2, 2]);
    const ids = [...p1.body.hits, ...p2.body.hits].map((h: { id: string }) => h.id);
    expect(new Set(ids).size).toBe(5);
    for (const h of all.body.hits) {
      expect(h.claimReview['@type']).toBe('ClaimReview');
      expect(h.claimReview.url).toBe(h.url);
    }
    // Newest first without a query.
    const dates = all.body.hits.map((h: { publishedAt: number }) => h.publishedAt);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('filters by verdict, province and date, and finds İstanbul when asked for "istanbul"', async () => {
    expect((await json('/api/v1/responses?verdict=misleading')).body.total).toBe(1);
    expect((await json('/api/v1/responses?q=istanbul')).body.hits.map((h: { id: string }) => h.id)).toEqual([
      istanbul,
    ]);
    expect((await json(`/api/v1/responses?province=${encodeURIComponent('İzmir')}`)).body.total).toBe(5);
    expect((await json('/api/v1/responses?to=2001-01-01')).body.total).toBe(0);
    // The embargoed one was published by a tick with a clock two days ahead.
    const day = (ms: number) => formatLocal(new Date(Date.now() + ms)).slice(0, 10);
    expect((await json(`/api/v1/responses?from=${day(0)}&to=${day(0)}`)).body.total).toBe(4);
    expect((await json(`/api/v1/responses?from=${day(0)}&to=${day(3 * 86_400_000)}`)).body.total).toBe(5);
    const page = await (await anon().request('/responses?q=istanbul')).text();
    expect(page).toContain('İstanbul köprüsü kapandı iddiası');
    expect(page).toContain('<p role="status" id="portal-count">1 yanıt bulundu.</p>');
    expect(page).toContain(`href="/responses/${istanbul}"`);
    const filtered = await (await anon().request('/responses?verdict=true&lang=en')).text();
    expect(filtered).toContain('1 responses found.');
  });

  it('answers 400 with details for bad parameters, 404 for unknown ids', async () => {
    for (const q of [
      'perPage=101',
      'perPage=0',
      'page=0',
      'verdict=bogus',
      'from=2024-13-01',
      'from=2024-05-02&to=2024-05-01',
    ]) {
      const r = await json(`/api/v1/responses?${q}`);
      expect({ q, status: r.status, code: r.body.error?.code }).toEqual({
        q,
        status: 400,
        code: 'validation_failed',
      });
      expect(Array.isArray(r.body.error.details)).toBe(true);
    }
    expect((await json('/api/v1/responses/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await json('/api/v1/responses/not-an-id')).status).toBe(404);
    const page = await anon().request('/responses?from=2024-13-01');
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('aria-invalid="true" aria-describedby="from-err"');
    expect(html).toContain('id="from-err"');
    expect((await anon().request('/responses.rss?verdict=bogus')).status).toBe(400);
  });

  it('shows accessible pagination links on the portal page', async () => {
    const html = await (await anon().request('/responses?perPage=2&page=2')).text();
    expect(html).toContain('<nav aria-label="Sayfalar" class="pager">');
    expect(html).toContain('href="/responses?perPage=2&amp;page=3"');
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('rel="prev"');
  });

  it('serves RSS 2.0 and Atom with absolute links, newest first, filtered like the search', async () => {
    const { parseAtomFeed, parseRssFeed } = await import('feedsmith');
    const rss = await anon().request('/responses.rss');
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const feed = parseRssFeed(await rss.text());
    expect(feed.items).toHaveLength(5);
    for (const i of feed.items ?? []) expect(i.link).toMatch(new RegExp(`^${BASE_URL}/responses/`));
    const dates = (feed.items ?? []).map((i) => Date.parse(String(i.pubDate)));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(feed.items?.map((i) => i.link)).toContain(`${BASE_URL}/responses/${istanbul}`);
    // Categories are the verdict and the topics by their labels, never tag codes.
    const names = (feed.items ?? []).flatMap((i) => (i.categories ?? []).map((c) => c.name ?? ''));
    expect(names).toContain('Afet söylentisi');
    expect(names.join('|')).not.toMatch(/disaster_rumour|urgency|sensational/);
    const atom = await anon().request('/responses.atom?verdict=misleading');
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const a = parseAtomFeed(await atom.text());
    expect(a.entries?.map((e) => e.title)).toEqual([{ value: 'ClaimReview denemesi' }]);
    expect(a.entries?.[0]?.links?.[0]?.href).toMatch(new RegExp(`^${BASE_URL}/responses/`));
    expect(a.entries?.[0]?.categories).toEqual(
      expect.arrayContaining([{ term: 'disaster_rumour', label: 'Afet söylentisi' }]),
    );
  });

  it('documents the public API in OpenAPI', async () => {
    const doc = (await json('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/responses',
        '/api/v1/responses/{id}',
        '/responses.rss',
        '/responses.atom',
      ]),
    );
  });
});
