import { Hono } from 'hono';
import { raw } from 'hono/html';
import type { SearchIndex } from '../../search/types.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { label } from '../../web/ui/i18n.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { renderMarkdown } from './markdown.js';

interface PublishedDoc {
  id: string;
  title: string;
  claimReviewed: string;
  verdict: string;
  summary: string;
  body: string;
  publishedAtIso: string;
  lang: string;
}

/** Published, verified responses (the only thing a journalist sees): searches the `responses` index only. */
export function createPublishedRoutes(deps: { search: Pick<SearchIndex, 'search'> }) {
  const app = new Hono();
  app.get('/published', requirePermission('published.read'), async (c) => {
    const v = viewCtx(c);
    const q = (c.req.query('q') ?? '').slice(0, 300);
    const res = await deps.search.search<PublishedDoc>('responses', {
      q: q || undefined,
      sort: q ? undefined : ['publishedAt:desc'],
      limit: 30,
    });
    return c.html(
      <Layout v={v} title={v.t('pub.title')}>
        <form method="get" action="/published" aria-label={v.t('pub.title')} class="row">
          <label for="pq">{v.t('queue.search')}</label>
          <input id="pq" name="q" type="search" value={q} />
          <button type="submit">{v.t('queue.apply')}</button>
        </form>
        <p>{v.t('queue.total', { n: res.total })}</p>
        {res.hits.map((r) => (
          <article class="card" lang={r.lang === 'en' ? 'en' : 'tr'}>
            <h2>
              <a href={`/responses/${r.id}`}>{r.title}</a>
            </h2>
            <p>
              <strong lang={v.lang}>{label(v.t, 'verdict', r.verdict)}</strong> ·{' '}
              <time datetime={r.publishedAtIso}>{v.day(r.publishedAtIso)}</time>
            </p>
            <p>{r.summary}</p>
            <details>
              <summary lang={v.lang}>{v.t('pub.read')}</summary>
              <p>{r.claimReviewed}</p>
              <div class="md">{raw(renderMarkdown(r.body))}</div>
            </details>
          </article>
        ))}
      </Layout>,
    );
  });
  return app;
}
