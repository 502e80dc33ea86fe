import type { Child } from 'hono/jsx';
import { caseActions, replyChannels } from '../../domain/applications/case-workflow.js';
import type { Deadline } from '../../domain/applications/deadlines.js';
import { can } from '../../domain/review/permissions.js';
import type { CaseRow } from '../../store/application-store.js';
import type { AuditEntry } from '../../store/audit-log.js';
import type { ItemWithTags } from '../../store/item-store.js';
import { AuditDetails, auditAction } from '../../web/ui/audit-view.js';
import { label, type MsgKey } from '../../web/ui/i18n.js';
import { Csrf, Notice, type ViewCtx } from '../../web/ui/layout.js';
import { formatSize } from '../../web/ui/when.js';
import type { Deadlines } from './deadline-config.js';
import { DueText, formatDate, formatInstant } from './format.js';

/** Form errors by field name (message keys) and the values to show again. */
export interface FormState {
  form: 'sent' | 'forward';
  errors: Record<string, MsgKey>;
  values: Record<string, string>;
}

/**
 * The citizen's attachments. A file name may carry personal data, so roles without
 * the unmask right see "Ek 1" and the type and size, with no download; roles with it
 * see the name and download the file (each download audited).
 */
function Attachments({ v, list }: { v: ViewCtx; list: CasePageData['attachments'] }) {
  if (list.length === 0) return <p>{v.t('apps.att.none')}</p>;
  const full = !!v.user && can(v.user.role, 'item.unmask');
  return (
    <>
      <ul>
        {list.map((a, i) => (
          <li>
            {full ? (
              <a href={`/intake/attachments/${a.id}`} download>
                {a.originalName}
              </a>
            ) : (
              v.t('apps.att.nth', { n: i + 1 })
            )}{' '}
            <span class="meta">
              ({a.contentType}, {formatSize(a.sizeBytes, v.lang)})
            </span>
          </li>
        ))}
      </ul>
      {full ? null : <p class="hint">{v.t('apps.att.masked')}</p>}
    </>
  );
}

/** Everything the case page shows. */
export interface CasePageData {
  c: CaseRow;
  item: Pick<ItemWithTags, 'id' | 'tagResult'>;
  deadline: Deadline;
  applicantFields: string[];
  replies: { id: string; state: string; title: string }[];
  history: AuditEntry[];
  /** The citizen's files (name, type, size); names only for roles that may see personal data. */
  attachments: { id: string; originalName: string; contentType: string; sizeBytes: number }[];
  today: string;
  now: Date;
  form?: FormState;
}

const Field = (p: {
  v: ViewCtx;
  f?: FormState;
  form: FormState['form'];
  name: string;
  label: string;
  render: (a: Record<string, string | undefined>) => Child;
}) => {
  const err = p.f?.form === p.form ? p.f.errors[p.name] : undefined;
  const id = `${p.form}-${p.name}`;
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.render({
        id,
        name: p.name,
        'aria-invalid': err ? 'true' : undefined,
        'aria-describedby': err ? `${id}-err` : undefined,
      })}
      {err ? (
        <p id={`${id}-err`} class="field-error">
          {p.v.t('apps.errorPrefix')} {p.v.t(err)}
        </p>
      ) : null}
    </div>
  );
};

function Explanation({ v, d, tz }: { v: ViewCtx; d: Deadline; tz: string }) {
  const rule =
    'calendarDays' in d.rule
      ? v.t('apps.rule.calendar', { n: d.rule.calendarDays, law: d.law })
      : v.t('apps.rule.working', { n: d.rule.workingDays, law: d.law });
  return (
    <ul class="explain">
      <li>{v.t('apps.explain.received', { at: formatInstant(v.lang, tz, d.receivedAt) })}</li>
      <li>
        {v.t(d.receivedOutsideHours ? 'apps.explain.outside' : 'apps.explain.inside', {
          date: formatDate(v.lang, d.registeredOn),
        })}
      </li>
      <li>{rule}</li>
      {d.shiftedFrom ? (
        <li>
          {v.t('apps.explain.shifted', {
            from: formatDate(v.lang, d.shiftedFrom),
            to: formatDate(v.lang, d.dueDate),
          })}
        </li>
      ) : null}
      {d.holidays.length > 0 ? (
        <li>
          {v.t('apps.explain.holidays')}
          <ul>
            {d.holidays.map((h) => (
              <li>
                <time datetime={h.date}>{formatDate(v.lang, h.date)}</time>: {v.lang === 'en' ? h.en : h.tr}
                {h.half ? ` (${v.t('apps.explain.half')})` : ''}
              </li>
            ))}
          </ul>
        </li>
      ) : null}
      <li>{v.t('apps.explain.risk', { n: d.atRiskWorkingDays, at: formatInstant(v.lang, tz, d.riskAt) })}</li>
    </ul>
  );
}

