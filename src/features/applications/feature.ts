import { Hono } from 'hono';
import { Counter } from 'prom-client';
import type { ApplicationStore, CaseDeadline } from '../../store/application-store.js';
import type { Feature, FeatureContext } from '../seam.js';
import { createCaseRoutes } from './case-routes.js';
import type { Deadlines } from './deadline-config.js';
import { en, tr } from './i18n.js';
import { createListRoutes } from './list-routes.js';
import { createSlaRoutes } from './sla-routes.js';
import { createDeadlineSweep } from './sweep.js';

/** The case deadline of a new application, from the loaded rules (handed to `createStores`). */
export function caseDeadline(deadlines: Deadlines): CaseDeadline {
  return (type, at) => {
    const d = deadlines.compute(type, at);
    return { law: d.law, dueDate: d.dueDate, dueAt: d.dueAt, riskAt: d.riskAt };
  };
}

/**
 * The citizen-application workflow: cases with legal deadlines (config/applications/deadlines.json),
 * the case list and page with reply, forwarding and closing, the SLA view, and the
 * periodic sweep that escalates cases at risk. `deadlines`: the rules the composition
 * root loaded (ingest creates each case with them).
 */
export function createApplicationsFeature(
  ctx: FeatureContext<'cases' | 'items' | 'responses' | 'audit' | 'intake'>,
  opts: { deadlines: Deadlines; now?: () => Date },
): Feature & { publicStatus: ApplicationStore['publicStatus'] } {
  const now = opts.now ?? (() => new Date());
  const { deadlines } = opts;
  const store = ctx.stores.cases;
  const escalated = new Counter({
    name: 'kopru_applications_escalated_total',
    help: 'Application cases escalated because their legal deadline is near or past',
    registers: [ctx.metrics.registry],
  });
  const sweep = createDeadlineSweep({
    store,
    logger: ctx.logger,
    tickMs: ctx.config.DEADLINE_TICK_MS,
    now,
    onEscalated: (n) => escalated.inc(n),
  });

  const ui = new Hono();
  ui.route('/', createListRoutes({ store, deadlines, now }));
  ui.route(
    '/',
    createCaseRoutes({
      store,
      items: ctx.stores.items,
      responses: ctx.stores.responses,
      audit: ctx.stores.audit,
      attachments: ctx.stores.intake,
      actions: ctx.actions,
      deadlines,
      now,
    }),
  );
  ui.route('/', createSlaRoutes({ store, deadlines, now }));

  return {
    name: 'applications',
    texts: { tr, en },
    ui,
    /** For the citizen's tracking-code lookup: state and deadline, no text, no personal data. */
    publicStatus: (itemId) => store.publicStatus(itemId),
    nav: [
      { href: '/applications', tr: 'Başvurular', en: 'Applications', permission: 'applications.read' },
      { href: '/sla', tr: 'Süre takibi', en: 'Deadlines (SLA)', permission: 'sla.read' },
    ],
    tasks: [sweep.task],
  };
}
