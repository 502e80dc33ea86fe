import { raw } from 'hono/html';
import { can } from '../../domain/review/permissions.js';
import { availableActions, type ResponseState } from '../../domain/review/response-workflow.js';
import { verdicts } from '../../domain/review/verdicts.js';
import { formatLocal } from '../../pipeline/publish-time.js';
import type { ResponseRecord, ResponseVersion } from '../../store/response-store.js';
import { ExternalLink } from '../../web/ui/external-link.js';
import { label, type T } from '../../web/ui/i18n.js';
import { Csrf, type ViewCtx } from '../../web/ui/layout.js';
import { renderMarkdown } from './markdown.js';

/** A response state's label; `scheduled` (embargoed) has its text in the portal dictionary. */
export const stateLabel = (t: T, state: ResponseState) =>
  state === 'scheduled' ? t('portal.state.scheduled') : label(t, 'state', state);

type Draft = Partial<Omit<ResponseVersion, 'sources'>> & { sources?: string[] };

/** The draft form (new response or a new version). */
export function DraftForm({
  v,
  action,
  d,
  hidden,
}: {
  v: ViewCtx;
  action: string;
  d: Draft;
  hidden?: Record<string, string>;
}) {
  return (
    <form method="post" action={action} class="stack">
      <Csrf v={v} />
      {Object.entries(hidden ?? {}).map(([k, val]) => (
        <input type="hidden" name={k} value={val} />
      ))}
      <label for="title">{v.t('draft.titleField')}</label>
      <input id="title" name="title" required minlength={3} maxlength={300} value={d.title ?? ''} />
      <label for="claimReviewed">{v.t('draft.claimReviewed')}</label>
      <textarea id="claimReviewed" name="claimReviewed" rows={3} required>
        {d.claimReviewed ?? ''}
      </textarea>
      <label for="d-verdict">{v.t('verdict.verdict')}</label>
      <select id="d-verdict" name="verdict">
        {verdicts.map((x) => (
          <option value={x} selected={d.verdict === x}>
            {label(v.t, 'verdict', x)}
          </option>
        ))}
      </select>
      <label for="summary">{v.t('draft.summary')}</label>
      <textarea id="summary" name="summary" rows={2} required>
        {d.summary ?? ''}
      </textarea>
      <label for="body">{v.t('draft.body')}</label>
      <textarea id="body" name="body" rows={10} required aria-describedby="body-hint">
        {d.body ?? ''}
      </textarea>
      <p id="body-hint" class="hint">
        {v.t('draft.bodyHint')}
      </p>
      <label for="sources">{v.t('draft.sources')}</label>
      <textarea id="sources" name="sources" rows={3} aria-describedby="sources-hint">
        {(d.sources ?? []).join('\n')}
      </textarea>
      <p id="sources-hint" class="hint">
        {v.t('verdict.linksHint')}
      </p>
      <label for="d-lang">{v.t('draft.lang')}</label>
      <select id="d-lang" name="lang">
        <option value="tr" selected={d.lang !== 'en'}>
          Türkçe
        </option>
        <option value="en" selected={d.lang === 'en'}>
          English
        </option>
      </select>
      <button type="submit">{v.t('draft.save')}</button>
    </form>
  );
}

/** One version rendered as readers will see it. */
export const VersionView = ({ v, ver }: { v: ViewCtx; ver: ResponseVersion }) => (
  <article class="card response" lang={ver.lang}>
    <h2>{ver.title}</h2>
    <p>
      <strong lang={v.lang}>{v.t('draft.claimReviewed')}:</strong> {ver.claimReviewed}
    </p>
    <p>
      <strong lang={v.lang}>{v.t('verdict.verdict')}:</strong>{' '}
      <span lang={v.lang}>{label(v.t, 'verdict', ver.verdict)}</span>
    </p>
    <p>
      <em>{ver.summary}</em>
    </p>
    <div class="md">{raw(renderMarkdown(ver.body))}</div>
    {ver.sources.length ? (
      <>
        <h3 lang={v.lang}>{v.t('draft.sources')}</h3>
        <ul>
          {ver.sources.map((s) => (
            <li>
              <ExternalLink href={s} rel="noopener noreferrer" />
            </li>
          ))}
        </ul>
      </>
    ) : null}
  </article>
);

