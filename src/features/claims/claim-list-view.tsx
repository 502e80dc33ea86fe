import { verdicts } from '../../domain/review/verdicts.js';
import type { ClaimOverview } from '../../store/claim-store.js';
import { label } from '../../web/ui/i18n.js';
import type { ViewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { verdictLabel, when } from './format.js';

type Query = { sort: string; verdict?: string; topic: string | null; province: string | null };

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The claims list: filters, sort and one row per claim. */
export function ClaimList({
  v,
  rows,
  topics,
  q,
}: {
  v: ViewCtx;
  rows: ClaimOverview[];
  topics: string[];
  q: Query;
}) {
  const canWrite = v.user && v.user.role !== 'journalist' && v.user.role !== 'admin';
  return (
    <>
      <form method="get" action="/claims" class="row filters" aria-label={v.t('claims.filters')}>
        <label for="sort">{v.t('claims.sort')}</label>
        <select id="sort" name="sort">
          {(['recent', 'rising', 'total'] as const).map((s) => (
            <option value={s} selected={q.sort === s}>
              {v.t(`claims.sort.${s}`)}
            </option>
          ))}
        </select>
        <label for="f-verdict">{v.t('claims.verdict')}</label>
        <select id="f-verdict" name="verdict">
          <option value="">{v.t('claims.any')}</option>
          {verdicts.map((x) => (
            <option value={x} selected={q.verdict === x}>
              {label(v.t, 'verdict', x)}
            </option>
          ))}
        </select>
        <label for="f-topic">{v.t('claims.topic')}</label>
        <select id="f-topic" name="topic">
          <option value="">{v.t('claims.any')}</option>
          {topics.map((x) => (
            <option value={x} selected={q.topic === x}>
              {x}
            </option>
          ))}
        </select>
        <label for="f-province">{v.t('claims.province')}</label>
        <input id="f-province" name="province" value={q.province ?? ''} size={12} />
        <button type="submit">{v.t('claims.apply')}</button>
      </form>
      {canWrite ? (
        <p>
          <a href="/claims/new">{v.t('claims.new')}</a>
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p>{v.t('claims.none')}</p>
      ) : (
        <TableRegion label={v.t('claims.list')}>
          <table class="restack claims">
            <caption>{v.t('claims.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{v.t('claims.statement')}</th>
                <th scope="col">{v.t('claims.verdict')}</th>
                <th scope="col">{v.t('claims.topic')}</th>
                <th scope="col">{v.t('claims.total')}</th>
                <th scope="col">{v.t('claims.last7')}</th>
                <th scope="col">{v.t('claims.growth')}</th>
                <th scope="col">{v.t('claims.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/claims/${encodeURIComponent(r.id)}`}>{r.text.slice(0, 140)}</a>
                  </th>
                  <td data-label={v.t('claims.verdict')}>{verdictLabel(v, r.verdict)}</td>
                  <td data-label={v.t('claims.topic')}>{r.topic ?? '—'}</td>
                  <td data-label={v.t('claims.total')}>{r.total}</td>
                  <td data-label={v.t('claims.last7')}>{r.last7}</td>
                  <td data-label={v.t('claims.growth')}>{signed(r.last7 - r.prev7)}</td>
                  <td data-label={v.t('claims.lastSeen')}>{when(v, r.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}
