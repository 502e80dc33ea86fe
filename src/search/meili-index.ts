import { randomBytes } from 'node:crypto';
import {
  type EnqueuedTaskPromise,
  Meilisearch,
  type SearchParams,
  type SearchResponse,
  type Settings,
} from 'meilisearch';
import { assertTaskSucceeded, wrapMeiliError } from './meili-errors.js';
import { createMeiliHttp } from './meili-http.js';
import { type IndexSettings, loadSearchSettings, type SearchSettings } from './settings.js';
import { createTaskWaiter } from './task-waiter.js';
import type { IndexName, SearchDocument, SearchIndex, SearchQuery, SearchResult } from './types.js';

export interface MeiliSearchIndexOptions {
  url: string;
  apiKey?: string;
  /** Prepended to the logical index names (`items` -> `${prefix}items`). */
  prefix: string;
  /** `config/` or `config/meilisearch/` (see `settingsDir`). */
  configDir: string;
  /** Per-request timeout in ms (default 30 000). */
  requestTimeoutMs?: number;
  /** How long a write may wait for its task in ms (default 600 000: large settings changes re-index). */
  taskTimeoutMs?: number;
  /** Timeout of `ping()` in ms (default 3 000). */
  pingTimeoutMs?: number;
  /** Largest request body of a document write in bytes (default {@link MAX_WRITE_BYTES}). */
  maxWriteBytes?: number;
}

/** The Meilisearch adapter: the SearchIndex port plus helpers for operations and tests. */
export interface MeiliSearchIndex extends SearchIndex {
  /** The Meilisearch index uid behind a logical name. */
  uid(index: IndexName): string;
  /** Deletes this prefix's indexes, including leftovers of interrupted rebuilds. For tests and resets. */
  deleteIndexes(): Promise<void>;
}

const NAMES: readonly IndexName[] = ['items', 'responses'];
const REBUILD_IN_FLIGHT = 8;
const DEFAULT_LOCALES = ['tur'];
/**
 * Largest body of one document write. The engine refuses bodies over 100 MB by default, and an
 * item's text may be 100,000 characters: a batch of long applications is split by size, not count.
 */
export const MAX_WRITE_BYTES = 16 * 1024 * 1024;

/**
 * Documents as NDJSON bodies of at most `maxBytes` each, in order (a later copy of a document
 * stays later); a single document larger than that goes alone. Each document is serialised once.
 */
export function ndjsonBodies(docs: readonly object[], maxBytes: number): string[] {
  const bodies: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const doc of docs) {
    const line = JSON.stringify(doc);
    const size = Buffer.byteLength(line) + 1;
    if (lines.length > 0 && bytes + size > maxBytes) {
      bodies.push(lines.join('\n'));
      lines = [];
      bytes = 0;
    }
    lines.push(line);
    bytes += size;
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}

/**
 * Creates the SearchIndex adapter for Meilisearch. No request is made until a method is called.
 * Every write waits for its task and throws AppError('search_task_failed') if the task failed.
 */
