import type { Logger } from '../obs/logger.js';
import type { createClaimStore, createItemStore } from '../store/index.js';
import { generateDemoData } from './demo-data.js';
import type { IngestService } from './ingest.js';

/**
 * Loads the demo data set on a fresh store (outside production, unless
 * SEED_DEMO=false), through the same ingest path as real data.
 */
export async function seedDemo(deps: {
  items: Pick<ReturnType<typeof createItemStore>, 'count'>;
  claims: Pick<ReturnType<typeof createClaimStore>, 'upsertMany'>;
  ingest: Pick<IngestService, 'ingest'>;
  logger: Pick<Logger, 'info'>;
}): Promise<{ seeded: boolean; posts?: number; applications?: number; claims?: number }> {
  if ((await deps.items.count()) > 0) return { seeded: false };
  const demo = generateDemoData({ seed: 2026 });
  await deps.claims.upsertMany(demo.claims);
  const p = await deps.ingest.ingest('post', demo.posts);
  const a = await deps.ingest.ingest('application', demo.applications, [], { source: 'demo:basvuru' });
  deps.logger.info(
    { posts: p.accepted, applications: a.accepted, claims: demo.claims.length },
    'demo data loaded',
  );
  return { seeded: true, posts: p.accepted, applications: a.accepted, claims: demo.claims.length };
}
