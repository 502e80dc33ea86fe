import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { addDays, daysBetween, localParts, zonedInstant } from '../../domain/applications/calendar.js';
import { ValidationError } from '../../domain/errors.js';
import type { ApplicationStore, SlaRow } from '../../store/application-store.js';
import { requirePermission } from '../../web/auth/require-permission.js';
import { label, type MsgKey } from '../../web/ui/i18n.js';
import { Layout, Notice, type ViewCtx, viewCtx } from '../../web/ui/layout.js';
import { TableRegion } from '../../web/ui/table-region.js';
import type { Deadlines } from './deadline-config.js';

const DEFAULT_DAYS = 90;
const MAX_DAYS = 3660;

const rangeSchema = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional() });
const columns = ['onTime', 'late', 'forwarded', 'atRisk', 'overdue', 'total'] as const;

/** Parses `from`/`to` (local dates, inclusive); defaults to the last 90 days. Errors name the field. */
function parseRange(raw: Record<string, string>, today: string) {
  const r = rangeSchema.safeParse({ from: raw.from || undefined, to: raw.to || undefined });
  const errors: Record<string, MsgKey> = {};
  if (!r.success) for (const i of r.error.issues) errors[String(i.path[0])] = 'apps.err.date';
  const to = r.data?.to ?? today;
  const from = r.data?.from ?? addDays(to, -(DEFAULT_DAYS - 1));
  if (!errors.from && !errors.to) {
    if (from > to) errors.from = 'apps.err.rangeOrder';
    else if (daysBetween(from, to) > MAX_DAYS) errors.from = 'apps.err.rangeLong';
  }
  return { from, to, errors, values: { from: raw.from ?? from, to: raw.to ?? to } };
}

const csvCell = (s: string | number) => {
  let x = String(s);
  // A cell starting with = + - @ would be a formula in a spreadsheet.
  if (/^[=+\-@\t\r]/.test(x)) x = `'${x}`;
  return /[",\n\r]/.test(x) ? `"${x.replaceAll('"', '""')}"` : x;
};

function SlaTable(p: {
  v: ViewCtx;
  id: string;
  caption: string;
  keyHeader: string;
  rows: SlaRow[];
  keyLabel: (k: string | null) => string;
}) {
  const { v } = p;
  const sum = (k: (typeof columns)[number]) => p.rows.reduce((a, r) => a + r[k], 0);
  return (
    <TableRegion label={p.caption}>
      <table id={p.id} class="sla">
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.keyHeader}</th>
            {columns.map((k) => (
              <th scope="col">{v.t(`apps.sla.${k}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row">{p.keyLabel(r.key)}</th>
              {columns.map((k) => (
                <td>{r[k]}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{v.t('apps.sla.sum')}</th>
            {columns.map((k) => (
              <td>{sum(k)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}

/** `/sla` (supervisors): answered on time, late, forwarded, at risk, overdue by type and province; CSV. */
export function createSlaRoutes(deps: {
  store: Pick<ApplicationStore, 'sla' | 'ensureCases'>;
  deadlines: Pick<Deadlines, 'calendar'>;
  now: () => Date;
}) {
  const app = new Hono();
  const tz = deps.deadlines.calendar.tz;
  app.use('/sla', requirePermission('sla.read'));
  app.use('/sla.csv', requirePermission('sla.read'));

  async function load(c: Context) {
    const now = deps.now();
    const range = parseRange(c.req.query(), localParts(now, tz).date);
    if (Object.keys(range.errors).length > 0) return { range, now, byType: [], byProvince: [] };
    const start = zonedInstant(range.from, 0, tz);
    const end = zonedInstant(addDays(range.to, 1), 0, tz);
    await deps.store.ensureCases({ since: new Date(now.getTime() - 2 * 86_400_000) });
    const [byType, byProvince] = await Promise.all([
      deps.store.sla('type', start, end, now),
      deps.store.sla('province', start, end, now),
    ]);
    return { range, now, byType, byProvince };
  }

  app.get('/sla', async (c) => {
    const v = viewCtx(c);
    const { range, byType, byProvince } = await load(c);
    const bad = Object.keys(range.errors).length > 0;
    const err = (name: 'from' | 'to') => range.errors[name];
    const dateField = (name: 'from' | 'to') => (
      <div class="field">
        <label for={`sla-${name}`}>{v.t(name === 'from' ? 'apps.sla.from' : 'apps.sla.to')}</label>
        <input
          id={`sla-${name}`}
          name={name}
          type="date"
          value={range.values[name]}
          aria-invalid={err(name) ? 'true' : undefined}
          aria-describedby={err(name) ? `sla-${name}-err` : undefined}
        />
        {err(name) ? (
          <p id={`sla-${name}-err`} class="field-error">
            {v.t('apps.errorPrefix')} {v.t(err(name)!)}
          </p>
        ) : null}
      </div>
    );
    const qs = new URLSearchParams({ from: range.from, to: range.to });
    return c.html(
      <Layout v={v} title={v.t('apps.sla.title')} wide>
        {bad ? (
          <Notice kind="error">
            <p>{v.t('apps.formErrors')}</p>
          </Notice>
        ) : null}
        <p>{v.t('apps.sla.intro')}</p>
        <form method="get" action="/sla" class="row" aria-label={v.t('apps.sla.period')}>
          {dateField('from')}
          {dateField('to')}
          <button type="submit">{v.t('apps.apply')}</button>
        </form>
        {bad ? null : (
          <>
            <p>
              <a href={`/sla.csv?${qs}`} download>
                {v.t('apps.sla.csv')}
              </a>
            </p>
            <SlaTable
              v={v}
              id="sla-type"
              caption={v.t('apps.sla.byType')}
              keyHeader={v.t('apps.type')}
              rows={byType}
              keyLabel={(k) => label(v.t, 'appType', k ?? '—')}
            />
            <SlaTable
              v={v}
              id="sla-province"
              caption={v.t('apps.sla.byProvince')}
              keyHeader={v.t('apps.province')}
              rows={byProvince}
              keyLabel={(k) => k ?? v.t('apps.sla.noProvince')}
            />
          </>
        )}
      </Layout>,
      bad ? 400 : 200,
    );
  });

  app.get('/sla.csv', async (c) => {
    const { range, byType, byProvince } = await load(c);
    if (Object.keys(range.errors).length > 0) throw new ValidationError('invalid date range', range.errors);
    const head = ['dimension', 'key', 'on_time', 'late', 'forwarded', 'at_risk', 'overdue', 'total'];
    const lines = [head.join(',')];
    for (const [dim, rows] of [
      ['type', byType],
      ['province', byProvince],
    ] as const)
      for (const r of rows)
        lines.push([dim, r.key ?? '', ...columns.map((k) => r[k])].map(csvCell).join(','));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="sla-${range.from}-${range.to}.csv"`);
    c.header('cache-control', 'no-store');
    return c.body(`${lines.join('\r\n')}\r\n`);
  });
  return app;
}