export function createMeiliSearchIndex(opts: MeiliSearchIndexOptions): MeiliSearchIndex {
  const base = {
    host: opts.url,
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    // Node's fetch asks for gzip by default, and the engine then compresses every response
    // (about 5× fewer requests per second on an empty query at 200,000 documents). The
    // engine is on the same machine or network: plain bytes are cheaper.
    requestInit: { headers: { 'accept-encoding': 'identity' } },
  };
  const client = new Meilisearch({
    ...base,
    timeout: opts.requestTimeoutMs ?? 30_000,
    defaultWaitOptions: { timeout: opts.taskTimeoutMs ?? 600_000, interval: 25 },
  });
  const pingClient = new Meilisearch({ ...base, timeout: opts.pingTimeoutMs ?? 3_000 });
  // Searches, the hot path, skip meilisearch-js's fetch (see meili-http.ts).
  const searchHttp = createMeiliHttp({
    url: opts.url,
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    timeoutMs: opts.requestTimeoutMs ?? 30_000,
  });
  const uid = (name: IndexName) => `${opts.prefix}${name}`;
  let settings: Promise<SearchSettings> | undefined;
  const getSettings = () => {
    settings ??= loadSearchSettings(opts.configDir).catch((err) => {
      settings = undefined;
      throw err;
    });
    return settings;
  };

  async function run<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw wrapMeiliError(err, action);
    }
  }

  // Every write's task is awaited through one shared status poll (several index batches are in flight at once).
  const tasks = createTaskWaiter(
    { getTasks: (q) => client.tasks.getTasks(q) },
    { intervalMs: 25, timeoutMs: opts.taskTimeoutMs ?? 600_000 },
  );
  const waitOk = async (task: EnqueuedTaskPromise, action: string) =>
    assertTaskSucceeded(await tasks.wait((await task).taskUid), action);
  const maxWriteBytes = opts.maxWriteBytes ?? MAX_WRITE_BYTES;
  /**
   * Enqueues `docs` as whole-document replacements in size-bounded NDJSON bodies, one after the
   * other so that the engine applies them in order; resolves when all are enqueued (not processed).
   */
  async function enqueueDocuments(indexUid: string, docs: readonly object[]): Promise<EnqueuedTaskPromise[]> {
    const out: EnqueuedTaskPromise[] = [];
    for (const body of ndjsonBodies(docs, maxWriteBytes)) {
      const task = client
        .index(indexUid)
        .addDocumentsFromString(body, 'application/x-ndjson', { primaryKey: 'id' });
      await task;
      out.push(task);
    }
    return out;
  }

  async function exists(indexUid: string): Promise<boolean> {
    try {
      await client.getRawIndex(indexUid);
      return true;
    } catch (err) {
      if ((err as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
      throw err;
    }
  }

  async function createIfMissing(indexUid: string): Promise<void> {
    if (await exists(indexUid)) return;
    const task = await client.createIndex(indexUid, { primaryKey: 'id' }).waitTask();
    // A concurrent creator may have won the race; that is success too.
    if (task.status === 'failed' && task.error?.code === 'index_already_exists') return;
    assertTaskSucceeded(task, `create index ${indexUid}`);
  }

  const applySettings = (indexUid: string, s: IndexSettings) =>
    waitOk(client.index(indexUid).updateSettings(s as Settings), `update settings of ${indexUid}`);

  async function rebuild(name: IndexName, batches: AsyncIterable<SearchDocument[]>): Promise<number> {
    const live = uid(name);
    const tmp = `${live}_rebuild_${randomBytes(4).toString('hex')}`;
    const s = (await getSettings())[name];
    return run(`rebuild ${live}`, async () => {
      await createIfMissing(live);
      await createIfMissing(tmp);
      try {
        await applySettings(tmp, s);
        const inFlight: EnqueuedTaskPromise[] = [];
        for await (const batch of batches) {
          if (batch.length === 0) continue;
          // Enqueued (not processed) in order, so that a later copy of a document wins.
          inFlight.push(...(await enqueueDocuments(tmp, batch)));
          // Bounded pipelining: keep the engine busy without queueing the whole database at once.
          while (inFlight.length >= REBUILD_IN_FLIGHT) await waitOk(inFlight.shift()!, `fill ${tmp}`);
        }
        for (const t of inFlight) await waitOk(t, `fill ${tmp}`);
        const { numberOfDocuments } = await client.index(tmp).getStats();
        await waitOk(client.swapIndexes([{ indexes: [live, tmp], rename: false }]), `swap ${live}`);
        return numberOfDocuments;
      } finally {
        // After the swap `tmp` holds the old documents; before it, a half-filled index. Either way it goes.
        await client
          .deleteIndex(tmp)
          .waitTask()
          .catch(() => undefined);
      }
    });
  }

  return {
    uid,

    async ensureIndexes() {
      const all = await getSettings();
      await run('ensure indexes', async () => {
        for (const name of NAMES) {
          await createIfMissing(uid(name));
          await applySettings(uid(name), all[name]);
        }
      });
    },

    async upsert(name, docs) {
      if (docs.length === 0) return;
      // Whole documents are replaced: a projection must not keep fields Postgres no longer has.
      await run(`upsert into ${uid(name)}`, async () => {
        const enqueued = await enqueueDocuments(uid(name), docs);
        await Promise.all(enqueued.map((t) => waitOk(t, `upsert into ${uid(name)}`)));
      });
    },

    async remove(name, ids) {
      if (ids.length === 0) return;
      await run(`remove from ${uid(name)}`, () =>
        waitOk(client.index(uid(name)).deleteDocuments(ids), `remove from ${uid(name)}`),
      );
    },

    async search<T = Record<string, unknown>>(name: IndexName, query: SearchQuery): Promise<SearchResult<T>> {
      const params = toSearchParams(query);
      const res = await run(`search ${uid(name)}`, () =>
        searchHttp.post<SearchResponse>(`/indexes/${encodeURIComponent(uid(name))}/search`, {
          q: query.q ?? '',
          ...params,
        }),
      );
      const r = res as typeof res & { totalHits?: number; estimatedTotalHits?: number };
      return {
        hits: res.hits as T[],
        total: r.totalHits ?? r.estimatedTotalHits ?? res.hits.length,
        facets: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
        processingTimeMs: res.processingTimeMs,
      };
    },

    rebuild,

    async ping() {
      await run('health check', () => pingClient.health());
    },

    async close() {
      searchHttp.close();
    },

    async deleteIndexes() {
      await run('delete indexes', async () => {
        const { results } = await client.getRawIndexes({ limit: 1000 });
        const mine = results
          .map((i) => i.uid)
          .filter((u) => NAMES.some((n) => u === uid(n) || u.startsWith(`${uid(n)}_rebuild_`)));
        for (const u of mine) await waitOk(client.deleteIndex(u), `delete ${u}`);
      });
    },
  };
}

/**
 * Translates the port's query. When `offset` is a multiple of `limit` it asks for a page,
 * so `total` is exact (up to `pagination.maxTotalHits`) rather than Meilisearch's estimate.
 */
export function toSearchParams(query: SearchQuery): SearchParams {
  const limit = query.limit ?? 20;
  const offset = query.offset ?? 0;
  const paged = limit === 0 ? offset === 0 : offset % limit === 0;
  const paging = paged
    ? { page: limit === 0 ? 1 : offset / limit + 1, hitsPerPage: limit }
    : { offset, limit };
  return {
    ...paging,
    locales: query.locales ?? DEFAULT_LOCALES,
    ...(query.filter !== undefined ? { filter: query.filter } : {}),
    ...(query.facets?.length ? { facets: query.facets } : {}),
    ...(query.sort?.length ? { sort: query.sort } : {}),
    ...(query.attributesToRetrieve ? { attributesToRetrieve: query.attributesToRetrieve } : {}),
    ...(query.highlight?.length
      ? { attributesToHighlight: query.highlight, highlightPreTag: '<mark>', highlightPostTag: '</mark>' }
      : {}),
  };
}
