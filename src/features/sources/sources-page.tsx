import { Hono } from 'hono';
import { z } from 'zod';
import { pollFeedJob } from '../../connectors/feeds/poll-feed-job.js';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { JobQueue } from '../../queue/types.js';
import type { FeedSource, FeedSourceStore } from '../../store/feed-source-store.js';
import type { createAuditLog } from '../../store/index.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { label, type MsgKey } from '../../web/ui/i18n.js';
import { Csrf, Layout, Notice, type ViewCtx, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { createSourceSchema } from './api-routes.js';

const minutes = z.coerce
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);
/** The "add a feed" form: interval in minutes (the API takes seconds). */
export const sourceFormSchema = z.object({
  name: createSourceSchema.shape.name,
  url: createSourceSchema.shape.url,
  intervalMinutes: minutes,
});
const intervalFormSchema = z.object({ intervalMinutes: minutes });

type FormErrors = Partial<Record<'name' | 'url' | 'intervalMinutes', MsgKey>>;
const errorKeys: Record<keyof FormErrors, MsgKey> = {
  name: 'sources.err.name',
  url: 'sources.err.url',
  intervalMinutes: 'sources.err.interval',
};

const when = (v: ViewCtx, iso: string | null, empty: MsgKey = 'sources.never') =>
  iso ? (
    <time datetime={iso}>
      {new Date(iso).toLocaleString(v.lang === 'en' ? 'en-GB' : 'tr-TR', {
        dateStyle: 'short',
        timeStyle: 'medium',
        timeZone: 'Europe/Istanbul',
      })}
    </time>
  ) : (
    v.t(empty)
  );

