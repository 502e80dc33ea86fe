import { Hono } from 'hono';
import { z } from 'zod';
import { caseStates } from '../../domain/applications/case-workflow.js';
import { ValidationError } from '../../domain/errors.js';
import { applicationTypes } from '../../domain/item.js';
import type { ApplicationStore, CaseQuery } from '../../store/application-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { label } from '../../web/ui/i18n.js';
import { Layout, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import type { Deadlines } from './deadline-config.js';
import { DueText, formatInstant } from './format.js';

const PAGE = 50;
const PROVINCES_TTL_MS = 5 * 60_000;
// Applications created this recently may not have a case yet if the sweep has not run; lists create them.
const READ_LOOKBACK_MS = 2 * 86_400_000;

const listQuerySchema = z.strictObject({
  type: z.enum(applicationTypes).optional(),
  province: z.string().trim().max(100).optional(),
  state: z.enum([...caseStates, 'all']).default('open'),
  risk: z.enum(['1', 'overdue']).optional(),
  sort: z.enum(['due', 'received', 'type']).default('due'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  lang: z.string().optional(),
});
type ListQuery = z.infer<typeof listQuerySchema>;

/** Parses the list's query string; empty fields mean "any". Bad values are a 400. */
export function parseListQuery(raw: Record<string, string>): ListQuery {
  const r = listQuerySchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== '')));
  if (!r.success) throw new ValidationError('invalid filter', r.error.issues);
  return r.data;
}