/** The case page: summary, deadline with its computation, redacted text, masked applicant, actions, history. */
export function CasePage({
  v,
  d,
  deadlines,
}: {
  v: ViewCtx;
  d: CasePageData;
  deadlines: Pick<Deadlines, 'calendar'>;
}) {
  const { c } = d;
  const tz = deadlines.calendar.tz;
  const base = `/applications/${c.itemId}`;
  const actions = caseActions(c.state);
  const writable = !!v.user && can(v.user.role, 'applications.write');
  const approved = d.replies.filter((r) => r.state === 'approved' || r.state === 'published');
  const f = d.form;
  const val = (name: string, fallback = '') => (f ? (f.values[name] ?? fallback) : fallback);
  return (
    <>
      {f ? (
        <Notice kind="error">
          <p>{v.t('apps.formErrors')}</p>
          <ul>
            {Object.entries(f.errors).map(([name, key]) => (
              <li>
                <a href={`#${f.form}-${name}`}>{v.t(key)}</a>
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <p>
        <a href="/applications">{v.t('apps.back')}</a>
      </p>
      <dl class="case-summary">
        <dt>{v.t('apps.type')}</dt>
        <dd>{label(v.t, 'appType', c.appType)}</dd>
        <dt>{v.t('apps.law')}</dt>
        <dd>{v.t(c.law === '4982' ? 'apps.law.4982' : 'apps.law.3071')}</dd>
        <dt>{v.t('apps.province')}</dt>
        <dd>{c.province ?? '—'}</dd>
        <dt>{v.t('apps.received')}</dt>
        <dd>{formatInstant(v.lang, tz, c.receivedAt)}</dd>
        <dt>{v.t('apps.state')}</dt>
        <dd>
          {v.t(`apps.state.${c.state}`)}
          {c.escalatedAt
            ? ` · ${v.t('apps.escalatedAt', { at: formatInstant(v.lang, tz, c.escalatedAt) })}`
            : ''}
        </dd>
      </dl>
      <section aria-labelledby="dl-h">
        <h2 id="dl-h">{v.t('apps.deadline')}</h2>
        <p>
          <DueText v={v} cal={deadlines.calendar} now={d.now} dueDate={c.dueDate} open={c.state === 'open'} />
        </p>
        <h3>{v.t('apps.explain.title')}</h3>
        <Explanation v={v} d={d.deadline} tz={tz} />
        {d.deadline.dueDate !== c.dueDate ? <p class="hint">{v.t('apps.explain.changed')}</p> : null}
      </section>
      <section aria-labelledby="tx-h">
        <h2 id="tx-h">{v.t('apps.text')}</h2>
        {d.item.tagResult ? (
          <blockquote class="redacted">{d.item.tagResult.redactedText}</blockquote>
        ) : (
          <p>{v.t('apps.notProcessed')}</p>
        )}
      </section>
      <section aria-labelledby="ap-h">
        <h2 id="ap-h">{v.t('apps.applicant')}</h2>
        {d.applicantFields.length > 0 ? (
          <p>
            {v.t('apps.applicantMasked', {
              fields: d.applicantFields.map((k) => label(v.t, 'applicant', k)).join(', '),
            })}{' '}
            <a href={`/items/${c.itemId}`}>{v.t('apps.applicantLink')}</a>
          </p>
        ) : (
          <p>{v.t('apps.noApplicant')}</p>
        )}
      </section>
      <section aria-labelledby="at-h">
        <h2 id="at-h">{v.t('apps.attachments')}</h2>
        <Attachments v={v} list={d.attachments} />
      </section>
      <section aria-labelledby="rp-h">
        <h2 id="rp-h">{v.t('apps.reply')}</h2>
        {c.replySentOn ? (
          <p>
            {v.t(c.replySentOn <= c.dueDate ? 'apps.sentOnTime' : 'apps.sentLate', {
              date: formatDate(v.lang, c.replySentOn),
              channel: v.t(`apps.channel.${c.replyChannel ?? 'eposta'}`),
              by: c.replySentBy ?? '—',
            })}
          </p>
        ) : null}
        {d.replies.length > 0 ? (
          <ul>
            {d.replies.map((r) => (
              <li>
                <a href={`/drafts/${r.id}`}>{r.title}</a> — {label(v.t, 'state', r.state)}
              </li>
            ))}
          </ul>
        ) : (
          <p>{v.t('apps.noReply')}</p>
        )}
        {writable && c.state === 'open' ? (
          <p>
            <a href={`/drafts/new?item=${c.itemId}&kind=reply`}>{v.t('apps.startReply')}</a>
          </p>
        ) : null}
        {writable && actions.includes('mark_sent') ? (
          approved.length === 0 ? (
            <p class="hint">{v.t('apps.sentNeedsApproval')}</p>
          ) : (
            <form method="post" action={`${base}/sent`} class="stack" aria-labelledby="sent-h" novalidate>
              <h3 id="sent-h">{v.t('apps.markSent')}</h3>
              <Csrf v={v} />
              <Field
                v={v}
                f={f}
                form="sent"
                name="responseId"
                label={v.t('apps.whichReply')}
                render={(a) => (
                  <select {...a} required>
                    {approved.map((r) => (
                      <option value={r.id} selected={val('responseId') === r.id}>
                        {r.title}
                      </option>
                    ))}
                  </select>
                )}
              />
              <Field
                v={v}
                f={f}
                form="sent"
                name="channel"
                label={v.t('apps.channel')}
                render={(a) => (
                  <select {...a} required>
                    {replyChannels.map((ch) => (
                      <option value={ch} selected={val('channel') === ch}>
                        {v.t(`apps.channel.${ch}`)}
                      </option>
                    ))}
                  </select>
                )}
              />
              <Field
                v={v}
                f={f}
                form="sent"
                name="sentOn"
                label={v.t('apps.sentOn')}
                render={(a) => (
                  <input {...a} type="date" required max={d.today} value={val('sentOn', d.today)} />
                )}
              />
              <button type="submit">{v.t('apps.markSent')}</button>
            </form>
          )
        ) : null}
      </section>
      <section aria-labelledby="fw-h">
        <h2 id="fw-h">{v.t('apps.forwarding')}</h2>
        {c.forwardedTo ? (
          <p>
            {v.t('apps.forwardedRecord', {
              to: c.forwardedTo,
              at: formatInstant(v.lang, tz, c.forwardedAt ?? c.receivedAt),
              by: c.forwardedBy ?? '—',
            })}{' '}
            {v.t('apps.forwardReason')}: {c.forwardReason}
          </p>
        ) : (
          <p>{v.t('apps.notForwarded')}</p>
        )}
        {writable && actions.includes('forward') ? (
          <form method="post" action={`${base}/forward`} class="stack" aria-labelledby="fwf-h" novalidate>
            <h3 id="fwf-h">{v.t('apps.forward')}</h3>
            <p class="hint">{v.t('apps.forwardHint')}</p>
            <Csrf v={v} />
            <Field
              v={v}
              f={f}
              form="forward"
              name="institution"
              label={v.t('apps.institution')}
              render={(a) => <input {...a} required maxlength={200} value={val('institution')} />}
            />
            <Field
              v={v}
              f={f}
              form="forward"
              name="reason"
              label={v.t('apps.forwardReason')}
              render={(a) => (
                <textarea {...a} required maxlength={2000} rows={3}>
                  {val('reason')}
                </textarea>
              )}
            />
            <Field
              v={v}
              f={f}
              form="forward"
              name="informed"
              label={v.t('apps.informed')}
              render={(a) => (
                <input {...a} type="checkbox" value="on" required checked={val('informed') === 'on'} />
              )}
            />
            <button type="submit">{v.t('apps.forward')}</button>
          </form>
        ) : null}
      </section>
      {writable && actions.includes('close') ? (
        <form method="post" action={`${base}/close`} class="inline">
          <Csrf v={v} />
          <button type="submit">{v.t('apps.close')}</button>
        </form>
      ) : null}
      {c.closedAt ? (
        <p>
          {v.t('apps.closedRecord', { at: formatInstant(v.lang, tz, c.closedAt), by: c.closedBy ?? '—' })}
        </p>
      ) : null}
      <section aria-labelledby="hi-h">
        <h2 id="hi-h">{v.t('apps.history')}</h2>
        <ol class="history">
          {d.history.map((e) => (
            <li>
              <time datetime={e.at}>{formatInstant(v.lang, tz, e.at)}</time> — {e.actor}:{' '}
              {auditAction(v, e.action)}
              {Object.keys(e.details).length ? ' · ' : ''}
              <AuditDetails v={v} e={e} />
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
