import { Hono } from 'hono';
import { Counter } from 'prom-client';
import { createItemActions } from '../../pipeline/bulk-item-actions.js';
import {
  type ApplicationStore,
  type CaseDeadline,
  createApplicationStore,
} from '../../store/application-store.js';
import { createResponseStore } from '../../store/response-store.js';
import { createReviewStore } from '../../store/review-store.js';
import type { Database } from '../../store/types.js';
import type { Feature, FeatureContext } from '../seam.js';
import { createCaseRoutes } from './case-routes.js';
import { type Deadlines, loadDeadlines } from './deadline-config.js';
import { createListRoutes } from './list-routes.js';
import { createSlaRoutes } from './sla-routes.js';
import { createDeadlineSweep } from './sweep.js';

/** A new case's deadline columns from the loaded rules (for the case store and for ingest). */
export function caseDeadline(deadlines: Deadlines): CaseDeadline {
  return (type, at) => {
    const d = deadlines.compute(type, at);
    return { law: d.law, dueDate: d.dueDate, dueAt: d.dueAt, riskAt: d.riskAt };
  };
}

/** The case store with deadlines computed from the loaded rules. */
export function createCaseStore(db: Database, deadlines: Deadlines) {
  return createApplicationStore(db, { deadline: caseDeadline(deadlines) });
}

/**
 * The citizen-application workflow: cases with legal deadlines (config/applications/deadlines.json),
 * the case list and page with reply, forwarding and closing, the SLA view, and the
 * periodic sweep that escalates cases at risk. `deadlines`: the rules the composition
 * root loaded (ingest creates each case with them), else read from CONFIG_DIR.
 */
export function createApplicationsFeature(
  ctx: FeatureContext,
  opts: { now?: () => Date; deadlines?: Deadlines } = {},
): Feature & { publicStatus: ApplicationStore['publicStatus'] } {
  const now = opts.now ?? (() => new Date());
  const deadlines = opts.deadlines ?? loadDeadlines(ctx.config.CONFIG_DIR);
  const store = createCaseStore(ctx.db, deadlines);
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
      responses: createResponseStore(ctx.db),
      audit: ctx.stores.audit,
      actions: createItemActions({
        items: ctx.stores.items,
        review: createReviewStore(ctx.db),
        audit: ctx.stores.audit,
        search: ctx.search,
      }),
      deadlines,
      now,
      logger: ctx.logger,
    }),
  );
  ui.route('/', createSlaRoutes({ store, deadlines, now }));

  return {
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
