import type { ApplicationType } from '../../domain/item.js';
import type { MsgKey } from '../../web/ui/i18n.js';
import { Layout, Notice, type ViewCtx } from '../../web/ui/layout.js';
import { ErrorSummary, FormGuards, paths } from './intake-view.js';

/** What the citizen may see about an application: never its text or personal data. */
export interface CitizenStatus {
  appType: ApplicationType;
  receivedAt: string;
  /** An item status (new, in_review, …) or a case state (case_forwarded, case_answered, case_closed). */
  state: string;
  /** The legal answer deadline (ISO date or date-time), when known. */
  deadline?: string | null;
  /** The day the reply was sent, when answered. */
  answeredOn?: string | null;
  /** The institution the application was forwarded to. */
  forwardedTo?: string | null;
}

const date = (v: ViewCtx, iso: string) =>
  new Date(iso).toLocaleDateString(v.lang === 'en' ? 'en-GB' : 'tr-TR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Istanbul',
  });

const stateText = (v: ViewCtx, s: CitizenStatus) => {
  const key = `intake.state.${s.state}` as MsgKey;
  const text = v.t(key, {
    date: s.answeredOn ? date(v, s.answeredOn) : '',
    institution: s.forwardedTo ?? '',
  });
  return text === key ? s.state : text;
};

/** The tracking-code lookup: the form, and the result or a generic "not found". */
export function StatusPage(props: {
  v: ViewCtx;
  token: string;
  code?: string;
  invalid?: boolean;
  notFound?: boolean;
  result?: CitizenStatus;
}) {
  const { v, result } = props;
  const err = props.invalid ? v.t('intake.status.invalid') : undefined;
  return (
    <Layout v={v} title={v.t('intake.status.title')}>
      <ErrorSummary v={v} errors={err ? [['f-code', `${v.t('intake.status.code')}: ${err}`]] : []} />
      <p>{v.t('intake.status.intro')}</p>
      <form method="post" action={paths(v).status} class="stack narrow" novalidate>
        <FormGuards v={v} token={props.token} />
        <label for="f-code">{v.t('intake.status.code')}</label>
        <p class="hint" id="h-code">
          {v.t('intake.status.code.hint')}
        </p>
        {err ? (
          <p class="field-error" id="e-code">
            {err}
          </p>
        ) : null}
        <input
          id="f-code"
          name="code"
          value={props.code ?? ''}
          required
          maxlength={40}
          autocomplete="off"
          spellcheck={false}
          autocapitalize="characters"
          aria-describedby={err ? 'e-code h-code' : 'h-code'}
          aria-invalid={err ? 'true' : undefined}
        />
        <button type="submit">{v.t('intake.status.submit')}</button>
      </form>
      {props.notFound ? <Notice kind="error">{v.t('intake.status.notFound')}</Notice> : null}
      {result ? (
        <section aria-labelledby="result-h" class="card">
          <h2 id="result-h">{v.t('intake.status.result')}</h2>
          <dl>
            <dt>{v.t('intake.status.type')}</dt>
            <dd>{v.t(`intake.type.${result.appType}` as MsgKey)}</dd>
            <dt>{v.t('intake.status.received')}</dt>
            <dd>{date(v, result.receivedAt)}</dd>
            <dt>{v.t('intake.status.state')}</dt>
            <dd>
              <strong>{stateText(v, result)}</strong>
            </dd>
            {result.deadline ? (
              <>
                <dt>{v.t('intake.status.deadline')}</dt>
                <dd>{date(v, result.deadline)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
      <p>
        <a href={paths(v).form}>{v.t('intake.back')}</a>
      </p>
    </Layout>
  );
}
