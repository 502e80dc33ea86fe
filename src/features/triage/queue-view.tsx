import type { MsgKey } from '../../web/ui/i18n.js';
import { label } from '../../web/ui/i18n.js';
import { Csrf, type ViewCtx } from '../../web/ui/layout.js';
import { Highlighted } from './highlight.js';
import { exportHref, facetParam, QUEUE_FACETS, type QueueQuery, queueHref } from './queue-query.js';

const trCollator = new Intl.Collator('tr');

/** One search hit as the queue shows it. */
export interface QueueHit {
  id: string;
  kind: string;
  source: string;
  subject?: string | null;
  text: string;
  tags: string[];
  risk: number;
  flagged: boolean;
  status: string;
  province?: string | null;
  lang?: string | null;
  assignee?: string | null;
  occurredAtIso?: string;
  duplicateCount?: number;
  _formatted?: { text?: string };
}

const riskLevel = (r: number) => (r >= 0.7 ? 'high' : r >= 0.4 ? 'medium' : 'low');

/** The risk as a number and a word (never colour alone). */
export const Risk = ({ v, risk }: { v: ViewCtx; risk: number }) => (
  <span class={`risk ${riskLevel(risk)}`}>
    {v.t(`risk.${riskLevel(risk)}` as MsgKey)} ({Math.round(risk * 100)})
  </span>
);

const facetValueLabel = (v: ViewCtx, facet: string, value: string) =>
  facet === 'status'
    ? label(v.t, 'status', value)
    : facet === 'kind'
      ? label(v.t, 'kind', value)
      : facet === 'flagged'
        ? v.t(value === 'true' ? 'common.yes' : 'common.no')
        : facet === 'tags'
          ? v.tag(value)
          : value;

/** The search form: text, sort, date range and facet checkboxes with counts. */
export function QueueFilters({
  v,
  q,
  facets,
}: {
  v: ViewCtx;
  q: QueueQuery;
  facets: Record<string, Record<string, number>>;
}) {
  return (
    <form method="get" action="/queue" class="filters folded" aria-label={v.t('queue.filters')}>
      <label for="q">{v.t('queue.search')}</label>
      <input id="q" name="q" type="search" value={q.q} data-shortcut="/" />
      <label for="sort">{v.t('queue.sort')}</label>
      <select id="sort" name="sort">
        <option value="risk" selected={q.sort === 'risk'}>
          {v.t('queue.sortRisk')}
        </option>
        <option value="checkworthy" selected={q.sort === 'checkworthy'}>
          {v.t('queue.sortCheckWorthy')}
        </option>
        <option value="recent" selected={q.sort === 'recent'}>
          {v.t('queue.sortRecent')}
        </option>
      </select>
      <fieldset>
        <legend>{v.t('queue.dateRange')}</legend>
        <label for="from">{v.t('queue.from')}</label>
        <input id="from" name="from" type="date" value={q.from ?? ''} />
        <label for="to">{v.t('queue.to')}</label>
        <input id="to" name="to" type="date" value={q.to ?? ''} />
      </fieldset>
      {QUEUE_FACETS.map((f) => {
        // Provinces in Turkish alphabetical order (Isparta, İstanbul, İzmir … Samsun, Şanlıurfa). The
        // engine returns them by count: its own alphabetical order cost 3× the facet time at 1 M items.
        const values = Object.entries(facets[f] ?? {});
        if (f === 'province') values.sort(([a], [b]) => trCollator.compare(a, b));
        const selected = q[f];
        if (values.length === 0 && selected.length === 0) return null;
        return (
          <details open={selected.length > 0 || ['status', 'flagged', 'kind'].includes(f)}>
            <summary>{v.t(`facet.${f}` as MsgKey)}</summary>
            <fieldset>
              <legend class="sr-only">{v.t(`facet.${f}` as MsgKey)}</legend>
              {values.map(([value, n]) => (
                <label class="check">
                  <input
                    type="checkbox"
                    name={facetParam(f)}
                    value={value}
                    checked={selected.includes(value)}
                  />{' '}
                  {facetValueLabel(v, f, value)} <span class="count">({n})</span>
                </label>
              ))}
            </fieldset>
          </details>
        );
      })}
      <button type="submit">{v.t('queue.apply')}</button> <a href="/queue">{v.t('queue.reset')}</a>
    </form>
  );
}

