import type { PublicationDoc } from '../../domain/published-response.js';
import { formatLocal } from '../../pipeline/publish-time.js';
import { label } from '../../web/ui/i18n.js';
import type { ViewCtx } from '../../web/ui/layout.js';

/** A calendar date (Istanbul) in a `<time>` element. */
export const DateTime = ({ iso }: { iso: string }) => (
  <time datetime={iso}>{formatLocal(iso).slice(0, 10)}</time>
);

/** The verdict as text (never colour alone); the class only adds a visual cue. */
export const VerdictLabel = ({ v, verdict }: { v: ViewCtx; verdict: string }) => (
  <strong class={`verdict verdict-${verdict}`} lang={v.lang}>
    {label(v.t, 'verdict', verdict)}
  </strong>
);

/** One search result: title linking to the permalink, verdict, date, province, summary. */
export const ResultCard = ({ v, r }: { v: ViewCtx; r: PublicationDoc }) => (
  <li>
    <article class="card portal-hit" lang={r.lang}>
      <h3>
        <a href={r.url}>{r.title}</a>
      </h3>
      <p lang={v.lang}>
        {v.t('portal.verdict')}: <VerdictLabel v={v} verdict={r.verdict} /> · {v.t('portal.published')}:{' '}
        <DateTime iso={r.publishedAtIso} />
        {r.province ? ` · ${r.province}` : ''}
      </p>
      <p>{r.summary}</p>
    </article>
  </li>
);

/** Links to the feeds and the API, with the current filters. */
export const FeedLinks = ({ v, qs }: { v: ViewCtx; qs: string }) => (
  <aside aria-labelledby="feeds-h" class="portal-feeds">
    <h2 id="feeds-h">{v.t('portal.feeds')}</h2>
    <ul>
      <li>
        <a href={`/responses.rss${qs}`} type="application/rss+xml">
          {v.t('portal.rss')}
        </a>
      </li>
      <li>
        <a href={`/responses.atom${qs}`} type="application/atom+xml">
          {v.t('portal.atom')}
        </a>
      </li>
      <li>
        <a href={`/api/v1/responses${qs}`} type="application/json">
          {v.t('portal.api')}
        </a>
      </li>
    </ul>
  </aside>
);
