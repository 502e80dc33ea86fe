import type { ClaimLink, ClaimResponse } from '../../store/claim-link-store.js';
import type { KnownClaim } from '../../store/claim-store.js';
import { Csrf, Notice, type ViewCtx } from '../../web/ui/layout.js';
import { isConfident } from './link-routes.js';

/** One suggested claim for an item: the matcher's score, whether it is confident, the words that matched. */
export interface Suggestion {
  claim: KnownClaim;
  score: number;
  confident: boolean;
  terms: string[];
}

/** What the item page's claims panel shows. */
export interface ItemClaimsData {
  suggestions: Suggestion[];
  links: (ClaimLink & { claim: KnownClaim | null })[];
  /** Published responses of claims the item is linked to (confirmed or confident). */
  answers: ClaimResponse[];
  answered: { responseId: string; title: string; at: string } | null;
}

/**
 * Turns the matcher's ranked matches into the top 5 suggestions: merged claims
 * count as the claim they were merged into, decided pairs (confirmed, rejected)
 * are not suggested again.
 */
export function suggestionsFor(
  matches: { claimId: string; score: number }[],
  claims: Map<string, KnownClaim>,
  links: ClaimLink[],
): Suggestion[] {
  const decided = new Set(links.filter((l) => l.kind !== 'automatic').map((l) => l.claimId));
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const m of [...matches].sort((a, b) => b.score - a.score)) {
    let claim = claims.get(m.claimId);
    if (claim?.mergedInto) claim = claims.get(claim.mergedInto);
    if (!claim || decided.has(claim.id) || seen.has(claim.id)) continue;
    seen.add(claim.id);
    const terms = (m as { terms?: unknown }).terms;
    out.push({
      claim,
      score: m.score,
      confident: isConfident(m),
      terms: Array.isArray(terms) ? terms.filter((t): t is string => typeof t === 'string') : [],
    });
    if (out.length === 5) break;
  }
  return out;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "Already answered": the response that answers the item's claim, and the one-action close. */
export function AnsweredBox({ v, itemId, d }: { v: ViewCtx; itemId: string; d: ItemClaimsData }) {
  if (d.answered)
    return <Notice kind="ok">{v.t('claims.closedAnswered', { title: d.answered.title })}</Notice>;
  const a = d.answers[0];
  if (!a) return null;
  const canWrite = v.user?.role === 'staff' || v.user?.role === 'supervisor';
  return (
    <div class="notice info answered" role="note">
      <strong>{v.t('claims.answered')}</strong> {v.t('claims.answeredBy', { title: a.title })}{' '}
      <a href={`/drafts/${a.responseId}`}>{a.title}</a>
      {canWrite ? (
        <form method="post" action={`/items/${itemId}/answered`} class="inline">
          <Csrf v={v} />
          <input type="hidden" name="claimId" value={a.claimId} />
          <button type="submit">{v.t('claims.closeAnswered')}</button>
        </form>
      ) : null}
    </div>
  );
}

/** The item page's claims panel: top 5 suggestions with confirm/reject, and the decided links. */
export function ItemClaims({ v, itemId, d }: { v: ViewCtx; itemId: string; d: ItemClaimsData }) {
  const canWrite = v.user?.role === 'staff' || v.user?.role === 'supervisor';
  const base = `/items/${itemId}/claims`;
  return (
    <>
      <AnsweredBox v={v} itemId={itemId} d={d} />
      <h3>{v.t('claims.suggestions')}</h3>
      {d.suggestions.length === 0 ? (
        <p>{v.t('claims.noSuggestions')}</p>
      ) : (
        <>
          <ol class="suggestions">
            {d.suggestions.map((s, i) => (
              <li>
                <a href={`/claims/${encodeURIComponent(s.claim.id)}`}>{s.claim.text.slice(0, 200)}</a>{' '}
                <span class="meta">
                  {v.t('claims.score')}: {pct(s.score)}
                  {s.confident ? ` · ${v.t('claims.automatic')}` : ''}
                  {s.terms.length ? ` · ${v.t('claims.terms')}: ${s.terms.join(', ')}` : ''}
                </span>
                {canWrite ? (
                  <div class="row">
                    <form
                      method="post"
                      action={`${base}/${encodeURIComponent(s.claim.id)}/confirm`}
                      class="inline"
                    >
                      <Csrf v={v} />
                      <label class="check">
                        <input type="checkbox" name="cluster" value="on" /> {v.t('claims.wholeCluster')}
                      </label>
                      <button
                        type="submit"
                        data-shortcut={i === 0 ? 'c' : undefined}
                        aria-label={v.t('claims.confirmLabel', { text: s.claim.text.slice(0, 80) })}
                      >
                        {v.t('claims.confirm')}
                      </button>
                    </form>
                    <form
                      method="post"
                      action={`${base}/${encodeURIComponent(s.claim.id)}/reject`}
                      class="inline"
                    >
                      <Csrf v={v} />
                      <button
                        type="submit"
                        data-shortcut={i === 0 ? 'r' : undefined}
                        aria-label={v.t('claims.rejectLabel', { text: s.claim.text.slice(0, 80) })}
                      >
                        {v.t('claims.reject')}
                      </button>
                    </form>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
          {canWrite ? <p class="hint">{v.t('claims.keysHint')}</p> : null}
        </>
      )}
      {d.links.length ? (
        <>
          <h3>{v.t('claims.linked')}</h3>
          <ul>
            {d.links.map((l) => (
              <li>
                <a href={`/claims/${encodeURIComponent(l.claimId)}`}>
                  {l.claim?.text.slice(0, 160) ?? l.claimId}
                </a>{' '}
                ({v.t(`claims.link.${l.kind}`)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite ? (
        <p>
          <a href={`/claims/new?item=${itemId}`}>{v.t('claims.createFromItem')}</a>
        </p>
      ) : null}
    </>
  );
}
