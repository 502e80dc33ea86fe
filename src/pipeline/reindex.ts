import type { ItemDocument, SearchIndex } from '../search/types.js';
import type { createItemStore } from '../store/index.js';
import type { ItemProjection } from './projection.js';

/**
 * Rebuilds the staff index from PostgreSQL (the system of record) into a fresh
 * index that is swapped in atomically; items are marked indexed afterwards.
 */
export async function reindexItems(deps: {
  stores: { items: Pick<ReturnType<typeof createItemStore>, 'iterateTagged' | 'markIndexed'> };
  search: Pick<SearchIndex, 'rebuild'>;
  projection: Pick<ItemProjection, 'decorate'>;
}): Promise<number> {
  const ids: string[] = [];
  async function* batches(): AsyncIterable<ItemDocument[]> {
    for await (const page of deps.stores.items.iterateTagged(1000)) {
      const docs = await deps.projection.decorate(page);
      for (const d of docs) ids.push(d.id);
      yield docs;
    }
  }
  const n = await deps.search.rebuild('items', batches());
  for (let i = 0; i < ids.length; i += 5000) await deps.stores.items.markIndexed(ids.slice(i, i + 5000));
  return n;
}
