import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { jsonLdText, toClaimReview } from '../../domain/claim-review.js';
import { NotFoundError } from '../../domain/errors.js';
import type { PublicationStore } from '../../store/publication-store.js';
import { ExternalLink } from '../../web/ui/external-link.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { renderMarkdown } from '../responses/markdown.js';
import { absoluteImage, organization, type PortalConfig } from './portal-config.js';
import { DateTime, FeedLinks, VerdictLabel } from './views.js';

/**
 * `GET /responses/:id`: the permalink of a published response, with its corrections
 * log, Open Graph and Twitter card tags, canonical link and ClaimReview JSON-LD.
 * Reads only the publication table.
 */
export function createResponsePage(deps: {
  publications: Pick<PublicationStore, 'latest'>;
  baseUrl: string;
  portal: PortalConfig;
}) {
  const app = new Hono();
  const abs = (path: string) => `${deps.baseUrl}${path}`;
  app.get('/responses/:id', async (c) => {
    const v = viewCtx(c);
    const r = await deps.publications.latest(c.req.param('id'));
    // Unknown, malformed and unpublished ids answer alike, so nothing tells them apart.
    if (!r) throw new NotFoundError('no published response at this address');
    const url = abs(r.url);
    const claimReview = toClaimReview(r, { baseUrl: deps.baseUrl, organization: organization(deps) });
    const first = claimReview.itemReviewed.firstAppearance?.url;
    const page = (head: Child) => (
      <Layout v={v} title={r.title} head={head}>
        <p>
          <a href="/responses">{v.t('portal.back')}</a>
        </p>
        <article class="card response portal-response" lang={r.lang}>
          <dl class="facts" lang={v.lang}>
            <dt>{v.t('portal.verdict')}</dt>
            <dd>
              <VerdictLabel v={v} verdict={r.verdict} />
            </dd>
            <dt>{v.t('portal.published')}</dt>
            <dd>
              <DateTime iso={r.publishedAtIso} />
            </dd>
            {r.modifiedAtIso ? (
              <>
                <dt>{v.t('portal.modified')}</dt>
                <dd>
                  <DateTime iso={r.modifiedAtIso} />
                </dd>
              </>
            ) : null}
            {r.province ? (
              <>
                <dt>{v.t('portal.province')}</dt>
                <dd>{r.province}</dd>
              </>
            ) : null}
            {r.topics.length ? (
              <>
                <dt>{v.t('portal.topics')}</dt>
                <dd>{r.topics.map((t) => v.tag(t)).join(', ')}</dd>
              </>
            ) : null}
          </dl>
          <h2 lang={v.lang}>{v.t('portal.claim')}</h2>
          <blockquote class="claim">{r.claimReviewed}</blockquote>
          <h2 lang={v.lang}>{v.t('portal.summary')}</h2>
          <p class="summary">{r.summary}</p>
          <div class="md">{raw(renderMarkdown(r.body))}</div>
          {r.sources.length ? (
            <>
              <h2 lang={v.lang}>{v.t('portal.sources')}</h2>
              <ul>
                {r.sources.map((s) => (
                  <li>
                    <ExternalLink href={s} rel="noopener noreferrer nofollow" />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {r.appearances.length ? (
            <>
              <h2 lang={v.lang}>{v.t('portal.appearances')}</h2>
              <ul>
                {claimReview.itemReviewed.appearance.map((a) => (
                  <li>
                    <a href={a.url} rel="noopener noreferrer nofollow ugc">
                      {a.url}
                    </a>{' '}
                    (<DateTime iso={a.datePublished} />
                    {a.url === first ? <span lang={v.lang}>, {v.t('portal.firstAppearance')}</span> : null})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </article>
        <section aria-labelledby="corr-h" class="corrections">
          <h2 id="corr-h">{v.t('portal.corrections')}</h2>
          {r.corrections.length ? (
            <ol>
              {r.corrections.map((x) => (
                <li>
                  <strong>
                    {v.t('portal.correctionEntry', { v: x.version })}, <DateTime iso={x.dateIso} />
                  </strong>
                  : <span lang={r.lang}>{x.note}</span>
                </li>
              ))}
            </ol>
          ) : (
            <p>{v.t('portal.noCorrections')}</p>
          )}
        </section>
        <p>
          {v.t('portal.permalink')}: <a href={r.url}>{url}</a>
        </p>
        <FeedLinks v={v} qs="" />
      </Layout>
    );
    const locale = r.lang === 'en' ? 'en_US' : 'tr_TR';
    const head = (
      <>
        <link rel="canonical" href={url} />
        <meta name="description" content={r.summary} />
        <meta property="og:type" content="article" />
        <meta property="og:site_name" content={deps.portal.siteName} />
        <meta property="og:title" content={r.title} />
        <meta property="og:description" content={r.summary} />
        <meta property="og:url" content={url} />
        <meta property="og:locale" content={locale} />
        <meta property="og:image" content={absoluteImage(deps.baseUrl, deps.portal.ogImage)} />
        <link rel="alternate" hreflang="tr" href={`${url}?lang=tr`} />
        <link rel="alternate" hreflang="en" href={`${url}?lang=en`} />
        <link rel="alternate" hreflang="x-default" href={url} />
        <meta property="article:published_time" content={r.publishedAtIso} />
        {r.modifiedAtIso ? <meta property="article:modified_time" content={r.modifiedAtIso} /> : null}
        <meta name="twitter:card" content="summary_large_image" />
        <meta name="twitter:title" content={r.title} />
        <meta name="twitter:description" content={r.summary} />
        <script type="application/ld+json">{raw(jsonLdText(claimReview))}</script>
      </>
    );
    return c.html(page(head));
  });
  return app;
}