/** The result list (also served alone for live updates). */
export function QueueResults({
  v,
  q,
  hits,
  total,
  answers,
}: {
  v: ViewCtx;
  q: QueueQuery;
  hits: QueueHit[];
  total: number;
  /** Rows already answered by an existing response, or answerable with one. */
  answers?: Map<string, 'answered' | 'answerable'>;
}) {
  const pages = Math.max(1, Math.ceil(Math.min(total, 5000) / 25));
  return (
    <div id="results" data-total={total}>
      <p class="summary" id="results-summary">
        {v.t('queue.total', { n: total })}
        {' · '}
        <a href={exportHref(q, 'csv')} download>
          {v.t('alerts.exportCsv')}
        </a>
        {' · '}
        <a href={exportHref(q, 'json')} download>
          {v.t('alerts.exportJson')}
        </a>
      </p>
      {hits.length === 0 ? <p>{v.t('queue.empty')}</p> : null}
      <ol class="hits" aria-labelledby="results-summary">
        {hits.map((h) => (
          <li class="hit" data-id={h.id}>
            <input
              type="checkbox"
              name="ids"
              value={h.id}
              form="bulk"
              id={`sel-${h.id}`}
              aria-label={v.t('queue.select', { title: (h.subject || h.text).slice(0, 60) })}
            />
            <div>
              <a class="hit-link" href={`/items/${h.id}`}>
                {h.subject ? h.subject : <Highlighted text={h._formatted?.text ?? h.text} max={180} />}
              </a>
              {h.subject ? (
                <p class="snippet">
                  <Highlighted text={h._formatted?.text ?? h.text} max={220} />
                </p>
              ) : null}
              <p class="meta">
                {h.flagged ? <strong class="flag">⚑ {v.t('item.flagged')}</strong> : null}{' '}
                <Risk v={v} risk={h.risk} /> · {label(v.t, 'status', h.status)} · {label(v.t, 'kind', h.kind)}{' '}
                · {h.source}
                {h.province ? ` · ${h.province}` : ''}
                {h.lang ? ` · ${h.lang}` : ''}
                {h.assignee ? ` · ${v.t('item.assignee')}: ${h.assignee}` : ''}
                {h.occurredAtIso ? ` · ${v.day(h.occurredAtIso)}` : ''}
                {answers?.get(h.id) ? (
                  <strong class="answered-badge">
                    {' · '}
                    {v.t(answers.get(h.id) === 'answered' ? 'claims.answeredClosed' : 'claims.answered')}
                  </strong>
                ) : null}
              </p>
              {h.tags.length ? (
                <ul class="tags" aria-label={v.t('item.tags')}>
                  {h.tags.map((t) => (
                    <li>{v.tag(t)}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      <nav aria-label={v.t('queue.pages')} class="pager">
        {q.page > 1 ? (
          <a href={queueHref(q, { page: q.page - 1 })} rel="prev">
            {v.t('queue.prev')}
          </a>
        ) : null}{' '}
        <span>{v.t('queue.page', { page: q.page, pages })}</span>{' '}
        {q.page < pages ? (
          <a href={queueHref(q, { page: q.page + 1 })} rel="next">
            {v.t('queue.next')}
          </a>
        ) : null}
      </nav>
    </div>
  );
}

/** The bulk action form; result checkboxes join it via `form="bulk"`. */
export function BulkForm({ v, users }: { v: ViewCtx; users: { id: string; name: string }[] }) {
  return (
    <form id="bulk" method="post" action="/queue/bulk" class="bulk">
      <Csrf v={v} />
      <fieldset>
        <legend>{v.t('bulk.title')}</legend>
        <label for="bulk-action">{v.t('bulk.action')}</label>
        <select id="bulk-action" name="action">
          <option value="assign">{v.t('bulk.assign')}</option>
          <option value="status">{v.t('bulk.status')}</option>
          <option value="dismiss">{v.t('bulk.dismiss')}</option>
          <option value="tag">{v.t('bulk.tag')}</option>
        </select>
        <label for="bulk-assignee">{v.t('item.assignee')}</label>
        <select id="bulk-assignee" name="assignee">
          {users.map((u) => (
            <option value={u.id}>{u.name}</option>
          ))}
        </select>
        <label for="bulk-status">{v.t('item.status')}</label>
        <select id="bulk-status" name="status">
          {['new', 'in_review', 'verified', 'dismissed', 'responded'].map((s) => (
            <option value={s}>{label(v.t, 'status', s)}</option>
          ))}
        </select>
        <label for="bulk-label">{v.t('bulk.label')}</label>
        <input id="bulk-label" name="label" maxlength={60} />
        <button type="submit">{v.t('bulk.run')}</button>
      </fieldset>
    </form>
  );
}
