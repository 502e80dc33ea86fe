import type { Feature, FeatureContext } from '../seam.js';
import { createIngestRoutes } from './ingest-routes.js';

/** The ingest API: `POST /api/v1/posts` and `POST /api/v1/applications` (token with `ingest`). */
export function createIngestFeature(ctx: FeatureContext<'items'>): Feature {
  const c = ctx.config;
  return {
    name: 'ingest',
    api: createIngestRoutes({
      ingest: ctx.ingest,
      verifyToken: ctx.verifyToken,
      maxBodyBytes: c.INGEST_MAX_BODY_BYTES,
      maxRecords: c.INGEST_MAX_RECORDS,
      shed: {
        maxInFlight: c.INGEST_MAX_IN_FLIGHT,
        maxBacklog: c.INGEST_MAX_BACKLOG,
        maxRssBytes: c.INGEST_MAX_RSS_MB * 1024 * 1024,
        retryAfterSeconds: c.INGEST_RETRY_AFTER_SECONDS,
        backlog: (cap) => ctx.stores.items.countBacklog(cap),
        onShed: (reason) => ctx.metrics.ingestShed.inc({ reason }),
      },
    }),
  };
}
