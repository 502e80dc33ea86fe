import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { verdicts } from '../../domain/review/verdicts.js';
import type { SearchIndex } from '../../search/types.js';
import { label, type MsgKey } from '../../web/ui/i18n.js';
import { Fold, Layout, viewCtx } from '../../web/ui/layout.js';
import { absoluteImage, type PortalConfig } from './portal-config.js';
import {
  type PortalQuery,
  portalQuerySchema,
  queryString,
  searchResponses,
  toResponsesSearch,
} from './query.js';
import { FeedLinks, ResultCard } from './views.js';

const FIELD_ERRORS: Record<string, MsgKey> = { from: 'portal.err.date', to: 'portal.err.date' };

/**
 * `GET /responses`: the portal's search page (words, verdict, topic, province,
 * dates, sort, pages). Reads only the `responses` index. Bad filters are shown
 * next to their fields (400), with the unfiltered results below.
 */
export function createSearchPage(deps: {
  search: Pick<SearchIndex, 'search'>;
  baseUrl: string;
  portal: PortalConfig;
}) {
  const app = new Hono();
  const abs = (path: string) => `${deps.baseUrl}${path}`;
  app.get('/responses', async (c) => {
    const v = viewCtx(c);
    const parsed = portalQuerySchema.safeParse(c.req.query());
    const errors = new Map<string, string>();
    if (!parsed.success)
      for (const i of parsed.error.issues) {
        const field = String(i.path[0] ?? 'q');
        const range = field === 'to' && i.message.includes('before');
        errors.set(field, v.t(range ? 'portal.err.range' : (FIELD_ERRORS[field] ?? 'portal.err.invalid')));
      }
    const given = c.req.query();
    const p: PortalQuery = parsed.success ? parsed.data : portalQuerySchema.parse({});
    const res = await searchResponses(deps.search, {
      ...toResponsesSearch(p),
      facets: ['verdict', 'topics', 'province'],
    });
    // Facet values for the selects come from an unfiltered search, so every choice stays offered.
    const all = await deps.search.search('responses', { limit: 0, facets: ['topics', 'province'] });
    const pages = Math.max(1, Math.ceil(res.total / p.perPage));
    const base = {
      q: p.q,
      verdict: p.verdict,
      topic: p.topic,
      province: p.province,
      from: p.from,
      to: p.to,
      sort: p.sort,
      perPage: p.perPage,
    };
    const active = (['verdict', 'topic', 'province', 'from', 'to'] as const).filter((k) => given[k]).length;
    const err = (f: string) =>
      errors.has(f) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${f}-err` } : {};
    const ErrorText = ({ f }: { f: string }) =>
      errors.has(f) ? (
        <p id={`${f}-err`} class="field-error">
          {errors.get(f)}
        </p>
      ) : null;
    const Select = ({
      name,
      id,
      options,
      value,
    }: {
      name: string;
      id: string;
      options: [string, string][];
      value?: string;
    }) => (
      <select id={id} name={name} {...err(name)}>
        <option value="">{v.t('portal.any')}</option>
        {options.map(([val, text]) => (
          <option value={val} selected={val === value}>
            {text}
          </option>
        ))}
      </select>
    );
    const keys = (f: string) => Object.keys(all.facets[f] ?? {}).sort((a, b) => a.localeCompare(b, 'tr'));
    const page = (head: Child) => (
      <Layout v={v} title={v.t('portal.title')} head={head}>
        <p>{v.t('portal.intro')}</p>
        {errors.size ? (
          <div class="notice error" role="alert">
            <p>{v.t('portal.errors')}</p>
            <ul>
              {[...errors].map(([f, m]) => (
                <li>
                  <a href={`#p-${f}`}>{m}</a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="get" action="/responses" class="portal-form" aria-labelledby="pf-h">
          <h2 id="pf-h">{v.t('portal.filters')}</h2>
          <div class="field">
            <label for="p-q">{v.t('portal.q')}</label>
            <input
              id="p-q"
              name="q"
              type="search"
              value={typeof given.q === 'string' ? given.q : ''}
              maxlength={300}
            />
          </div>
          {/* On a phone the other filters fold behind one button, so results show on the first screen. */}
          <Fold label={v.t('portal.moreFilters')} open={errors.size > 0}>
            {active ? ` (${v.t('portal.active', { n: active })})` : null}
          </Fold>
          <div class="field folded">
            <label for="p-verdict">{v.t('portal.verdict')}</label>
            <Select
              name="verdict"
              id="p-verdict"
              value={p.verdict}
              options={verdicts.map((x) => [x, label(v.t, 'verdict', x)])}
            />
          </div>
          <div class="field folded">
            <label for="p-topic">{v.t('portal.topic')}</label>
            <Select
              name="topic"
              id="p-topic"
              value={p.topic}
              options={keys('topics')
                .map((x) => [x, v.tag(x)] as [string, string])
                .sort((a, b) => a[1].localeCompare(b[1], v.lang))}
            />
          </div>
          <div class="field folded">
            <label for="p-province">{v.t('portal.province')}</label>
            <Select
              name="province"
              id="p-province"
              value={p.province}
              options={keys('province').map((x) => [x, x])}
            />
          </div>
          <div class="field folded">
            <label for="p-from">{v.t('portal.from')}</label>
            <input id="p-from" name="from" type="date" value={given.from ?? ''} {...err('from')} />
            <ErrorText f="from" />
          </div>
          <div class="field folded">
            <label for="p-to">{v.t('portal.to')}</label>
            <input id="p-to" name="to" type="date" value={given.to ?? ''} {...err('to')} />
            <ErrorText f="to" />
          </div>
          <div class="field folded">
            <label for="p-sort">{v.t('portal.sort')}</label>
            <select id="p-sort" name="sort">
              {(['newest', 'relevance'] as const).map((s) => (
                <option value={s} selected={(p.sort ?? (p.q ? 'relevance' : 'newest')) === s}>
                  {v.t(`portal.sort.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="row">
            <button type="submit">{v.t('portal.apply')}</button>
            <a href="/responses">{v.t('portal.reset')}</a>
          </div>
        </form>
        <section aria-labelledby="pr-h">
          <h2 id="pr-h">{v.t('portal.results')}</h2>
          <p role="status" id="portal-count">
            {res.total ? v.t('portal.total', { n: res.total }) : v.t('portal.none')}
          </p>
          {res.hits.length ? (
            <ol class="portal-hits">
              {res.hits.map((r) => (
                <ResultCard v={v} r={r} />
              ))}
            </ol>
          ) : null}
          {pages > 1 ? (
            <nav aria-label={v.t('portal.pages')} class="pager">
              <p>{v.t('portal.pageOf', { n: p.page, of: pages })}</p>
              <ul class="pager-list">
                {p.page > 1 ? (
                  <li>
                    <a href={`/responses${queryString({ ...base, page: p.page - 1 })}`} rel="prev">
                      {v.t('portal.prev')}
                    </a>
                  </li>
                ) : null}
                {pageWindow(p.page, pages).map((n) => (
                  <li>
                    <a
                      href={`/responses${queryString({ ...base, page: n })}`}
                      aria-current={n === p.page ? 'page' : undefined}
                      class={n === p.page ? 'pager-current' : undefined}
                      aria-label={v.t('portal.pageN', { n })}
                    >
                      {n}
                    </a>
                  </li>
                ))}
                {p.page < pages ? (
                  <li>
                    <a href={`/responses${queryString({ ...base, page: p.page + 1 })}`} rel="next">
                      {v.t('portal.next')}
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </section>
        <FeedLinks v={v} qs={queryString({ ...base, sort: undefined, perPage: undefined })} />
      </Layout>
    );
    const feedQs = queryString({ ...base, sort: undefined, perPage: undefined });
    const head = (
      <>
        <link rel="canonical" href={abs('/responses')} />
        <meta name="description" content={deps.portal.description[v.lang]} />
        <meta property="og:type" content="website" />
        <meta property="og:site_name" content={deps.portal.siteName} />
        <meta property="og:title" content={v.t('portal.title')} />
        <meta property="og:description" content={deps.portal.description[v.lang]} />
        <meta property="og:url" content={abs('/responses')} />
        <meta property="og:image" content={absoluteImage(deps.baseUrl, deps.portal.ogImage)} />
        <link rel="alternate" hreflang="tr" href={abs('/responses?lang=tr')} />
        <link rel="alternate" hreflang="en" href={abs('/responses?lang=en')} />
        <link rel="alternate" hreflang="x-default" href={abs('/responses')} />
        <link
          rel="alternate"
          type="application/rss+xml"
          title={deps.portal.feedTitle[v.lang]}
          href={`/responses.rss${feedQs}`}
        />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={deps.portal.feedTitle[v.lang]}
          href={`/responses.atom${feedQs}`}
        />
      </>
    );
    return c.html(page(head), errors.size ? 400 : 200);
  });
  return app;
}

/** At most seven page numbers around the current one. */
function pageWindow(current: number, total: number): number[] {
  const start = Math.max(1, Math.min(current - 3, total - 6));
  return Array.from({ length: Math.min(7, total) }, (_, i) => start + i);
}
