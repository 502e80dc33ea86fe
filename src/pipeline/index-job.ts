import { z } from 'zod';
import type { Metrics } from '../obs/metrics.js';
import type { JobDefinition, JobHandler } from '../queue/types.js';
import type { SearchIndex } from '../search/types.js';
import type { createItemStore } from '../store/index.js';
import { createBatcher } from './batcher.js';
import type { ItemProjection } from './projection.js';

/** Job "index": project one tagged item into the staff search index. */
export const indexJob: JobDefinition<{ itemId: string; enqueuedAt?: number }> = {
  name: 'index',
  schema: z.object({ itemId: z.string().min(1).max(100), enqueuedAt: z.number().optional() }),
  attempts: 10,
  backoffMs: 1000,
};

type Items = Pick<ReturnType<typeof createItemStore>, 'markIndexed'>;

/**
 * The index stage: documents are batched by count and time, written to
 * Meilisearch in one request per batch, then the items are marked indexed.
 */
export function createIndexStage(deps: {
  items: Items;
  projection: Pick<ItemProjection, 'documents'>;
  search: Pick<SearchIndex, 'upsert'>;
  metrics?: Pick<Metrics, 'stageLatency'>;
  batchSize: number;
  batchMs: number;
}) {
  const batcher = createBatcher<{ itemId: string; enqueuedAt?: number }>({
    maxSize: deps.batchSize,
    maxWaitMs: deps.batchMs,
    run: async (jobs) => {
      const ids = [...new Set(jobs.map((j) => j.itemId))];
      const docs = await deps.projection.documents(ids);
      if (docs.length > 0) await deps.search.upsert('items', docs);
      await deps.items.markIndexed(docs.map((d) => d.id));
      const now = Date.now();
      for (const j of jobs) {
        if (j.enqueuedAt) deps.metrics?.stageLatency.observe({ stage: 'index' }, (now - j.enqueuedAt) / 1000);
      }
    },
  });
  const handler: JobHandler<{ itemId: string; enqueuedAt?: number }> = (payload) => batcher.add(payload);
  return { handler, drain: () => batcher.drain() };
}
