import type { TagResult } from '../domain/item.js';
import type { Metrics } from '../obs/metrics.js';
import type { JobDefinition } from '../queue/types.js';
import type { SearchIndex } from '../search/types.js';
import type { createItemStore } from '../store/index.js';
import type { TagHandoff } from './handoff.js';
import { createItemStage, type ItemJobPayload, itemJobSchema } from './item-stage.js';
import type { ItemProjection } from './projection.js';

/** Job "index": project one tagged item into the staff search index. */
export const indexJob: JobDefinition<ItemJobPayload> = {
  name: 'index',
  schema: itemJobSchema,
  attempts: 30,
  backoffMs: 1000,
  // Failures here come from outages (Meilisearch, database): resume within 5 s of the service's
  // return instead of sleeping out a doubling delay (70 s after a 60 s stop before). 30 tries
  // cover about 2.5 minutes; after that the reconciler re-enqueues what is still not indexed.
  backoffMaxMs: 5000,
};

type Items = Pick<ReturnType<typeof createItemStore>, 'markIndexed' | 'indexVersions'> &
  Partial<Pick<ReturnType<typeof createItemStore>, 'getUnchanged' | 'getMany'>>;

type IndexDeps = {
  items: Items;
  projection: Pick<ItemProjection, 'documents'> & Partial<Pick<ItemProjection, 'decorate'>>;
  search: Pick<SearchIndex, 'upsert'>;
  /** Results the tag stage of this process just stored (used only while the item is unchanged). */
  handoff?: Pick<TagHandoff, 'take'>;
};

/**
 * Projects items into the staff index and marks them indexed, unless a change was
 * committed while they were projected: such an item stays in the outbox (stage
 * `tagged`) for the job its change enqueued, or the reconciler. The index stage runs
 * this per batch; a CLI command that has no index worker runs it directly.
 */
export async function indexItems(deps: IndexDeps, ids: string[]): Promise<number> {
  // Read before the documents: a change committed after this read makes the version differ.
  const versions = await deps.items.indexVersions(ids);
  const docs = await documents(deps, ids, versions);
  if (docs.length > 0) await deps.search.upsert('items', docs);
  return deps.items.markIndexed(
    docs.map((d) => d.id),
    versions,
  );
}

/**
 * The documents of `ids`: an item whose handed-over tag result is still current (the item has the
 * version it got when that result was stored, both when the versions were read above and when its
 * row is read here) is read without its stored result; the others are read with it.
 */
async function documents(deps: IndexDeps, ids: string[], versions: Map<string, number>) {
  const { handoff } = deps;
  const { getUnchanged, getMany } = deps.items;
  const { decorate } = deps.projection;
  if (!handoff || !getUnchanged || !getMany || !decorate) return deps.projection.documents(ids);
  const held = new Map<string, TagResult>();
  const heldVersions = new Map<string, number>();
  for (const id of ids) {
    const v = versions.get(id);
    const r = handoff.take(id, v);
    if (r && v !== undefined) {
      held.set(id, r);
      heldVersions.set(id, v);
    }
  }
  const unchanged = await getUnchanged(heldVersions);
  const found = new Set(unchanged.map((i) => i.id));
  const rest = ids.filter((id) => !found.has(id));
  // One projection (one read of assignees and labels) for the batch, whichever way its items came.
  return decorate([
    ...unchanged.map((i) => ({ ...i, tagResult: held.get(i.id)! })),
    ...(rest.length ? await getMany(rest) : []),
  ]);
}

/**
 * The index stage: documents are batched by count and time and written to
 * Meilisearch in one request per batch ({@link indexItems}). Several batches may be
 * in flight at once (the job concurrency allows it), so the engine always has the
 * next task queued while it indexes one; with none in flight a batch goes out
 * after `lingerMs`, so trickle traffic is not held for the whole window.
 */
export function createIndexStage(
  deps: IndexDeps & {
    metrics?: Pick<Metrics, 'stageLatency' | 'jobsProcessed'>;
    batchSize: number;
    batchMs: number;
    lingerMs?: number;
    /** A batch is also closed at this many characters of its items' texts (see createItemStage). */
    maxBatchChars?: number;
    /** The most index batches (Meilisearch writes) in flight at once. */
    maxInFlight?: number;
  },
) {
  return createItemStage({
    stage: 'index',
    batchSize: deps.batchSize,
    batchMs: deps.batchMs,
    lingerMs: deps.lingerMs,
    maxBatchChars: deps.maxBatchChars,
    maxInFlight: deps.maxInFlight,
    metrics: deps.metrics,
    run: async (ids) => {
      await indexItems(deps, ids);
    },
  });
}
