import { Hono } from 'hono';
import { escapeMarkup } from '../../domain/xml-text.js';
import type { SearchIndex } from '../../search/types.js';

/** Sitemaps hold at most 50,000 addresses (sitemaps.org). */
const SITEMAP_MAX = 50_000;
const PAGE = 1000;

/**
 * `/robots.txt` and `/sitemap.xml` for search engines: the public portal (the
 * listing, every published response) and the citizens' application form may be
 * crawled; staff pages may not. With PORTAL_ACCESS=login nothing is public.
 */
export function createSeoRoutes(deps: {
  search: Pick<SearchIndex, 'search'>;
  baseUrl: string;
  access: 'public' | 'login';
}) {
  const app = new Hono();
  const abs = (path: string) => `${deps.baseUrl}${path}`;

  app.get('/robots.txt', (c) => {
    const lines =
      deps.access === 'public'
        ? [
            'User-agent: *',
            'Allow: /responses',
            'Allow: /basvuru',
            'Allow: /apply',
            'Disallow: /',
            '',
            `Sitemap: ${abs('/sitemap.xml')}`,
          ]
        : ['User-agent: *', 'Disallow: /'];
    return c.text(`${lines.join('\n')}\n`, 200, { 'cache-control': 'public, max-age=3600' });
  });

  app.get('/sitemap.xml', async (c) => {
    if (deps.access !== 'public') return c.notFound();
    const urls: { loc: string; lastmod?: string }[] = [{ loc: abs('/responses') }, { loc: abs('/basvuru') }];
    for (let offset = 0; offset < SITEMAP_MAX; offset += PAGE) {
      const res = await deps.search.search<{
        url: string;
        publishedAtIso: string;
        modifiedAtIso?: string | null;
      }>('responses', {
        sort: ['publishedAt:desc'],
        limit: Math.min(PAGE, SITEMAP_MAX - offset),
        offset,
        attributesToRetrieve: ['url', 'publishedAtIso', 'modifiedAtIso'],
      });
      for (const r of res.hits) urls.push({ loc: abs(r.url), lastmod: r.modifiedAtIso ?? r.publishedAtIso });
      if (res.hits.length < PAGE || offset + PAGE >= res.total) break;
    }
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      ...urls.map(
        (u) =>
          `  <url><loc>${escapeMarkup(u.loc)}</loc>${u.lastmod ? `<lastmod>${escapeMarkup(u.lastmod)}</lastmod>` : ''}</url>`,
      ),
      '</urlset>',
      '',
    ].join('\n');
    return c.body(body, 200, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'public, max-age=600',
    });
  });
  return app;
}