/** The workflow buttons this user may use now; approve is never shown to an author. */
export function WorkflowActions({
  v,
  r,
  block = null,
}: {
  v: ViewCtx;
  r: ResponseRecord;
  /** Why it cannot be published yet (the item's verdict), shown instead of the publish form. */
  block?: 'no_verdict' | 'unconfirmed_verdict' | null;
}) {
  const user = v.user!;
  const acts = availableActions(r, user.id).filter((a) =>
    a === 'approve' || a === 'request_changes'
      ? can(user.role, 'response.approve')
      : a === 'publish'
        ? can(user.role, 'response.publish')
        : a === 'submit'
          ? can(user.role, 'response.draft')
          : false,
  );
  const mine = r.authorIds.includes(user.id) && r.state === 'submitted' && can(user.role, 'response.approve');
  return (
    <section aria-labelledby="wf-h" class="card">
      <h2 id="wf-h">{v.t('draft.workflow')}</h2>
      <p>
        {v.t('draft.state')}: <strong>{stateLabel(v.t, r.state)}</strong>
        {r.reviewNote ? ` — ${v.t('draft.note')}: ${r.reviewNote}` : ''}
      </p>
      {r.state === 'scheduled' && r.publishAt ? (
        <p>{v.t('portal.scheduledAt', { at: formatLocal(r.publishAt) })}</p>
      ) : null}
      {r.publishedVersion !== null && r.kind === 'public' ? (
        <p>
          {v.t('portal.publicNow', { v: r.publishedVersion })}{' '}
          <a href={`/responses/${r.id}`}>{v.t('portal.viewPublic')}</a>
        </p>
      ) : null}
      {mine ? (
        <p class="notice info" role="note">
          {v.t('draft.fourEyes')}
        </p>
      ) : null}
      {acts.map((a) =>
        a === 'publish' ? (
          block ? (
            <p class="notice info" role="note">
              {v.t(`draft.block.${block}`)}{' '}
              {r.itemId ? <a href={`/items/${r.itemId}#verdict-h`}>{v.t('draft.block.go')}</a> : null}
            </p>
          ) : (
            <PublishForm v={v} r={r} />
          )
        ) : (
          <form method="post" action={`/drafts/${r.id}/${a.replace('_', '-')}`} class="row">
            <Csrf v={v} />
            {a === 'request_changes' ? (
              <>
                <label for="note">{v.t('draft.note')}</label>
                <input id="note" name="note" maxlength={2000} />
              </>
            ) : null}
            <button type="submit">{v.t(`draft.action.${a}` as 'draft.action.submit')}</button>
          </form>
        ),
      )}
    </section>
  );
}

/**
 * Publish now or at a time (embargo, Istanbul wall-clock time); republishing a
 * public response needs a correction note, shown in the portal's corrections log.
 */
function PublishForm({ v, r }: { v: ViewCtx; r: ResponseRecord }) {
  const correction = r.publishedVersion !== null && r.kind === 'public';
  return (
    <form method="post" action={`/drafts/${r.id}/publish`} class="stack publish-form">
      <Csrf v={v} />
      {r.kind === 'public' && r.state === 'approved' ? (
        <>
          <label for="publishAt">{v.t('portal.publishAt')}</label>
          <input id="publishAt" name="publishAt" type="datetime-local" aria-describedby="publishAt-hint" />
          <p id="publishAt-hint" class="hint">
            {v.t('portal.publishAtHint')}
          </p>
        </>
      ) : null}
      {correction ? (
        <>
          <label for="correction-note">{v.t('portal.correctionNote')}</label>
          <textarea
            id="correction-note"
            name="note"
            rows={3}
            maxlength={2000}
            required={!(r.state === 'scheduled' && r.publishNote)}
            aria-describedby="correction-hint"
          >
            {r.publishNote ?? ''}
          </textarea>
          <p id="correction-hint" class="hint">
            {v.t('portal.correctionNoteHint')}
          </p>
        </>
      ) : null}
      <button type="submit">{v.t('draft.action.publish')}</button>
    </form>
  );
}
