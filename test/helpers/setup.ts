import { afterAll } from 'vitest';
import { disposeLeftoverApps } from './live-apps.js';

// Runs after the file's own afterAll hooks (hooks run as a stack), so it only finds apps the file
// did not dispose of itself. They are disposed of here, and the file fails: a test app left behind
// is a database, an engine and a data directory that outlive the run.
afterAll(async () => {
  const left = await disposeLeftoverApps();
  if (left.length)
    throw new Error(`${left.length} test app(s) left undisposed (call dispose()): ${left.join(', ')}`);
});
