import type { Logger } from '../../obs/logger.js';
import type { PeriodicTask } from '../../queue/scheduler.js';
import type { ApplicationStore } from '../../store/application-store.js';

/**
 * The deadline sweep: escalates open cases at risk, each once whichever worker runs it.
 * Cases are created with their application, in the ingest transaction; the first run in
 * a process also backfills cases of applications stored without one (by older versions).
 */
export function createDeadlineSweep(deps: {
  store: Pick<ApplicationStore, 'ensureCases' | 'escalate'>;
  logger: Pick<Logger, 'info'>;
  tickMs: number;
  now?: () => Date;
  onEscalated?: (n: number) => void;
}) {
  const now = deps.now ?? (() => new Date());
  let backfilled = false;

  /** One sweep; returns how many cases were backfilled and which were escalated. */
  async function run() {
    const created = backfilled ? 0 : await deps.store.ensureCases();
    backfilled = true;
    const escalated = await deps.store.escalate(now());
    if (escalated.length > 0) deps.onEscalated?.(escalated.length);
    if (created > 0 || escalated.length > 0)
      deps.logger.info({ created, escalated: escalated.length }, 'application deadline sweep');
    return { created, escalated };
  }

  return {
    run,
    /** The sweep as a periodic task for the one scheduler. */
    task: { name: 'deadline-sweep', everyMs: deps.tickMs, run } satisfies PeriodicTask,
  };
}
