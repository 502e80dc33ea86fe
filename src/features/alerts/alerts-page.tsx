import { Hono } from 'hono';
import { NotFoundError } from '../../domain/errors.js';
import type { Alert, AlertStore } from '../../store/alert-store.js';
import type { createAuditLog } from '../../store/audit-log.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { Csrf, Layout, Notice, type ViewCtx, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';

/** A time on occurrence time, in Istanbul local time. */
export const when = (v: ViewCtx, iso: string) => (
  <time datetime={iso}>
    {new Date(iso).toLocaleString(v.lang === 'en' ? 'en-GB' : 'tr-TR', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Istanbul',
    })}
  </time>
);

/** What an alert is about, in words: the claim's text or the cluster, with a link to its items. */
export function AlertSubject({ v, a, claims }: { v: ViewCtx; a: Alert; claims: Map<string, string> }) {
  const province = a.province ? `&province=${encodeURIComponent(a.province)}` : '';
  if (a.kind === 'claim')
    return (
      <span>
        <strong>{`${v.t('alerts.claim')}: `}</strong>
        {claims.get(a.subject) ?? a.subject}{' '}
        <a href={`/api/v1/exports/claims/${encodeURIComponent(a.subject)}/appearances.csv`} download>
          {v.t('alerts.exportCsv')}
        </a>
      </span>
    );
  return (
    <span>
      <strong>{v.t('alerts.cluster')}</strong>{' '}
      <a href={`/queue?q=${encodeURIComponent(a.subject)}${province}`}>{v.t('alerts.openQueue')}</a>
    </span>
  );
}

function AlertsPage(props: {
  v: ViewCtx;
  list: Alert[];
  claims: Map<string, string>;
  unseen: boolean;
  notice?: string;
}) {
  const { v } = props;
  return (
    <Layout v={v} title={v.t('alerts.title')} wide>
      <p>{v.t('alerts.intro')}</p>
      {props.notice ? <Notice kind="ok">{props.notice}</Notice> : null}
      <p>
        <a href="/alerts" aria-current={props.unseen ? undefined : 'page'}>
          {v.t('alerts.all')}
        </a>
        {' · '}
        <a href="/alerts?unseen=1" aria-current={props.unseen ? 'page' : undefined}>
          {v.t('alerts.unacknowledgedOnly')}
        </a>
        {' · '}
        <a href="/digest">{v.t('alerts.digest')}</a>
      </p>
      <TableRegion label={v.t('alerts.list')}>
        <table class="restack">
          <caption>{v.t('alerts.list')}</caption>
          <thead>
            <tr>
              {(['subject', 'province', 'detectedAt', 'count', 'expected', 'state'] as const).map((k) => (
                <th scope="col">{v.t(`alerts.${k}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.list.length === 0 ? (
              <tr>
                <td colspan={6}>{v.t('common.none')}</td>
              </tr>
            ) : (
              props.list.map((a) => (
                <tr id={`alert-${a.id}`}>
                  <td data-label={v.t('alerts.subject')}>
                    <AlertSubject v={v} a={a} claims={props.claims} />
                  </td>
                  <td data-label={v.t('alerts.province')}>{a.province ?? v.t('alerts.allProvinces')}</td>
                  <td data-label={v.t('alerts.detectedAt')}>{when(v, a.detectedAt)}</td>
                  <td data-label={v.t('alerts.count')}>{a.peakCount}</td>
                  <td data-label={v.t('alerts.expected')}>{a.expected.toFixed(1)}</td>
                  <td data-label={v.t('alerts.state')}>
                    {v.t(a.endedAt ? 'alerts.ended' : 'alerts.ongoing')}
                    {a.acknowledgedAt ? (
                      <span>{` · ${v.t('alerts.acknowledged')}`}</span>
                    ) : (
                      <form method="post" action={`/alerts/${a.id}/acknowledge`} class="row">
                        <Csrf v={v} />
                        <button type="submit">{v.t('alerts.acknowledge')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableRegion>
    </Layout>
  );
}

/**
 * `/alerts` (staff and supervisors): surge alerts, newest first, with "mark as seen"
 * (audited as `alert.acknowledge`).
 */
export function createAlertsPage(deps: {
  alerts: Pick<AlertStore, 'list' | 'get' | 'acknowledge'>;
  claimTexts: () => Promise<Map<string, string>>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'append'>;
}) {
  const app = new Hono();
  app.use('/alerts', requirePermission('queue.read'));
  app.use('/alerts/*', requirePermission('item.write'));
  app.get('/alerts', async (c) => {
    const v = viewCtx(c);
    const unseen = c.req.query('unseen') === '1';
    const list = await deps.alerts.list({ limit: 200, unacknowledgedOnly: unseen });
    const notice = c.req.query('done') ? v.t('alerts.acknowledgedNotice') : undefined;
    return c.html(
      <AlertsPage v={v} list={list} claims={await deps.claimTexts()} unseen={unseen} notice={notice} />,
    );
  });
  app.post('/alerts/:id/acknowledge', async (c) => {
    const a = await deps.alerts.get(c.req.param('id'));
    if (!a) throw new NotFoundError('no such alert');
    const user = c.get('user')!;
    if (await deps.alerts.acknowledge(a.id, user.id))
      await deps.audit.append({
        actor: user.email,
        action: 'alert.acknowledge',
        targetType: 'alert',
        targetId: a.id,
        details: { kind: a.kind, subject: a.subject, province: a.province },
      });
    return c.redirect('/alerts?done=1', 303);
  });
  return app;
}
