/**
 * Test apps not yet disposed of. `createTestApp` registers each app here and its `dispose`
 * removes it; `test/helpers/setup.ts` disposes of whatever a test file left behind (a fixture
 * that threw after creating its app, a test that forgot), so no database, engine or data
 * directory outlives its file. Kept free of imports: every test file loads it.
 */
const live = new Map<string, () => Promise<void>>();

export function registerLiveApp(name: string, dispose: () => Promise<void>) {
  live.set(name, dispose);
  return () => live.delete(name);
}

/** Disposes of every app still registered; returns their names. */
export async function disposeLeftoverApps(): Promise<string[]> {
  const names = [...live.keys()];
  for (const [name, dispose] of [...live]) {
    live.delete(name);
    await dispose().catch(() => undefined);
  }
  return names;
}
