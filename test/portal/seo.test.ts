import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPersonalFeed } from '../../src/features/follows/personal-feed.js';
import { client } from '../web/fixture.js';
import { approvedResponse, BASE_URL, createPortalFixture, type PortalFixture } from './helpers.js';

let f: PortalFixture;
let id: string;
beforeAll(async () => {
  f = await createPortalFixture();
  id = await approvedResponse(f, {
    title: 'Su zehirlendi iddiası yanlış',
    summary: 'Özet: <otherwise> bir kelime & daha fazlası, hiçbir sözcük kaybolmaz.',
  });
  expect((await f.sup.post(`/drafts/${id}/publish`)).status).toBe(303);
});
afterAll(() => f?.dispose());

const anon = () => client(f);

describe('portal for search engines and link previews', () => {
  it('robots.txt lets crawlers read the portal and the application form only, and names the sitemap', async () => {
    const res = await anon().request('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toContain('Allow: /responses');
    expect(text).toContain('Allow: /basvuru');
    expect(text).toContain('Disallow: /\n');
    expect(text).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);
  });

  it('sitemap.xml lists the published responses with their dates', async () => {
    const res = await anon().request('/sitemap.xml');
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toMatch(
      new RegExp(`<url><loc>${BASE_URL}/responses/${id}</loc><lastmod>\\d{4}-\\d\\d-\\d\\dT`),
    );
    expect(xml).toContain(`<loc>${BASE_URL}/responses</loc>`);
  });

  it('the listing and a response carry a description, a share image, and tr/en alternates', async () => {
    const listing = await (await anon().request('/responses')).text();
    expect(listing).toMatch(/<meta name="description" content="Kamu iletişim ofisinin doğruladığı/);
    expect(listing).toContain(`<meta property="og:image" content="${BASE_URL}/assets/og-default.png"`);
    expect(listing).toContain(`<link rel="alternate" hreflang="en" href="${BASE_URL}/responses?lang=en"`);
    expect(listing).toContain(`<link rel="alternate" hreflang="x-default" href="${BASE_URL}/responses"`);
    const page = await (await anon().request(`/responses/${id}`)).text();
    expect(page).toContain(`<meta property="og:image" content="${BASE_URL}/assets/og-default.png"`);
    expect(page).toContain(`<link rel="alternate" hreflang="tr" href="${BASE_URL}/responses/${id}?lang=tr"`);
    const img = await anon().request('/assets/og-default.png');
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await img.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('public pages link to each other and their brand leads to the portal, not the staff login', async () => {
    for (const path of ['/responses', `/responses/${id}`, '/basvuru', '/basvuru/durum', '/login']) {
      const html = await (await anon().request(path)).text();
      expect({ path, brand: /<a class="brand" href="([^"]+)"/.exec(html)?.[1] }).toEqual({
        path,
        brand: '/responses',
      });
      for (const href of ['/responses', '/basvuru', '/basvuru/durum', '/login'])
        expect({ path, href, linked: html.includes(`href="${href}"`) }).toEqual({ path, href, linked: true });
    }
    const staffPage = await (await f.staff.request('/queue')).text();
    expect(/<a class="brand" href="([^"]+)"/.exec(staffPage)?.[1]).toBe('/');
  });

  it('a browser gets an HTML 404 page on the portal; the API answers JSON', async () => {
    const page = await anon().request('/responses/00000000-0000-0000-0000-000000000000');
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toMatch(/^<!DOCTYPE html>/);
    const api = await anon().request('/api/v1/responses/00000000-0000-0000-0000-000000000000', {
      headers: { accept: 'application/json' },
    });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
  });
});

describe('feeds', () => {
  it('an RSS description is escaped text: a summary with <otherwise> keeps every word', async () => {
    const xml = await (await anon().request('/responses.rss')).text();
    expect(xml).toContain('Özet: &lt;otherwise&gt; bir kelime &amp; daha fazlası');
    expect(xml).not.toMatch(/<description>\s*<!\[CDATA\[Özet: <otherwise>/);
  });

  it('each filter of the Atom feed is its own feed with its own id, and has an author', async () => {
    const all = await (await anon().request('/responses.atom')).text();
    const filtered = await (await anon().request('/responses.atom?verdict=false')).text();
    const idOf = (xml: string) => /<feed[^>]*>[\s\S]*?<id>([^<]+)<\/id>/.exec(xml)?.[1];
    expect(idOf(all)).toBeTruthy();
    expect(idOf(filtered)).toBeTruthy();
    expect(idOf(all)).not.toBe(idOf(filtered));
    expect(all).toMatch(/<author>\s*<name>[^<]+<\/name>/);
  });

  it('the personal feed: Atom with an author and an id per follower, RSS with atom:link rel=self', () => {
    const base = {
      baseUrl: BASE_URL,
      title: 'Takip',
      description: 'Takip ettikleriniz',
      lang: 'tr' as const,
      responses: [],
    };
    const a1 = renderPersonalFeed({
      ...base,
      format: 'atom',
      selfUrl: `${BASE_URL}/feeds/personal/AAA.atom`,
    });
    const a2 = renderPersonalFeed({
      ...base,
      format: 'atom',
      selfUrl: `${BASE_URL}/feeds/personal/BBB.atom`,
    });
    const idOf = (xml: string) => /<id>([^<]+)<\/id>/.exec(xml)?.[1];
    expect(idOf(a1)).toMatch(/^urn:kopru:feed:[0-9a-f]{32}$/);
    expect(idOf(a1)).not.toBe(idOf(a2));
    expect(a1).not.toContain('AAA.atom"><');
    expect(a1).toMatch(/<author>\s*<name>Köprü<\/name>/);
    const rss = renderPersonalFeed({ ...base, format: 'rss', selfUrl: `${BASE_URL}/feeds/personal/AAA.rss` });
    expect(rss).toMatch(/<atom:link href="https:\/\/portal\.example\/feeds\/personal\/AAA\.rss" rel="self"/);
  });
});
