/** Options of onShutdown. */
export interface ShutdownOptions {
  /** Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  /** Exit the process when fn settles (default true): 0 on success, 1 on error or timeout. */
  exit?: boolean;
  /** Hard limit for fn before the process exits anyway (default 30 s; only with exit). */
  timeoutMs?: number;
  /** Default: console.error. */
  onError?: (err: unknown) => void;
}

/**
 * Runs `fn` once on the first shutdown signal (graceful shutdown: stop taking
 * work, finish running jobs, close connections). A second signal while it runs
 * exits at once, so an impatient operator is never stuck. Returns a function
 * that removes the listeners.
 */
export function onShutdown(fn: () => Promise<void>, opts: ShutdownOptions = {}): () => void {
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  const exit = opts.exit ?? true;
  let started = false;

  const handler = (signal: NodeJS.Signals) => {
    if (started) {
      if (exit) process.exit(signal === 'SIGINT' ? 130 : 143);
      return;
    }
    started = true;
    const hardStop = exit ? setTimeout(() => process.exit(1), opts.timeoutMs ?? 30_000) : undefined;
    hardStop?.unref();
    fn().then(
      () => {
        clearTimeout(hardStop);
        if (exit) process.exit(0);
      },
      (err: unknown) => {
        clearTimeout(hardStop);
        (opts.onError ?? ((e: unknown) => console.error('shutdown failed:', e)))(err);
        if (exit) process.exit(1);
      },
    );
  };

  for (const s of signals) process.on(s, handler);
  return () => {
    for (const s of signals) process.off(s, handler);
  };
}
