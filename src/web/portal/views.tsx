import type { PublicationDoc } from '../../domain/published-response.js';
import { formatLocal } from '../../pipeline/publish-time.js';
import { label } from '../ui/i18n.js';
import type { ViewCtx } from '../ui/layout.js';

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
