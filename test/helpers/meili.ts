import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalMeili } from '../../src/search/local-meili.js';

export interface TestMeili {
  url: string;
  masterKey: string;
  dataDir: string;
  /** Stops the process and removes the temporary data directory. */
  stop(): Promise<void>;
}

/**
 * Starts a throw-away Meilisearch (the npm binary, or MEILI_BIN) on a free port with a
 * temporary data directory. Use random index prefixes (`randomId`) inside it.
 */
export async function startTestMeili(): Promise<TestMeili> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kopru-meili-'));
  try {
    const meili = await startLocalMeili({ dataDir, bin: process.env.MEILI_BIN });
    return {
      url: meili.url,
      masterKey: meili.masterKey,
      dataDir,
      async stop() {
        await meili.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
