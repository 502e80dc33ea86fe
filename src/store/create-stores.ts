import { createAlertStore } from './alert-store.js';
import { type CaseDeadline, createApplicationStore } from './application-store.js';
import { createAuditLog } from './audit-log.js';
import { createBulkJobStore } from './bulk-job-store.js';
import { createClaimLinkStore } from './claim-link-store.js';
import { createClaimStore } from './claim-store.js';
import { createClusterStore } from './cluster-store.js';
import { createErasureStore } from './erasure-store.js';
import { createFeedSourceStore } from './feed-source-store.js';
import { createFollowStore } from './follow-store.js';
import { createIntakeStore } from './intake-store.js';
import { createItemActionStore } from './item-action-store.js';
import { createItemStore } from './item-store.js';
import { createNotificationStore } from './notification-store.js';
import { createPublicationStore } from './publication-store.js';
import { createResponseStore } from './response-store.js';
import { createReviewStore } from './review-store.js';
import { createSavedSearchStore } from './saved-search-store.js';
import { createSessionStore } from './session-store.js';
import { createStatsStore } from './stats-store.js';
import { createTokenStore } from './token-store.js';
import type { Database } from './types.js';
import { createUserStore } from './user-store.js';

/** What the stores need beyond the database: the legal deadline of a new application case. */
export interface StoreOptions {
  deadline: CaseDeadline;
  /** How long a verified API token is trusted without the database (0 = never cached). */
  tokenCacheMs?: number;
}

/**
 * Builds every store on one database. Called once, by the composition root
 * (src/app.ts); features and workers receive the stores they need, narrowed
 * with `Pick<Stores, ...>`, never the database itself.
 */
export function createStores(db: Database, opts: StoreOptions) {
  return {
    items: createItemStore(db),
    itemActions: createItemActionStore(db),
    tokens: createTokenStore(db, { cacheMs: opts.tokenCacheMs ?? 0 }),
    users: createUserStore(db),
    sessions: createSessionStore(db),
    claims: createClaimStore(db),
    claimLinks: createClaimLinkStore(db),
    clusters: createClusterStore(db),
    audit: createAuditLog(db),
    review: createReviewStore(db),
    responses: createResponseStore(db),
    publications: createPublicationStore(db),
    feedSources: createFeedSourceStore(db),
    follows: createFollowStore(db),
    intake: createIntakeStore(db),
    cases: createApplicationStore(db, { deadline: opts.deadline }),
    savedSearches: createSavedSearchStore(db),
    bulkJobs: createBulkJobStore(db),
    stats: createStatsStore(db),
    erasure: createErasureStore(db),
    alerts: createAlertStore(db),
    notifications: createNotificationStore(db),
  };
}

/** All stores, as built by `createStores`. */
export type Stores = ReturnType<typeof createStores>;
