import type { TagResult } from '../../domain/item.js';
import { can } from '../../domain/review/permissions.js';
import { verdicts } from '../../domain/review/verdicts.js';
import type { AuditEntry } from '../../store/audit-log.js';
import type { KnownClaim } from '../../store/claim-store.js';
import type { ItemWithTags } from '../../store/item-store.js';
import type { VerdictRecord } from '../../store/review-store.js';
import { AuditDetails, auditAction } from '../../web/ui/audit-view.js';
import { ExternalLink } from '../../web/ui/external-link.js';
import { label } from '../../web/ui/i18n.js';
import { Csrf, type ViewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { ItemClaims, type ItemClaimsData } from '../claims/suggestions-view.js';
import { Marked, type Span } from './highlight.js';
import { Risk } from './queue-view.js';

/** Everything the item page shows. */
export interface ItemPageData {
  item: ItemWithTags;
  /** The subject as shown: redacted, or the original after an audited unmask; null if none. */
  subject: string | null;
  text: string;
  spans: Span[];
  unmasked: boolean;
  applicant: Record<string, string> | null;
  claims: (KnownClaim & { score: number })[];
  cluster: {
    total: number;
    byKind: Record<string, number>;
    firstSeen: string | null;
    lastSeen: string | null;
    samples: { id: string; text: string }[];
  };
  verdicts: VerdictRecord[];
  history: AuditEntry[];
  assignee: { id: string; name: string } | null;
  users: { id: string; name: string }[];
  responses: { id: string; title: string; state: string }[];
  allClaims: KnownClaim[];
  /** Suggested and linked claims, and the published response that already answers the item. */
  claimsPanel: ItemClaimsData;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The item page body. */
/**
 * Why the risk is what it is, in the page language: each tag with the rules that
 * fired, a high check-worthiness, a resemblance to a debunked claim. Built from the
 * tag result's fields (its stored `reasons` are Turkish text).
 */
function Reasons({
  v,
  r,
  claimText,
}: {
  v: ViewCtx;
  r: TagResult;
  claimText: (id: string) => string | undefined;
}) {
  const lines = r.tags.map((t) => {
    const rules = [...new Set(t.evidence.map((e) => v.rule(e.rule)))].join(', ');
    return v.alwaysFlag(t.tag)
      ? `${v.tag(t.tag)}: ${v.t('item.reasonAlways')} (${rules})`
      : `${v.tag(t.tag)} (${pct(t.score)}): ${rules}`;
  });
  if (r.checkWorthiness >= 0.5) lines.push(`${v.t('item.reasonCw')}: ${pct(r.checkWorthiness)}`);
  if (r.debunkedMatch)
    lines.push(
      `${v.t('item.reasonDebunked')}: “${(claimText(r.debunkedMatch.claimId) ?? '').slice(0, 120)}” (${pct(r.debunkedMatch.score)})`,
    );
  if (lines.length === 0) return null;
  return (
    <ul>
      {lines.map((x) => (
        <li>{x}</li>
      ))}
    </ul>
  );
}

export function ItemPage({ v, d }: { v: ViewCtx; d: ItemPageData }) {
  const r = d.item.tagResult;
  const role = v.user!.role;
  const base = `/items/${d.item.id}`;
  return (
    <div class="item-page">
      <section aria-labelledby="text-h" class="card">
        <h2 id="text-h">{v.t('item.text')}</h2>
        <p class="meta">
          {r?.flagged ? <strong class="flag">⚑ {v.t('item.flagged')}</strong> : null}{' '}
          {r ? <Risk v={v} risk={r.risk} /> : null} · {label(v.t, 'status', d.item.status)} ·{' '}
          {label(v.t, 'kind', d.item.kind)} · {d.item.source}
          {d.item.province ? ` · ${d.item.province}` : ''} · {v.when(d.item.occurredAt ?? d.item.createdAt)}
        </p>
        {d.subject ? (
          <p>
            <strong>{v.t('item.subject')}:</strong> {d.subject}
          </p>
        ) : null}
        <blockquote class="item-text" lang={r?.lang === 'en' ? 'en' : 'tr'}>
          <Marked text={d.text} spans={d.spans} />
        </blockquote>
        <p class="hint">{d.unmasked ? v.t('item.unmaskedNote') : v.t('item.maskedNote')}</p>
        {d.applicant ? (
          <dl class="applicant" aria-label={v.t('item.applicant')}>
            {Object.entries(d.applicant).map(([k, val]) => (
              <>
                <dt>{label(v.t, 'applicant', k)}</dt>
                <dd>{val}</dd>
              </>
            ))}
          </dl>
        ) : null}
        {!d.unmasked && can(role, 'item.unmask') ? (
          <form method="post" action={`${base}/unmask`}>
            <Csrf v={v} />
            <button type="submit">{v.t('item.unmask')}</button>
          </form>
        ) : null}
      </section>

      <section aria-labelledby="why-h" class="card">
        <h2 id="why-h">{v.t('item.why')}</h2>
        {r ? (
          <>
            <p>
              {v.t('item.checkWorthiness')}: <strong>{pct(r.checkWorthiness)}</strong> · {v.t('item.risk')}:{' '}
              <strong>{pct(r.risk)}</strong>
            </p>
            <Reasons v={v} r={r} claimText={(id) => d.allClaims.find((c) => c.id === id)?.text} />
            {/* In a narrow card each tag becomes a block; the roles keep it a table for screen readers. */}
            <TableRegion label={v.t('item.tags')}>
              <table class="restack-small">
                <caption>{v.t('item.tags')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{v.t('item.tag')}</th>
                    <th scope="col">{v.t('item.score')}</th>
                    <th scope="col">{v.t('item.evidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.tags.map((t) => (
                    <tr>
                      <th scope="row">{v.tag(t.tag)}</th>
                      <td data-label={v.t('item.score')}>{t.score.toFixed(2)}</td>
                      <td data-label={v.t('item.evidence')}>
                        {[...new Set(t.evidence.map((e) => v.rule(e.rule)))].join(', ')}
                        {': '}
                        {d.spans
                          .filter((s) => s.label === t.tag)
                          .map((s) => `“${d.text.slice(s.start, s.end)}”`)
                          .join(' · ') || '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        ) : (
          <p>{v.t('item.notTagged')}</p>
        )}
      </section>

      <section aria-labelledby="claims-h" class="card">
        <h2 id="claims-h">{v.t('item.claims')}</h2>
        <ItemClaims v={v} itemId={d.item.id} d={d.claimsPanel} />
        <h3>{v.t('item.cluster')}</h3>
        <p>
          {d.cluster.total <= 1
            ? v.t('item.clusterAlone')
            : v.t('item.clusterCount', { n: d.cluster.total, others: d.cluster.total - 1 })}
          {d.item.duplicateCount > 0 ? ` ${v.t('item.exactRepeats', { dups: d.item.duplicateCount })}` : ''}{' '}
          {Object.entries(d.cluster.byKind)
            .map(([k, n]) => `${label(v.t, 'kind', k)}: ${n}`)
            .join(', ')}
          {d.cluster.firstSeen && d.cluster.lastSeen
            ? ` ${v.t('item.clusterSeen', { first: v.when(d.cluster.firstSeen), last: v.when(d.cluster.lastSeen) })}`
            : ''}
        </p>
        <ul>
          {d.cluster.samples.map((s) => (
            <li>
              <a href={`/items/${s.id}`}>{s.text.slice(0, 120)}</a>
            </li>
          ))}
        </ul>
      </section>

      {can(role, 'item.write') ? <ItemActionsView v={v} d={d} /> : null}

      <section aria-labelledby="hist-h" class="card">
        <h2 id="hist-h">{v.t('item.history')}</h2>
        <ol class="history">
          {d.history.map((h) => (
            <li>
              <time datetime={h.at}>{v.when(h.at)}</time> {h.actor}: {auditAction(v, h.action)}
              {Object.keys(h.details).length ? ' · ' : ''}
              <AuditDetails v={v} e={h} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function ItemActionsView({ v, d }: { v: ViewCtx; d: ItemPageData }) {
  const base = `/items/${d.item.id}`;
  const r = d.item.tagResult;
  const claimText = new Map(d.allClaims.map((c) => [c.id, c.text]));
  return (
    <>
      <section aria-labelledby="work-h" class="card">
        <h2 id="work-h">{v.t('item.work')}</h2>
        <form method="post" action={`${base}/assign`} class="row">
          <Csrf v={v} />
          <label for="assignee">{v.t('item.assignee')}</label>
          <select id="assignee" name="assignee" data-shortcut="a">
            <option value="">{v.t('item.unassigned')}</option>
            {d.users.map((u) => (
              <option value={u.id} selected={d.assignee?.id === u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <button type="submit">{v.t('item.assign')}</button>
        </form>
        <form method="post" action={`${base}/status`} class="row">
          <Csrf v={v} />
          <label for="status">{v.t('item.status')}</label>
          <select id="status" name="status">
            {['new', 'in_review', 'verified', 'dismissed', 'responded'].map((s) => (
              <option value={s} selected={d.item.status === s}>
                {label(v.t, 'status', s)}
              </option>
            ))}
          </select>
          <button type="submit">{v.t('common.save')}</button>
        </form>
      </section>
      <section aria-labelledby="verdict-h" class="card">
        <h2 id="verdict-h">{v.t('verdict.title')}</h2>
        <ul>
          {d.verdicts.map((x) => (
            <li>
              <strong>{label(v.t, 'verdict', x.verdict)}</strong> — {x.createdByName}, {v.day(x.createdAt)}
              {x.claimId ? (
                <>
                  {' · '}
                  {v.t('verdict.claim')}:{' '}
                  <a href={`/claims/${encodeURIComponent(x.claimId)}`}>
                    {claimText.get(x.claimId)?.slice(0, 100) ?? v.t('verdict.claimLink')}
                  </a>
                </>
              ) : null}
              {x.notes ? <p>{x.notes}</p> : null}
              {x.evidenceLinks.length ? (
                <ul>
                  {x.evidenceLinks.map((l) => (
                    <li>
                      <ExternalLink href={l} rel="noopener noreferrer" />
                    </li>
                  ))}
                </ul>
              ) : null}
              {x.confirmedBy ? (
                <span> ✓ {v.t('verdict.confirmed')}</span>
              ) : r?.flagged && can(v.user!.role, 'verdict.confirm') ? (
                <form method="post" action={`${base}/verdicts/${x.id}/confirm`} class="inline">
                  <Csrf v={v} />
                  <button type="submit">{v.t('verdict.confirm')}</button>
                </form>
              ) : r?.flagged ? (
                <span> ({v.t('verdict.awaitingConfirm')})</span>
              ) : null}
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/verdict`} class="stack">
          <Csrf v={v} />
          <label for="verdict">{v.t('verdict.verdict')}</label>
          <select id="verdict" name="verdict" data-shortcut="v">
            {verdicts.map((x) => (
              <option value={x}>{label(v.t, 'verdict', x)}</option>
            ))}
          </select>
          <label for="claimId">{v.t('verdict.claim')}</label>
          <select id="claimId" name="claimId">
            <option value="">{v.t('verdict.noClaim')}</option>
            {d.allClaims.map((cl) => (
              <option value={cl.id} selected={d.claims[0]?.id === cl.id}>
                {cl.text.slice(0, 100)}
              </option>
            ))}
          </select>
          <label for="evidenceLinks">{v.t('verdict.links')}</label>
          <textarea id="evidenceLinks" name="evidenceLinks" rows={3} aria-describedby="links-hint"></textarea>
          <p id="links-hint" class="hint">
            {v.t('verdict.linksHint')}
          </p>
          <label for="notes">{v.t('verdict.notes')}</label>
          <textarea id="notes" name="notes" rows={3}></textarea>
          <label class="check">
            <input type="checkbox" name="createClaim" value="on" /> {v.t('verdict.createClaim')}
          </label>
          <button type="submit">{v.t('verdict.save')}</button>
        </form>
      </section>
      <section aria-labelledby="resp-h" class="card">
        <h2 id="resp-h">{v.t('draft.forItem')}</h2>
        <ul>
          {d.responses.map((x) => (
            <li>
              <a href={`/drafts/${x.id}`}>{x.title}</a> ({label(v.t, 'state', x.state)})
            </li>
          ))}
        </ul>
        <form method="get" action="/drafts/new" class="row">
          <input type="hidden" name="item" value={d.item.id} />
          <label for="draft-kind">{v.t('draft.kind')}</label>
          <select id="draft-kind" name="kind">
            <option value="public">{v.t('draft.kind.public')}</option>
            {d.item.kind === 'application' ? <option value="reply">{v.t('draft.kind.reply')}</option> : null}
          </select>
          <button type="submit">{v.t('draft.new')}</button>
        </form>
      </section>
    </>
  );
}
