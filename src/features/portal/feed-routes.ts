import { generateAtomFeed, generateRssFeed } from 'feedsmith';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { verdictRatings } from '../../domain/claim-review.js';
import { ValidationError } from '../../domain/errors.js';
import type { PublicationDoc } from '../../domain/published-response.js';
import { escapeText } from '../../domain/xml-text.js';
import type { SearchIndex } from '../../search/types.js';
import { renderMarkdown } from '../responses/markdown.js';
import type { PortalConfig } from './portal-config.js';
import { portalQuerySchema, searchResponses, toResponsesSearch } from './query.js';

/**
 * `/responses.rss` (RSS 2.0) and `/responses.atom`: the newest 50 published
 * responses, optionally filtered like the portal search, with absolute links.
 */
export function createFeedRoutes(deps: {
  search: Pick<SearchIndex, 'search'>;
  baseUrl: string;
  portal: PortalConfig;
  guard: MiddlewareHandler[];
}) {
  const app = new Hono();
  const abs = (path: string) => `${deps.baseUrl}${path}`;

  async function newest(query: Record<string, string>) {
    const p = portalQuerySchema.safeParse(query);
    if (!p.success) throw new ValidationError('invalid feed parameters', p.error.issues);
    const search = toResponsesSearch({ ...p.data, sort: 'newest' }, false);
    return (await searchResponses(deps.search, search)).hits;
  }
  const lang = (q: Record<string, string>) => (q.lang === 'en' ? 'en' : 'tr');
  const updated = (r: PublicationDoc) => new Date(r.modifiedAtIso ?? r.publishedAtIso);
  /** A topic's label in the response's language (a topic that is no tag family stays as typed). */
  const topic = (c: Context, r: PublicationDoc, code: string) =>
    c.get('tagLabels')?.tag(code, r.lang) ?? code;

  app.use('/responses.rss', ...deps.guard);
  app.get('/responses.rss', async (c) => {
    const q = c.req.query();
    const hits = await newest(q);
    const l = lang(q);
    const xml = generateRssFeed({
      title: deps.portal.feedTitle[l],
      link: abs('/responses'),
      description: deps.portal.feedTitle[l],
      language: l,
      lastBuildDate: hits[0] ? updated(hits[0]) : new Date(0),
      atom: {
        links: [
          {
            href: abs(c.req.path + (new URL(c.req.url).search || '')),
            rel: 'self',
            type: 'application/rss+xml',
          },
        ],
      },
      items: hits.map((r) => ({
        title: r.title,
        link: abs(r.url),
        guid: { value: abs(r.url), isPermaLink: true },
        pubDate: new Date(r.publishedAtIso),
        // RSS readers read a description as HTML: the plain-text summary is escaped, so "<otherwise>" stays text.
        description: escapeText(r.summary),
        categories: [
          { name: verdictRatings[r.verdict][r.lang] },
          ...r.topics.map((t) => ({ name: topic(c, r, t) })),
        ],
        content: { encoded: renderMarkdown(r.body) },
      })),
    });
    return c.body(xml, 200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  });

  app.use('/responses.atom', ...deps.guard);
  app.get('/responses.atom', async (c) => {
    const q = c.req.query();
    const hits = await newest(q);
    const l = lang(q);
    const self = abs(c.req.path + (new URL(c.req.url).search || ''));
    const xml = generateAtomFeed({
      // RFC 4287: each filter is its own feed, with its own id (its address).
      id: self,
      title: { value: deps.portal.feedTitle[l] },
      updated: hits[0] ? updated(hits[0]) : new Date(0),
      authors: [{ name: deps.portal.organization.name, uri: deps.portal.organization.url ?? abs('/') }],
      links: [
        { href: self, rel: 'self', type: 'application/atom+xml' },
        { href: abs('/responses'), rel: 'alternate', type: 'text/html' },
      ],
      entries: hits.map((r) => ({
        id: abs(r.url),
        title: { value: r.title },
        updated: updated(r),
        published: new Date(r.publishedAtIso),
        links: [{ href: abs(r.url), rel: 'alternate', type: 'text/html', hreflang: r.lang }],
        summary: { value: r.summary },
        content: { type: 'html', value: renderMarkdown(r.body) },
        categories: [
          { term: r.verdict, label: verdictRatings[r.verdict][r.lang] },
          ...r.topics.map((t) => ({ term: t, label: topic(c, r, t) })),
        ],
      })),
    });
    return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });
  return app;
}
