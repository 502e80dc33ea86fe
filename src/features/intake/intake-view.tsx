import type { Child } from 'hono/jsx';
import { applicationTypes } from '../../domain/item.js';
import type { MsgKey } from '../../web/ui/i18n.js';
import { Csrf, Layout, Notice, type ViewCtx } from '../../web/ui/layout.js';
import { formatSize } from '../../web/ui/when.js';
import { type FieldErrors, fieldOrder, type IntakeField, LIMITS, provinces } from './form-schema.js';
import { FORM_TOKEN_FIELD } from './form-token.js';

/** Paths of the public pages in the page's language. */
export const paths = (v: ViewCtx) =>
  v.lang === 'en'
    ? { form: '/apply', status: '/apply/status' }
    : { form: '/basvuru', status: '/basvuru/durum' };

/** A byte count for people: "5 MB", "300 KB". */

const fieldId = (f: IntakeField) => (f === 'type' ? `f-type-${applicationTypes[0]}` : `f-${f}`);

/** The hidden anti-forgery fields: the form token, and the session token for a signed-in user. */
export const FormGuards = ({ v, token }: { v: ViewCtx; token: string }) => (
  <>
    <input type="hidden" name={FORM_TOKEN_FIELD} value={token} />
    {v.user ? <Csrf v={v} /> : null}
  </>
);

