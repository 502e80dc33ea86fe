import { verdicts } from '../../domain/review/verdicts.js';
import type { ClaimResponse } from '../../store/claim-link-store.js';
import type { ClaimStore, KnownClaim } from '../../store/claim-store.js';
import { BarChart, DayChart, fillPeriod } from '../../web/ui/charts.js';
import { label } from '../../web/ui/i18n.js';
import { Csrf, Notice, type ViewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { channelLabel, verdictLabel, when } from './format.js';

type Counts = Awaited<ReturnType<ClaimStore['counts']>>;
type Appearance = Awaited<ReturnType<ClaimStore['appearances']>>[number];

/** Every day (Istanbul dates) from the first to the last with appearances (at most 90), zeros included. */
export function fillDays(days: Counts['byDay']): Counts['byDay'] {
  if (days.length === 0) return [];
  const last = days[days.length - 1]!.day;
  const span = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${days[0]!.day}T00:00:00Z`)) / 86_400_000 + 1;
  return fillPeriod(
    days,
    Math.min(90, span),
    (day) => ({ day, n: 0, confirmed: 0, automatic: 0, suggested: 0 }),
    new Date(`${last}T00:00:00Z`),
  );
}

/** The create/edit form of a claim. */
export function ClaimForm({
  v,
  action,
  claim,
  fromItem,
}: {
  v: ViewCtx;
  action: string;
  claim: Partial<KnownClaim>;
  fromItem?: string | null;
}) {
  const edit = !!claim.id;
  return (
    <section aria-labelledby="claim-form-h" class="card">
      <h2 id="claim-form-h">{edit ? v.t('claims.edit') : v.t('claims.new')}</h2>
      {fromItem ? <p class="hint">{v.t('claims.fromItem')}</p> : null}
      <form method="post" action={action} class="stack">
        <Csrf v={v} />
        {fromItem ? <input type="hidden" name="fromItem" value={fromItem} /> : null}
        <label for="c-text">{v.t('claims.text')}</label>
        <textarea id="c-text" name="text" rows={3} required minlength={3} maxlength={2000}>
          {claim.text ?? ''}
        </textarea>
        <label for="c-verdict">{v.t('claims.verdict')}</label>
        <select id="c-verdict" name="verdict">
          <option value="">{v.t('claims.noVerdict')}</option>
          {verdicts.map((x) => (
            <option value={x} selected={claim.verdict === x}>
              {label(v.t, 'verdict', x)}
            </option>
          ))}
        </select>
        <label for="c-topic">{v.t('claims.topic')}</label>
        <input id="c-topic" name="topic" value={claim.topic ?? ''} maxlength={100} />
        <label for="c-aliases">{v.t('claims.aliases')}</label>
        <textarea id="c-aliases" name="aliases" rows={3} aria-describedby="c-aliases-hint">
          {(claim.aliases ?? []).join('\n')}
        </textarea>
        <p id="c-aliases-hint" class="hint">
          {v.t('claims.aliasesHint')}
        </p>
        <label for="c-source">{v.t('claims.sourceUrl')}</label>
        <input id="c-source" name="sourceUrl" type="url" value={claim.sourceUrl ?? ''} />
        {fromItem ? (
          <label class="check">
            <input type="checkbox" name="cluster" value="on" /> {v.t('claims.wholeCluster')}
          </label>
        ) : null}
        <button type="submit">{edit ? v.t('claims.save') : v.t('claims.create')}</button>
      </form>
    </section>
  );
}

/** A claim's page: statement, verdict, response, aliases, timeline, counts, appearances, edit and merge. */
export function ClaimPage(p: {
  v: ViewCtx;
  claim: KnownClaim;
  counts: Counts;
  appearances: Appearance[];
  response: ClaimResponse | null;
  others: KnownClaim[];
  done: string | null;
  from: string | null;
  job?: string | null;
}) {
  const { v, claim, counts } = p;
  const canWrite = v.user?.role === 'staff' || v.user?.role === 'supervisor';
  const base = `/claims/${encodeURIComponent(claim.id)}`;
  return (
    <div class="claim-page">
      {p.done === 'created' ? <Notice kind="ok">{v.t('claims.created')}</Notice> : null}
      {p.job && /^[0-9a-f-]{36}$/.test(p.job) ? (
        <Notice kind="info">
          <a href={`/jobs/${p.job}`}>{v.t('claims.clusterJob')}</a>
        </Notice>
      ) : null}
      {p.done === 'saved' ? <Notice kind="ok">{v.t('claims.saved')}</Notice> : null}
      {p.done === 'merged' ? <Notice kind="ok">{v.t('claims.merged')}</Notice> : null}
      {!p.done && p.from ? <Notice kind="info">{v.t('claims.redirected')}</Notice> : null}
      <section aria-labelledby="stmt-h" class="card">
        <h2 id="stmt-h">{v.t('claims.text')}</h2>
        <blockquote lang="tr">{claim.text}</blockquote>
        <dl class="facts">
          <dt>{v.t('claims.verdict')}</dt>
          <dd>{verdictLabel(v, claim.verdict)}</dd>
          <dt>{v.t('claims.topic')}</dt>
          <dd>{claim.topic ?? '—'}</dd>
          <dt>{v.t('claims.firstSeen')}</dt>
          <dd>{when(v, counts.firstSeen)}</dd>
          <dt>{v.t('claims.lastSeen')}</dt>
          <dd>{when(v, counts.lastSeen)}</dd>
          <dt>{v.t('claims.total')}</dt>
          <dd>{counts.total}</dd>
        </dl>
        {claim.aliases?.length ? (
          <>
            <h3>{v.t('claims.aliases')}</h3>
            <ul>
              {claim.aliases.map((a) => (
                <li lang="tr">{a}</li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>{v.t('claims.response')}</h3>
        {p.response ? (
          <p>
            <a href={`/drafts/${p.response.responseId}`}>{p.response.title}</a> —{' '}
            {label(v.t, 'verdict', p.response.verdict)}: {p.response.summary}
          </p>
        ) : (
          <p>{v.t('claims.noResponse')}</p>
        )}
      </section>
      <section aria-labelledby="time-h" class="card">
        <h2 id="time-h">{v.t('claims.appearances')}</h2>
        <DayChart
          formatDay={v.day}
          title={v.t('claims.timeline')}
          caption={v.t('claims.timelineTable')}
          data={fillDays(counts.byDay).map((d) => ({
            day: d.day,
            n: d.n,
            flagged: d.confirmed + d.automatic,
          }))}
          labels={{
            day: v.t('claims.day'),
            all: v.t('claims.all'),
            flagged: v.t('claims.linkedAppearances'),
          }}
        />
        <div class="charts">
          <BarChart
            id="by-channel"
            title={v.t('claims.byChannel')}
            caption={v.t('claims.asTable')}
            data={counts.byChannel.map((x) => ({ key: channelLabel(v, x.key), n: x.n }))}
          />
          <BarChart
            id="by-province"
            title={v.t('claims.byProvince')}
            caption={v.t('claims.asTable')}
            data={counts.byProvince.map((x) => ({ key: x.key || v.t('claims.unknownProvince'), n: x.n }))}
          />
        </div>
        <TableRegion label={v.t('claims.appearanceTable')}>
          <table class="restack">
            <caption>{v.t('claims.appearances')}</caption>
            <thead>
              <tr>
                <th scope="col">{v.t('claims.date')}</th>
                <th scope="col">{v.t('claims.item')}</th>
                <th scope="col">{v.t('claims.kind')}</th>
                <th scope="col">{v.t('claims.channel')}</th>
                <th scope="col">{v.t('claims.province')}</th>
              </tr>
            </thead>
            <tbody>
              {p.appearances.map((a) => (
                <tr>
                  <td data-label={v.t('claims.date')}>{when(v, a.seenAt)}</td>
                  <td data-label={v.t('claims.item')}>
                    <a href={`/items/${a.itemId}`}>{a.text || v.t('item.title')}</a>
                  </td>
                  <td data-label={v.t('claims.kind')}>{v.t(`claims.appearance.${a.kind}`)}</td>
                  <td data-label={v.t('claims.channel')}>{channelLabel(v, a.channel)}</td>
                  <td data-label={v.t('claims.province')}>{a.province ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>
      {canWrite ? (
        <>
          <ClaimForm v={v} action={base} claim={claim} />
          <section aria-labelledby="merge-h" class="card">
            <h2 id="merge-h">{v.t('claims.merge')}</h2>
            <form method="post" action={`${base}/merge`} class="stack">
              <Csrf v={v} />
              <label for="merge-from">{v.t('claims.mergeFrom')}</label>
              <select id="merge-from" name="from" aria-describedby="merge-hint" required>
                <option value="">—</option>
                {p.others.map((o) => (
                  <option value={o.id}>{o.text.slice(0, 100)}</option>
                ))}
              </select>
              <p id="merge-hint" class="hint">
                {v.t('claims.mergeHint')}
              </p>
              <button type="submit">{v.t('claims.mergeDo')}</button>
            </form>
          </section>
        </>
      ) : null}
    </div>
  );
}
