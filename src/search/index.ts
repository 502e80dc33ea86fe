import { type LocalMeiliOptions, startLocalMeili } from './local-meili.js';
import { createMeiliSearchIndex, type MeiliSearchIndex } from './meili-index.js';

export {
  freePort,
  type LocalMeili,
  type LocalMeiliOptions,
  resolveMeiliBinary,
  startLocalMeili,
} from './local-meili.js';
export { assertTaskSucceeded, wrapMeiliError } from './meili-errors.js';
export {
  createMeiliSearchIndex,
  type MeiliSearchIndex,
  type MeiliSearchIndexOptions,
  toSearchParams,
} from './meili-index.js';
export {
  expandSynonymGroups,
  type IndexSettings,
  loadSearchSettings,
  type SearchSettings,
  settingsDir,
} from './settings.js';
export type {
  IndexDocuments,
  IndexName,
  ItemDocument,
  SearchDocument,
  SearchIndex,
  SearchQuery,
  SearchResult,
} from './types.js';

export interface SearchConfig {
  /** MEILI_URL: use this server; otherwise an embedded child process is started. */
  meiliUrl?: string;
  /** MEILI_MASTER_KEY (remote mode only; the embedded process keeps its own key in DATA_DIR). */
  masterKey?: string;
  /** MEILI_BIN: binary for the embedded process. */
  bin?: string;
  dataDir: string;
  prefix: string;
  configDir: string;
  logger?: LocalMeiliOptions['logger'];
}

/**
 * Builds the search adapter from configuration: the server at `meiliUrl` if set, else a
 * Meilisearch child process with its data in `dataDir`. Remote mode makes no request here;
 * call `ensureIndexes()` or `ping()` to fail fast. `stop()` stops the child process, if any.
 */
export async function createSearch(
  cfg: SearchConfig,
): Promise<{ index: MeiliSearchIndex; stop(): Promise<void> }> {
  const base = { prefix: cfg.prefix, configDir: cfg.configDir };
  if (cfg.meiliUrl) {
    const index = createMeiliSearchIndex({ ...base, url: cfg.meiliUrl, apiKey: cfg.masterKey });
    return { index, stop: () => index.close() };
  }
  const local = await startLocalMeili({ dataDir: cfg.dataDir, bin: cfg.bin, logger: cfg.logger });
  const index = createMeiliSearchIndex({ ...base, url: local.url, apiKey: local.masterKey });
  return {
    index,
    async stop() {
      await index.close();
      await local.stop();
    },
  };
}
