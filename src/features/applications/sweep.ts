import type { Logger } from '../../obs/logger.js';
import type { ApplicationStore } from '../../store/application-store.js';

// Items are stamped with their transaction's start time: look back this far so a
// transaction that committed after the previous sweep is not missed.
const LOOKBACK_MS = 60 * 60_000;

/**
 * The deadline sweep: creates missing cases (all applications on the first run,
 * then those created since the previous run) and escalates cases at risk, once
 * at start and then every `tickMs`. Runs never overlap.
 */
export function createDeadlineSweep(deps: {
  store: Pick<ApplicationStore, 'ensureCases' | 'escalate'>;
  logger: Pick<Logger, 'info' | 'error'>;
  tickMs: number;
  now?: () => Date;
  onEscalated?: (n: number) => void;
}) {
  const now = deps.now ?? (() => new Date());
  let since: Date | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;

  /** One sweep; returns how many cases were created and which were escalated. */
  async function run() {
    const started = now();
    const created = await deps.store.ensureCases(since ? { since } : {});
    since = new Date(started.getTime() - LOOKBACK_MS);
    const escalated = await deps.store.escalate(now());
    if (escalated.length > 0) deps.onEscalated?.(escalated.length);
    if (created > 0 || escalated.length > 0)
      deps.logger.info({ created, escalated: escalated.length }, 'application deadline sweep');
    return { created, escalated };
  }

  const tick = () => {
    if (running) return;
    running = run()
      .catch((err) => deps.logger.error({ err }, 'application deadline sweep failed'))
      .finally(() => {
        running = null;
      });
  };

  return {
    run,
    start() {
      tick();
      timer = setInterval(tick, deps.tickMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