/** `/applications`: the case list with deadlines, filters, sorting and pages. */
export function createListRoutes(deps: {
  store: Pick<ApplicationStore, 'list' | 'provinces' | 'ensureCases'>;
  deadlines: Pick<Deadlines, 'calendar'>;
  now: () => Date;
}) {
  const app = new Hono();
  // The province filter's options: a DISTINCT over all applications, so kept for a few minutes.
  let cached: { at: number; list: Promise<string[]> } | null = null;
  const provinceOptions = (now: Date) => {
    if (!cached || now.getTime() - cached.at > PROVINCES_TTL_MS || now.getTime() < cached.at)
      cached = { at: now.getTime(), list: deps.store.provinces().catch(() => []) };
    return cached.list;
  };
  app.get('/applications', requirePermission('applications.read'), async (c) => {
    const v = viewCtx(c);
    const q = parseListQuery(c.req.query());
    const now = deps.now();
    await deps.store.ensureCases({ since: new Date(now.getTime() - READ_LOOKBACK_MS) });
    const query: CaseQuery = {
      type: q.type,
      province: q.province || undefined,
      state: q.state === 'all' ? undefined : q.state,
      risk: q.risk === '1' ? 'risk' : q.risk,
      sort: q.sort,
      dir: q.dir,
      limit: PAGE,
      offset: (q.page - 1) * PAGE,
    };
    const [{ rows, total }, provinceList] = await Promise.all([
      deps.store.list(query, now),
      provinceOptions(now),
    ]);
    const params = (change: Partial<ListQuery>) => {
      const p = new URLSearchParams();
      for (const [k, x] of Object.entries({ ...q, ...change }))
        if (x !== undefined && x !== '' && k !== 'lang') p.set(k, String(x));
      return `/applications?${p}`;
    };
    const sortHeader = (key: ListQuery['sort'], text: string) => {
      const active = q.sort === key;
      const next = active && q.dir === 'asc' ? 'desc' : 'asc';
      return (
        <th scope="col" aria-sort={active ? (q.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
          <a href={params({ sort: key, dir: next, page: 1 })}>
            {text}
            {active ? (
              <>
                <span aria-hidden="true">{q.dir === 'asc' ? ' ▲' : ' ▼'}</span>
                <span class="sr-only"> ({v.t(q.dir === 'asc' ? 'apps.sortedAsc' : 'apps.sortedDesc')})</span>
              </>
            ) : null}
          </a>
        </th>
      );
    };
    const pages = Math.max(1, Math.ceil(total / PAGE));
    return c.html(
      <Layout v={v} title={v.t('apps.title')} wide>
        <form method="get" action="/applications" class="row apps-filter" aria-label={v.t('apps.filter')}>
          <label for="f-type">{v.t('apps.type')}</label>
          <select id="f-type" name="type">
            <option value="">{v.t('apps.any')}</option>
            {applicationTypes.map((t) => (
              <option value={t} selected={q.type === t}>
                {label(v.t, 'appType', t)}
              </option>
            ))}
          </select>
          <label for="f-prov">{v.t('apps.province')}</label>
          <select id="f-prov" name="province">
            <option value="">{v.t('apps.any')}</option>
            {provinceList.map((p) => (
              <option value={p} selected={q.province === p}>
                {p}
              </option>
            ))}
          </select>
          <label for="f-state">{v.t('apps.state')}</label>
          <select id="f-state" name="state">
            {(['open', 'forwarded', 'answered', 'closed', 'all'] as const).map((s) => (
              <option value={s} selected={q.state === s}>
                {v.t(`apps.state.${s}`)}
              </option>
            ))}
          </select>
          <label for="f-risk">{v.t('apps.risk')}</label>
          <select id="f-risk" name="risk">
            <option value="">{v.t('apps.any')}</option>
            <option value="1" selected={q.risk === '1'}>
              {v.t('apps.risk.atRisk')}
            </option>
            <option value="overdue" selected={q.risk === 'overdue'}>
              {v.t('apps.risk.overdue')}
            </option>
          </select>
          <input type="hidden" name="sort" value={q.sort} />
          <input type="hidden" name="dir" value={q.dir} />
          <button type="submit">{v.t('apps.apply')}</button>
        </form>
        <p role="status">{v.t('apps.count', { n: total })}</p>
        <TableRegion label={v.t('apps.caption')}>
          <table class="restack apps">
            <caption>{v.t('apps.caption')}</caption>
            <thead>
              <tr data-label={v.t('apps.sortBy')}>
                {sortHeader('type', v.t('apps.type'))}
                <th scope="col">{v.t('apps.subject')}</th>
                <th scope="col">{v.t('apps.province')}</th>
                {sortHeader('received', v.t('apps.received'))}
                {sortHeader('due', v.t('apps.deadline'))}
                <th scope="col">{v.t('apps.state')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td data-label={v.t('apps.type')}>{label(v.t, 'appType', r.appType)}</td>
                  <td data-label={v.t('apps.subject')}>
                    <a href={`/applications/${r.itemId}`}>{r.subject || v.t('apps.noSubject')}</a>
                  </td>
                  <td data-label={v.t('apps.province')}>{r.province ?? '—'}</td>
                  <td data-label={v.t('apps.received')}>
                    {formatInstant(v.lang, deps.deadlines.calendar.tz, r.receivedAt)}
                  </td>
                  <td data-label={v.t('apps.deadline')}>
                    <DueText
                      v={v}
                      cal={deps.deadlines.calendar}
                      now={now}
                      dueDate={r.dueDate}
                      open={r.state === 'open'}
                    />
                    {r.escalatedAt && r.state === 'open' ? <> · {v.t('apps.escalated')}</> : null}
                  </td>
                  <td data-label={v.t('apps.state')}>{v.t(`apps.state.${r.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
        <nav aria-label={v.t('apps.pages')} class="pager">
          {q.page > 1 ? <a href={params({ page: q.page - 1 })}>{v.t('apps.prev')}</a> : null}{' '}
          <span>{v.t('apps.page', { n: q.page, of: pages })}</span>{' '}
          {q.page < pages ? <a href={params({ page: q.page + 1 })}>{v.t('apps.next')}</a> : null}
        </nav>
      </Layout>,
    );
  });
  return app;
}
