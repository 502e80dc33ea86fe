import type { App } from '../../src/app.js';
import { AppError } from '../../src/domain/errors.js';

/** Runs a CLI command: clear one-line errors, exit code 1 on failure, 0 on success. */
export async function runCli(main: () => Promise<void>) {
  try {
    await main();
    process.exit(0);
  } catch (err) {
    console.error(
      err instanceof AppError || (err as Error).message?.startsWith('usage') ? (err as Error).message : err,
    );
    process.exit(1);
  }
}

/** Waits until no item is left in the received or tagged stage (embedded mode runs the stages in-process). */
export async function waitForPipeline(app: Pick<App, 'stores'>, timeoutMs = 30 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await app.stores.items.countByStage();
    if (counts.received === 0 && counts.tagged === 0) return;
    if (Date.now() > deadline) throw new Error(`pipeline did not finish in time: ${JSON.stringify(counts)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
