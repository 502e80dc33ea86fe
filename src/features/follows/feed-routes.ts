import { Hono, type MiddlewareHandler } from 'hono';
import type { Config } from '../../config.js';
import { NotFoundError } from '../../domain/errors.js';
import { type PublishedResponse, publishedResponseSchema } from '../../domain/published-response.js';
import type { SearchIndex } from '../../search/types.js';
import type { FollowStore } from '../../store/follow-store.js';
import { createDictionaries, translator } from '../../web/ui/i18n.js';
import { followsFilter } from './follows-input.js';
import { en, tr } from './i18n.js';
import {
  type FeedFormat,
  feedTokenPattern,
  feedUrl,
  hashFeedToken,
  renderPersonalFeed,
} from './personal-feed.js';

/** Entries in a personal feed. */
export const PERSONAL_FEED_SIZE = 50;

const contentTypes: Record<FeedFormat, string> = {
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
};

/**
 * `GET /feeds/personal/:token.atom|.rss`: the newest published responses that match
 * the token owner's follows. Unknown or revoked tokens and inactive accounts answer 404.
 */
export function createPersonalFeedRoutes(deps: {
  follows: Pick<FollowStore, 'byFeedTokenHash'>;
  search: Pick<SearchIndex, 'search'>;
  /** Per-client limit on feed requests (answers 429 itself). */
  rateLimit: MiddlewareHandler;
  config: Pick<Config, 'PUBLIC_BASE_URL'>;
}) {
  const app = new Hono();
  const dicts = createDictionaries([{ tr, en }]);
  app.get('/feeds/personal/:file', deps.rateLimit, async (c) => {
    const m = /^(.+)\.(atom|rss)$/.exec(c.req.param('file'));
    const token = m?.[1] ?? '';
    const format = (m?.[2] ?? 'atom') as FeedFormat;
    const follower = feedTokenPattern.test(token)
      ? await deps.follows.byFeedTokenHash(hashFeedToken(token))
      : null;
    if (!follower) throw new NotFoundError('no such feed');
    const filter = followsFilter(follower);
    const hits = filter
      ? (
          await deps.search.search<PublishedResponse>('responses', {
            filter,
            sort: ['publishedAt:desc'],
            limit: PERSONAL_FEED_SIZE,
          })
        ).hits
      : [];
    const lang = c.get('lang') ?? 'tr';
    const t = translator(dicts, lang);
    const base = deps.config.PUBLIC_BASE_URL;
    const xml = renderPersonalFeed({
      format,
      baseUrl: base,
      selfUrl: feedUrl(base, token, format),
      title: t('follows.feedTitle'),
      description: t('follows.feedDescription'),
      lang,
      topicLabel: (code, l) => c.get('tagLabels')?.tag(code, l) ?? code,
      // Only the published document's fields, whatever else the index might hold.
      responses: hits.map((h) => publishedResponseSchema.parse(h)),
    });
    c.header('content-type', contentTypes[format]);
    c.header('cache-control', 'private, no-cache');
    c.header('referrer-policy', 'no-referrer');
    c.header('x-robots-tag', 'noindex');
    return c.body(xml);
  });
  return app;
}
