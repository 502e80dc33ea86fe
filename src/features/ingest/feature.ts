import type { Feature, FeatureContext } from '../seam.js';
import { createIngestRoutes } from './ingest-routes.js';

/** The ingest API: `POST /api/v1/posts` and `POST /api/v1/applications` (token with `ingest`). */
export function createIngestFeature(ctx: FeatureContext<never>): Feature {
  return {
    name: 'ingest',
    api: createIngestRoutes({
      ingest: ctx.ingest,
      verifyToken: ctx.verifyToken,
      maxBodyBytes: ctx.config.INGEST_MAX_BODY_BYTES,
      maxRecords: ctx.config.INGEST_MAX_RECORDS,
    }),
  };
}
