import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on the module `name` (without extension) beside the caller's module.
 * From TypeScript sources (npm start, tests) the thread first registers tsx's loader, which
 * worker threads do not inherit (thread-boot.mjs); from a build it starts the .js file directly.
 */
export function startThread(callerUrl: string, name: string, opts: WorkerOptions = {}): Worker {
  const fromSource = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, callerUrl);
  const script = fromSource ? new URL('./thread-boot.mjs', import.meta.url) : entry;
  return new Worker(script, {
    ...opts,
    workerData: { ...(opts.workerData as object | undefined), entry: entry.href },
  });
}
