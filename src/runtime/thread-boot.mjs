// Entry of a worker thread (src/runtime/thread.ts) when the app runs from TypeScript sources (npm start, tests):
// a worker thread does not inherit tsx's loader, so it registers tsx's ESM loader before it
// imports the TypeScript entry. A build (dist/) starts the compiled .js entry directly.
const { workerData } = await import('node:worker_threads');
if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