/** The error summary: a live alert listing each problem as a link to its field. */
export function ErrorSummary(props: { v: ViewCtx; errors: [string, string][] }) {
  const { v, errors } = props;
  if (errors.length === 0) return null;
  return (
    <div class="notice error error-summary" role="alert" tabindex={-1} id="error-summary" autofocus>
      <h2>{v.t('intake.errors.title', { n: errors.length })}</h2>
      <ul class="error-list">
        {errors.map(([href, text]) => (
          <li>
            <a href={`#${href}`}>{text}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  v: ViewCtx;
  name: IntakeField;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (aria: Record<string, string | undefined>) => Child;
}

/** A labelled control with its hint and error, linked by aria-describedby. */
function Field(p: FieldProps) {
  const describedBy = [p.error ? `e-${p.name}` : '', p.hint ? `h-${p.name}` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${p.error ? ' invalid' : ''}`}>
      <label for={`f-${p.name}`}>
        {p.label}
        {p.required ? <Req v={p.v} /> : null}
      </label>
      {p.hint ? (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="field-error" id={`e-${p.name}`}>
          {p.error}
        </p>
      ) : null}
      {p.children({
        id: `f-${p.name}`,
        name: p.name,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': p.error ? 'true' : undefined,
      })}
    </div>
  );
}

const Req = ({ v }: { v: ViewCtx }) => (
  <>
    {' '}
    <span aria-hidden="true">*</span>
    <span class="sr-only">{` (${v.t('intake.required')})`}</span>
  </>
);

/** The public application form, empty or re-rendered with the values and errors of a failed submission. */
export function IntakeFormPage(props: {
  v: ViewCtx;
  token: string;
  values: Record<string, string>;
  errors: FieldErrors;
  maxFiles: number;
  maxFileBytes: number;
  filesDropped?: boolean;
}) {
  const { v, values, errors } = props;
  const msg = (f: IntakeField) => {
    const e = errors[f];
    return e ? v.t(e.key, e.vars) : undefined;
  };
  const labels: Record<IntakeField, string> = {
    type: v.t('intake.type'),
    subject: v.t('intake.subject'),
    text: v.t('intake.text'),
    province: v.t('intake.province'),
    name: v.t('intake.name'),
    tckn: v.t('intake.tckn'),
    email: v.t('intake.email'),
    phone: v.t('intake.phone'),
    address: v.t('intake.address'),
    attachments: v.t('intake.files'),
    consent: v.t('intake.kvkk.title'),
  };
  const summary = fieldOrder
    .filter((f) => errors[f])
    .map((f): [string, string] => [fieldId(f), `${labels[f]}: ${msg(f)}`]);
  const size = formatSize(props.maxFileBytes, v.lang);
  const p = paths(v);
  return (
    <Layout v={v} title={v.t('intake.title')}>
      <ErrorSummary v={v} errors={summary} />
      <p>{v.t('intake.intro')}</p>
      <p>
        <a href={p.status}>{v.t('intake.statusLink')}</a>
      </p>
      <form method="post" action={p.form} enctype="multipart/form-data" class="stack intake" novalidate>
        <FormGuards v={v} token={props.token} />
        <fieldset class={errors.type ? 'invalid' : undefined}>
          <legend>
            {labels.type}
            <Req v={v} />
          </legend>
          {errors.type ? (
            <p class="field-error" id="e-type">
              {msg('type')}
            </p>
          ) : null}
          {applicationTypes.map((t) => (
            <div class="choice">
              <input
                class="choice-input"
                type="radio"
                id={`f-type-${t}`}
                name="type"
                value={t}
                checked={values.type === t}
                required
                aria-describedby={[errors.type ? 'e-type' : '', `h-type-${t}`].filter(Boolean).join(' ')}
                aria-invalid={errors.type ? 'true' : undefined}
              />
              <label for={`f-type-${t}`}>{v.t(`intake.type.${t}` as MsgKey)}</label>
              <p class="hint" id={`h-type-${t}`}>
                {v.t(`intake.type.${t}.hint` as MsgKey)}
              </p>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{v.t('intake.about')}</legend>
          <Field
            v={v}
            name="subject"
            label={labels.subject}
            required
            hint={v.t('intake.subject.hint', { max: LIMITS.subject })}
            error={msg('subject')}
          >
            {(a) => <input {...a} value={values.subject} required maxlength={LIMITS.subject} />}
          </Field>
          <Field
            v={v}
            name="text"
            label={labels.text}
            required
            hint={v.t('intake.text.hint', { min: LIMITS.textMin, max: LIMITS.textMax })}
            error={msg('text')}
          >
            {(a) => (
              <textarea {...a} rows={10} required minlength={LIMITS.textMin} maxlength={LIMITS.textMax}>
                {values.text}
              </textarea>
            )}
          </Field>
          <Field v={v} name="province" label={labels.province} required error={msg('province')}>
            {(a) => (
              <select {...a} required>
                <option value="">{v.t('intake.province.choose')}</option>
                {provinces.map((name) => (
                  <option value={name} selected={values.province === name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            v={v}
            name="attachments"
            label={labels.attachments}
            hint={v.t('intake.files.hint', { n: props.maxFiles, size })}
            error={
              [msg('attachments'), props.filesDropped ? v.t('intake.err.filesAgain') : '']
                .filter(Boolean)
                .join(' ') || undefined
            }
          >
            {(a) => (
              <input
                {...a}
                type="file"
                multiple
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              />
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{v.t('intake.contact')}</legend>
          <p class="hint">{v.t('intake.contact.hint')}</p>
          <Field v={v} name="name" label={labels.name} required error={msg('name')}>
            {(a) => <input {...a} value={values.name} required maxlength={LIMITS.name} autocomplete="name" />}
          </Field>
          <Field v={v} name="tckn" label={labels.tckn} hint={v.t('intake.tckn.hint')} error={msg('tckn')}>
            {(a) => (
              <input {...a} value={values.tckn} inputmode="numeric" maxlength={11} autocomplete="off" />
            )}
          </Field>
          <Field v={v} name="email" label={labels.email} error={msg('email')}>
            {(a) => <input {...a} type="email" value={values.email} autocomplete="email" maxlength={320} />}
          </Field>
          <Field v={v} name="phone" label={labels.phone} hint={v.t('intake.phone.hint')} error={msg('phone')}>
            {(a) => <input {...a} type="tel" value={values.phone} autocomplete="tel" maxlength={30} />}
          </Field>
          <Field v={v} name="address" label={labels.address} error={msg('address')}>
            {(a) => (
              <textarea {...a} rows={3} maxlength={LIMITS.address} autocomplete="street-address">
                {values.address}
              </textarea>
            )}
          </Field>
        </fieldset>
        <section class="kvkk" aria-labelledby="kvkk-h">
          <h2 id="kvkk-h">{v.t('intake.kvkk.title')}</h2>
          <p>{v.t('intake.kvkk.text')}</p>
          {errors.consent ? (
            <p class="field-error" id="e-consent">
              {msg('consent')}
            </p>
          ) : null}
          <div class="choice">
            <input
              class="choice-input"
              type="checkbox"
              id="f-consent"
              name="consent"
              value="on"
              checked={values.consent === 'on'}
              required
              aria-describedby={errors.consent ? 'e-consent' : undefined}
              aria-invalid={errors.consent ? 'true' : undefined}
            />
            <label for="f-consent">
              {v.t('intake.consent')}
              <Req v={v} />
            </label>
          </div>
        </section>
        <button type="submit">{v.t('intake.submit')}</button>
      </form>
    </Layout>
  );
}

/** The confirmation page: the tracking code, shown this once. */
export function IntakeDonePage(props: { v: ViewCtx; code: string; files: number }) {
  const { v } = props;
  return (
    <Layout v={v} title={v.t('intake.done.title')}>
      <Notice kind="ok">{v.t('intake.done.title')}</Notice>
      <h2>{v.t('intake.done.code')}</h2>
      <p class="tracking-code">
        <strong>{props.code}</strong>
      </p>
      <p>{v.t('intake.done.keep')}</p>
      <p>{v.t('intake.done.how')}</p>
      {props.files > 0 ? <p>{v.t('intake.done.files', { n: props.files })}</p> : null}
      <p>
        <a href={paths(v).status}>{v.t('intake.status.title')}</a>
      </p>
    </Layout>
  );
}

/** A short page for a refused request (403, 413, 429) with a way back to the form. */
export function IntakeProblemPage(props: { v: ViewCtx; title: string; message: string }) {
  const { v } = props;
  return (
    <Layout v={v} title={props.title}>
      <Notice kind="error">{props.message}</Notice>
      <p>
        <a href={paths(v).form}>{v.t('intake.back')}</a>
      </p>
    </Layout>
  );
}
