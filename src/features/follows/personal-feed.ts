import { createHash, randomBytes } from 'node:crypto';
import { generateAtomFeed, generateRssFeed } from 'feedsmith';
import type { PublishedResponse } from '../../domain/published-response.js';
import { escapeText } from '../../domain/xml-text.js';

/** A new personal feed token (32 random bytes, base64url); only its hash is stored. */
export const newFeedToken = () => randomBytes(32).toString('base64url');

/** The stored form of a feed token. */
export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens as issued: 43 base64url characters. */
export const feedTokenPattern = /^[A-Za-z0-9_-]{43}$/;

export type FeedFormat = 'atom' | 'rss';

/** The feed's own URL (it contains the secret token). */
export const feedUrl = (baseUrl: string, token: string, format: FeedFormat) =>
  `${baseUrl}/feeds/personal/${token}.${format}`;

/** Renders the personal feed with feedsmith; links are absolute on the public base URL. */
export function renderPersonalFeed(opts: {
  format: FeedFormat;
  baseUrl: string;
  selfUrl: string;
  title: string;
  description: string;
  /** Who publishes the responses (Atom author); default "Köprü". */
  author?: string;
  lang: 'tr' | 'en';
  responses: PublishedResponse[];
  /** A topic's label in a language (tag families have one; a typed topic is its own label). */
  topicLabel?: (code: string, lang: 'tr' | 'en') => string;
}): string {
  const topic = (r: PublishedResponse, code: string) => opts.topicLabel?.(code, r.lang) ?? code;
  const link = (r: PublishedResponse) => `${opts.baseUrl}${r.url}`;
  const changed = (r: PublishedResponse) => new Date(r.modifiedAtIso ?? r.publishedAtIso);
  const updated = opts.responses.length
    ? new Date(Math.max(...opts.responses.map((r) => changed(r).getTime())))
    : new Date();
  // RFC 4287: an id unique to this feed. Each follower's feed (its token and filters) is its own
  // feed; a hash keeps the secret token out of the document.
  const feedId = `urn:kopru:feed:${createHash('sha256').update(opts.selfUrl).digest('hex').slice(0, 32)}`;
  if (opts.format === 'atom')
    return generateAtomFeed({
      id: feedId,
      title: { value: opts.title },
      authors: [{ name: opts.author ?? 'Köprü', uri: `${opts.baseUrl}/responses` }],
      subtitle: { value: opts.description },
      updated,
      links: [
        { href: opts.selfUrl, rel: 'self', type: 'application/atom+xml' },
        { href: `${opts.baseUrl}/`, rel: 'alternate', type: 'text/html' },
      ],
      entries: opts.responses.map((r) => ({
        id: link(r),
        title: { value: r.title },
        updated: changed(r),
        published: new Date(r.publishedAtIso),
        summary: { value: r.summary },
        links: [{ href: link(r), rel: 'alternate', type: 'text/html', hreflang: r.lang }],
        categories: [
          ...r.topics.map((t) => ({ term: t, label: topic(r, t) })),
          ...(r.province ? [{ term: r.province, scheme: `${opts.baseUrl}/provinces` }] : []),
        ],
      })),
    });
  return generateRssFeed({
    title: opts.title,
    link: `${opts.baseUrl}/`,
    description: opts.description,
    language: opts.lang,
    lastBuildDate: updated,
    atom: { links: [{ href: opts.selfUrl, rel: 'self', type: 'application/rss+xml' }] },
    items: opts.responses.map((r) => ({
      title: r.title,
      link: link(r),
      guid: { value: link(r), isPermaLink: true },
      pubDate: new Date(r.publishedAtIso),
      // RSS readers read a description as HTML: the plain-text summary is escaped, so "<otherwise>" stays text.
      description: escapeText(r.summary),
      categories: [
        ...r.topics.map((t) => ({ name: topic(r, t) })),
        ...(r.province ? [{ name: r.province }] : []),
      ],
    })),
  });
}