function SourceRow({ v, s }: { v: ViewCtx; s: FeedSource }) {
  const feed = s.kind === 'feed';
  return (
    <tr>
      <th scope="row">{s.name}</th>
      <td data-label={v.t('sources.kind')}>{label(v.t, 'sources.kind', s.kind)}</td>
      <td data-label={v.t('sources.url')} class="url">
        {s.url ?? '—'}
      </td>
      <td data-label={v.t('sources.state')}>
        {s.enabled ? v.t('sources.enabled') : v.t('sources.disabled')}
      </td>
      <td data-label={v.t('sources.interval')}>{Math.round(s.intervalSeconds / 60)}</td>
      <td data-label={v.t('sources.lastRun')}>{when(v, s.lastRunAt)}</td>
      <td data-label={v.t('sources.lastSuccess')}>{when(v, s.lastSuccessAt)}</td>
      <td data-label={v.t('sources.lastStatus')}>
        {s.lastStatus ?? '—'}
        {s.lastError ? (
          <p class="source-error">
            <strong>{`${v.t('sources.error.label')}: `}</strong>
            {s.lastError}
            {s.failures > 0 ? ` (${v.t('sources.failures', { n: s.failures })})` : ''}
          </p>
        ) : null}
      </td>
      <td data-label={v.t('sources.fetched')}>{s.itemsFetched}</td>
      <td data-label={v.t('sources.nextRun')}>
        {s.enabled && feed ? when(v, s.nextRunAt, 'sources.asap') : '—'}
      </td>
      <td data-label={v.t('sources.actions')}>
        <form method="post" action={`/admin/sources/${s.id}/${s.enabled ? 'disable' : 'enable'}`} class="row">
          <Csrf v={v} />
          <button
            type="submit"
            aria-label={`${v.t(s.enabled ? 'sources.disable' : 'sources.enable')}: ${s.name}`}
          >
            {v.t(s.enabled ? 'sources.disable' : 'sources.enable')}
          </button>
        </form>
        <form method="post" action={`/admin/sources/${s.id}/interval`} class="row">
          <Csrf v={v} />
          <label for={`iv-${s.id}`} class="sr-only">{`${v.t('sources.interval')}: ${s.name}`}</label>
          <input
            id={`iv-${s.id}`}
            name="intervalMinutes"
            type="number"
            min={1}
            max={10080}
            step={1}
            required
            value={String(Math.max(1, Math.round(s.intervalSeconds / 60)))}
            class="num"
          />
          <button type="submit" aria-label={`${v.t('sources.setInterval')}: ${s.name}`}>
            {v.t('sources.setInterval')}
          </button>
        </form>
        {feed && s.enabled && s.url ? (
          <form method="post" action={`/admin/sources/${s.id}/poll`} class="row">
            <Csrf v={v} />
            <button type="submit" aria-label={`${v.t('sources.pollNow')}: ${s.name}`}>
              {v.t('sources.pollNow')}
            </button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}

function SourcesPage(props: {
  v: ViewCtx;
  list: FeedSource[];
  notice?: string;
  errors?: FormErrors;
  values?: Record<string, string>;
}) {
  const { v, errors = {}, values = {} } = props;
  const field = (name: keyof FormErrors, label: MsgKey, hint: MsgKey, input: Record<string, unknown>) => {
    const err = errors[name];
    return (
      <>
        <label for={`ns-${name}`}>{v.t(label)}</label>
        <p class="hint" id={`h-ns-${name}`}>
          {v.t(hint)}
        </p>
        {err ? (
          <p class="field-error" id={`e-ns-${name}`}>
            {v.t(err)}
          </p>
        ) : null}
        <input
          id={`ns-${name}`}
          name={name}
          required
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={err ? `e-ns-${name} h-ns-${name}` : `h-ns-${name}`}
          {...input}
        />
      </>
    );
  };
  const summary = (Object.keys(errors) as (keyof FormErrors)[]).filter((k) => errors[k]);
  return (
    <Layout v={v} title={v.t('sources.title')} wide>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      {summary.length ? (
        <div class="notice error error-summary" role="alert">
          <h2>{v.t('intake.errors.title', { n: summary.length })}</h2>
          <ul class="error-list">
            {summary.map((k) => (
              <li>
                <a href={`#ns-${k}`}>{v.t(errors[k]!)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <TableRegion label={v.t('sources.list')}>
        <table class="restack sources">
          <caption>{v.t('sources.list')}</caption>
          <thead>
            <tr>
              {(
                [
                  'name',
                  'kind',
                  'url',
                  'state',
                  'interval',
                  'lastRun',
                  'lastSuccess',
                  'lastStatus',
                  'fetched',
                  'nextRun',
                  'actions',
                ] as const
              ).map((k) => (
                <th scope="col">{v.t(`sources.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.list.length === 0 ? (
              <tr>
                <td colspan={11}>{v.t('common.none')}</td>
              </tr>
            ) : (
              props.list.map((s) => <SourceRow v={v} s={s} />)
            )}
          </tbody>
        </table>
      </TableRegion>
      <h2 id="add-h">{v.t('sources.add')}</h2>
      <form method="post" action="/admin/sources" class="stack narrow" aria-labelledby="add-h" novalidate>
        <Csrf v={v} />
        {field('name', 'sources.name', 'sources.name.hint', {
          value: values.name ?? '',
          maxlength: 200,
          autocomplete: 'off',
        })}
        {field('url', 'sources.url', 'sources.url.hint', {
          type: 'url',
          value: values.url ?? '',
          maxlength: 2000,
        })}
        {field('intervalMinutes', 'sources.interval', 'sources.interval.hint', {
          type: 'number',
          min: 1,
          max: 10080,
          step: 1,
          value: values.intervalMinutes ?? '15',
        })}
        <button type="submit">{v.t('sources.add')}</button>
      </form>
    </Layout>
  );
}

/**
 * The sources admin page (`/admin/sources`, `sources.manage`): every source with
 * its last run, last error and items fetched; add a feed, enable, disable,
 * change the interval, poll now. Each change is audited.
 */
export function createSourcesPage(deps: {
  sources: Pick<FeedSourceStore, 'list' | 'get' | 'create' | 'update'>;
  queue: Pick<JobQueue, 'enqueue'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}) {
  const app = new Hono();
  app.use('/admin/sources', requirePermission('sources.manage'));
  app.use('/admin/sources/*', requirePermission('sources.manage'));
  const audit = (actor: string, action: string, s: FeedSource, details: Record<string, unknown> = {}) =>
    deps.audit.append({
      actor,
      action,
      targetType: 'source',
      targetId: s.id,
      details: { name: s.name, ...details },
    });

  app.get('/admin/sources', async (c) => {
    const v = viewCtx(c);
    const done = c.req.query('done');
    const notice = done === 'poll' ? v.t('sources.polling') : done ? v.t('common.saved') : undefined;
    return c.html(<SourcesPage v={v} list={await deps.sources.list()} notice={notice} />);
  });

  app.post('/admin/sources', async (c) => {
    const v = viewCtx(c);
    const body = await c.req.parseBody();
    const values = Object.fromEntries(
      ['name', 'url', 'intervalMinutes'].map((k) => [k, typeof body[k] === 'string' ? body[k] : '']),
    );
    const parsed = sourceFormSchema.safeParse(values);
    const render = async (errors: FormErrors, status: 409 | 422) =>
      c.html(<SourcesPage v={v} list={await deps.sources.list()} errors={errors} values={values} />, status);
    if (!parsed.success) {
      const errors: FormErrors = {};
      for (const i of parsed.error.issues) {
        const k = i.path[0] as keyof FormErrors;
        errors[k] = errorKeys[k];
      }
      return render(errors, 422);
    }
    try {
      const s = await deps.sources.create({
        name: parsed.data.name,
        url: parsed.data.url,
        intervalSeconds: parsed.data.intervalMinutes * 60,
      });
      await audit(c.get('user')!.email, 'source.create', s, {
        url: s.url,
        intervalSeconds: s.intervalSeconds,
      });
    } catch (err) {
      if (err instanceof ConflictError) return render({ name: 'sources.err.taken' }, 409);
      throw err;
    }
    return c.redirect('/admin/sources?done=1', 303);
  });

  const change = (action: 'enable' | 'disable' | 'interval' | 'poll') =>
    app.post(`/admin/sources/:id/${action}`, async (c) => {
      const actor = c.get('user')!.email;
      const current = await deps.sources.get(c.req.param('id'));
      if (!current) throw new NotFoundError('no such source');
      if (action === 'poll') {
        if (current.kind !== 'feed' || !current.enabled || !current.url)
          throw new ValidationError('only enabled feed sources can be polled now');
        await deps.queue.enqueue(
          pollFeedJob,
          { sourceId: current.id, due: current.nextRunAt },
          { jobId: `poll-feed-${current.id}-now-${Date.now()}` },
        );
        await audit(actor, 'source.poll', current);
        return c.redirect('/admin/sources?done=poll', 303);
      }
      let patch: { enabled?: boolean; intervalSeconds?: number };
      if (action === 'interval') {
        const p = intervalFormSchema.safeParse(await c.req.parseBody());
        if (!p.success)
          throw new ValidationError('the interval must be a whole number from 1 to 10080 minutes');
        patch = { intervalSeconds: p.data.intervalMinutes * 60 };
      } else patch = { enabled: action === 'enable' };
      const s = await deps.sources.update(current.id, patch);
      if (!s) throw new NotFoundError('no such source');
      await audit(actor, `source.${action}`, s, patch);
      return c.redirect('/admin/sources?done=1', 303);
    });
  for (const a of ['enable', 'disable', 'interval', 'poll'] as const) change(a);
  return app;
}
