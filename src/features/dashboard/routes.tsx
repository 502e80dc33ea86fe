import { Hono } from 'hono';
import { z } from 'zod';
import { turkishCalendar } from '../../domain/applications/calendar.js';
import { can } from '../../domain/review/permissions.js';
import type { SearchIndex } from '../../search/types.js';
import type { AlertStore } from '../../store/alert-store.js';
import type { KnownClaim } from '../../store/claim-store.js';
import type { createAuditLog } from '../../store/index.js';
import type { ResponseStore } from '../../store/response-store.js';
import type { ReviewStore } from '../../store/review-store.js';
import type { createStatsStore } from '../../store/stats-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { AuditDetails, AuditTarget, auditAction } from '../../web/ui/audit-view.js';
import { BarChart, DayChart, fillPeriod } from '../../web/ui/charts.js';
import { label } from '../../web/ui/i18n.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import { RisingCard } from '../alerts/rising-card.js';
import { DueText } from '../applications/format.js';
import { type QueueHit, Risk } from '../triage/queue-view.js';

const auditQuery = z.object({
  actor: z
    .string()
    .trim()
    .max(320)
    .optional()
    .transform((v) => v || undefined),
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  targetType: z
    .string()
    .trim()
    .max(50)
    .optional()
    .transform((v) => v || undefined),
  targetId: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

// Working days left on the deadlines-at-risk panel, counted on Turkish public holidays.
const calendar = turkishCalendar('Europe/Istanbul');

/** Supervisor dashboard (queues, deadlines, charts) and the filterable audit log. */
export function createDashboardRoutes(deps: {
  search: Pick<SearchIndex, 'search'>;
  stats: ReturnType<typeof createStatsStore>;
  responses: Pick<ResponseStore, 'list'>;
  review: Pick<ReviewStore, 'unconfirmedOnFlagged'>;
  audit: Pick<ReturnType<typeof createAuditLog>, 'list'>;
  alerts: Pick<AlertStore, 'list'>;
  claims: { list(): Promise<KnownClaim[]> };
}) {
  const app = new Hono();
  app.get('/dashboard', requirePermission('dashboard.read'), async (c) => {
    const v = viewCtx(c);
    const days = [7, 30, 90, 365].includes(Number(c.req.query('days'))) ? Number(c.req.query('days')) : 30;
    const [rising, claims] = await Promise.all([
      deps.alerts.list({ limit: 8, unacknowledgedOnly: true }),
      deps.claims.list(),
    ]);
    const [flagged, waiting, unconfirmed, deadlines, byTag, bySource, byProvince, perDay] = await Promise.all(
      [
        deps.search.search<QueueHit>('items', {
          filter: ['flagged = true', 'status IN ["new", "in_review"]'],
          sort: ['risk:desc'],
          limit: 10,
        }),
        deps.responses.list({ states: ['submitted'] }),
        deps.review.unconfirmedOnFlagged(20),
        deps.stats.deadlinesAtRisk(20),
        deps.stats.byTag(days),
        deps.stats.bySource(days),
        deps.stats.byProvince(days),
        deps.stats.perDay(days),
      ],
    );
    // The dashboard lists only what its viewer may open; others (an admin) see the counts.
    const role = v.user!.role;
    const canItems = can(role, 'queue.read');
    const canDrafts = can(role, 'response.draft');
    const canApps = can(role, 'applications.read');
    return c.html(
      <Layout v={v} title={v.t('dash.title')} wide>
        <div class="grid">
          <RisingCard v={v} alerts={rising} claims={new Map(claims.map((k) => [k.id, k.text]))} />
          <section aria-labelledby="fl-h" class="card">
            <h2 id="fl-h">{v.t('dash.flagged', { n: flagged.total })}</h2>
            <ol>
              {(canItems ? flagged.hits : []).map((h) => (
                <li>
                  <a href={`/items/${h.id}`}>{(h.subject || h.text).slice(0, 90)}</a>{' '}
                  <Risk v={v} risk={h.risk} />
                </li>
              ))}
            </ol>
            {canItems ? (
              <p>
                <a href="/queue?flagged=true&status=new&status=in_review">{v.t('dash.allFlagged')}</a>
              </p>
            ) : (
              <p class="hint">{v.t('dash.countsOnly')}</p>
            )}
          </section>
          <section aria-labelledby="ap-h" class="card">
            <h2 id="ap-h">{v.t('dash.approvals', { n: waiting.length })}</h2>
            <ul>
              {(canDrafts ? waiting : []).map((r) => (
                <li>
                  <a href={`/drafts/${r.id}`}>{r.title}</a> — {r.authorName}
                </li>
              ))}
            </ul>
            <h3>{v.t('dash.unconfirmed', { n: unconfirmed.length })}</h3>
            <ul>
              {(canItems ? unconfirmed : []).map((u) => (
                <li>
                  <a href={`/items/${u.itemId}`}>{label(v.t, 'verdict', u.verdict)}</a> — {v.day(u.createdAt)}
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="dl-h" class="card">
            <h2 id="dl-h">{v.t('dash.deadlines', { n: deadlines.length })}</h2>
            <ul>
              {(canApps ? deadlines : []).map((d) => (
                <li>
                  <a href={`/applications/${d.id}`}>{d.subject ?? label(v.t, 'appType', d.appType)}</a> —{' '}
                  <DueText v={v} cal={calendar} now={new Date()} dueDate={d.dueDate} open />
                </li>
              ))}
            </ul>
            {canApps ? (
              <p>
                <a href="/applications?risk=1">{v.t('apps.risk.atRisk')}</a>
              </p>
            ) : null}
          </section>
        </div>
        <section aria-labelledby="ch-h">
          <h2 id="ch-h">{v.t('dash.charts')}</h2>
          <form method="get" action="/dashboard" class="row">
            <label for="days">{v.t('dash.period')}</label>
            <select id="days" name="days">
              {[7, 30, 90, 365].map((d) => (
                <option value={d} selected={d === days}>
                  {v.t('dash.days', { n: d })}
                </option>
              ))}
            </select>
            <button type="submit">{v.t('queue.apply')}</button>
          </form>
          <div class="grid">
            <DayChart
              formatDay={v.day}
              title={v.t('dash.perDay')}
              caption={v.t('dash.dataTable')}
              data={fillPeriod(perDay, days, (day) => ({ day, n: 0, flagged: 0 }))}
              labels={{ day: v.t('dash.day'), all: v.t('dash.items'), flagged: v.t('item.flagged') }}
            />
            <BarChart
              id="by-tag"
              title={v.t('dash.byTag')}
              caption={v.t('dash.dataTable')}
              data={byTag.map((d) => ({ ...d, key: v.tag(d.key) }))}
            />
            <BarChart
              id="by-source"
              title={v.t('dash.bySource')}
              caption={v.t('dash.dataTable')}
              data={bySource}
            />
            <BarChart
              id="by-prov"
              title={v.t('dash.byProvince')}
              caption={v.t('dash.dataTable')}
              data={byProvince}
            />
          </div>
        </section>
      </Layout>,
    );
  });

  app.get('/audit', requirePermission('audit.read'), async (c) => {
    const v = viewCtx(c);
    const q: z.infer<typeof auditQuery> = auditQuery.safeParse(c.req.query()).data ?? auditQuery.parse({});
    const entries = await deps.audit.list({ ...q, limit: 50, offset: (q.page - 1) * 50 });
    const params = new URLSearchParams(
      Object.entries(q)
        .filter(([k, x]) => x !== undefined && k !== 'page')
        .map(([k, x]) => [k, String(x)] as [string, string]),
    );
    const field = (
      name: 'actor' | 'action' | 'targetType' | 'targetId',
      key: 'audit.actor' | 'audit.action' | 'audit.targetType' | 'audit.targetId',
    ) => (
      <>
        <label for={`a-${name}`}>{v.t(key)}</label>
        <input id={`a-${name}`} name={name} value={q[name] ?? ''} />
      </>
    );
    return c.html(
      <Layout v={v} title={v.t('audit.title')} wide>
        <p>{v.t('audit.appendOnly')}</p>
        <form method="get" action="/audit" class="row" aria-label={v.t('audit.filter')}>
          {field('actor', 'audit.actor')}
          {field('action', 'audit.action')}
          {field('targetType', 'audit.targetType')}
          {field('targetId', 'audit.targetId')}
          <button type="submit">{v.t('queue.apply')}</button>
        </form>
        <TableRegion label={v.t('audit.entries')}>
          <table class="restack">
            <caption>{v.t('audit.entries')}</caption>
            <thead>
              <tr>
                {(['audit.at', 'audit.actor', 'audit.action', 'audit.target', 'audit.details'] as const).map(
                  (k) => (
                    <th scope="col">{v.t(k)}</th>
                  ),
                )}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td data-label={v.t('audit.at')}>
                    <time datetime={e.at}>{v.when(e.at, { zone: true })}</time>
                  </td>
                  <td data-label={v.t('audit.actor')}>{e.actor}</td>
                  <td data-label={v.t('audit.action')}>{auditAction(v, e.action)}</td>
                  <td data-label={v.t('audit.target')}>
                    <AuditTarget v={v} e={e} />
                  </td>
                  <td data-label={v.t('audit.details')}>
                    <AuditDetails v={v} e={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <nav aria-label={v.t('queue.pages')} class="pager">
          {q.page > 1 ? <a href={`/audit?${params}&page=${q.page - 1}`}>{v.t('queue.prev')}</a> : null}{' '}
          {entries.length === 50 ? (
            <a href={`/audit?${params}&page=${q.page + 1}`}>{v.t('queue.next')}</a>
          ) : null}
        </nav>
      </Layout>,
    );
  });
  return app;
}
