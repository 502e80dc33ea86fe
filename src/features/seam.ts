import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Hono } from 'hono';
import type { Config } from '../config.js';
import type { AppEvents } from '../domain/events.js';
import type { Permission } from '../domain/review/permissions.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { ErasureHook } from '../pipeline/erasure.js';
import type { IngestService } from '../pipeline/ingest.js';
import type { ItemProjection } from '../pipeline/projection.js';
import type { PeriodicTask } from '../queue/scheduler.js';
import type { JobQueue } from '../queue/types.js';
import type { SearchIndex } from '../search/types.js';
import type { FeedSourceStore } from '../store/feed-source-store.js';
import type {
  createAuditLog,
  createClaimStore,
  createClusterStore,
  createItemStore,
  createTokenStore,
  createUserStore,
} from '../store/index.js';
import type { Database } from '../store/types.js';

/** What the composition root hands every feature module. Features narrow it for their own factories. */
export interface FeatureContext {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  db: Database;
  queue: JobQueue;
  search: SearchIndex;
  events: AppEvents;
  ingest: Pick<IngestService, 'ingest'>;
  projection: ItemProjection;
  stores: {
    items: ReturnType<typeof createItemStore>;
    tokens: ReturnType<typeof createTokenStore>;
    users: ReturnType<typeof createUserStore>;
    claims: ReturnType<typeof createClaimStore>;
    audit: ReturnType<typeof createAuditLog>;
    clusters: ReturnType<typeof createClusterStore>;
    feedSources: FeedSourceStore;
  };
  /** Verifies a bearer API token (hashed in the store). */
  verifyToken: (token: string) => Promise<{ id: string; name: string; scopes: string[] } | null>;
}

/**
 * A feature module (portal, journalist follows, applications, intake form): its
 * routes, documentation and background work, wired by the composition root so
 * that features do not edit each other's files.
 */
export interface Feature {
  /** Routes mounted under `/api/v1` (JSON; no session, no CSRF). */
  api?: Hono;
  /** Adds this feature's paths to the OpenAPI document. */
  openapi?: (registry: OpenAPIRegistry) => void;
  /**
   * Pages mounted inside the UI shell: language, optional session (`c.get('user')`),
   * CSRF (Origin + session token for signed-in users), CSP and the HTML error page are applied.
   */
  ui?: Hono;
  /** Navigation entries for signed-in users (href, Turkish and English label, permission). */
  nav?: { href: string; tr: string; en: string; permission: Permission }[];
  /** Erases this feature's personal data of applications (KVKK erasure and retention). */
  erasure?: ErasureHook;
  /** Periodic work, run by the one scheduler in worker processes (each tick once across workers). */
  tasks?: PeriodicTask[];
  /** Background work (consumers); started only in worker processes. */
  startWorkers?: () => Promise<void> | void;
  /** Stops what `startWorkers` started and releases resources. */
  stop?: () => Promise<void> | void;
}
