import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalMeili, startLocalMeili } from '../../src/search/local-meili.js';

export interface TestMeili {
  url: string;
  masterKey: string;
  dataDir: string;
  /** Stops the process (an outage), keeping its data directory and port for `resume`. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data directory (the outage ends). */
  resume(): Promise<void>;
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
    let meili: LocalMeili | null = await startLocalMeili({ dataDir, bin: process.env.MEILI_BIN });
    const port = Number(new URL(meili.url).port);
    return {
      url: meili.url,
      masterKey: meili.masterKey,
      dataDir,
      async pause() {
        await meili?.stop();
        meili = null;
      },
      async resume() {
        meili ??= await startLocalMeili({ dataDir, bin: process.env.MEILI_BIN, port });
      },
      async stop() {
        await meili?.stop();
        meili = null;
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
