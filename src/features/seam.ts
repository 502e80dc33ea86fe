import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Context, Hono } from 'hono';
import type { Config } from '../config.js';
import type { AppEvents } from '../domain/events.js';
import type { Permission } from '../domain/review/permissions.js';
import type { Logger } from '../obs/logger.js';
import type { Metrics } from '../obs/metrics.js';
import type { ItemActions } from '../pipeline/bulk-item-actions.js';
import type { ErasureHook } from '../pipeline/erasure.js';
import type { IngestService } from '../pipeline/ingest.js';
import type { ItemProjection } from '../pipeline/projection.js';
import type { PeriodicTask } from '../queue/scheduler.js';
import type { JobQueue } from '../queue/types.js';
import type { SearchIndex } from '../search/types.js';
import type { Stores } from '../store/create-stores.js';
import type { RateLimits } from '../web/auth/rate-limit.js';

/**
 * What the composition root hands a feature module. `S` names the stores the
 * feature uses (`FeatureContext<'follows' | 'audit'>`); no feature gets the database.
 */
export interface FeatureContext<S extends keyof Stores = keyof Stores> {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  queue: JobQueue;
  search: SearchIndex;
  events: AppEvents;
  ingest: Pick<IngestService, 'ingest'>;
  projection: ItemProjection;
  /** Status, assignment, label and verdict changes of items: each audited and re-queued for the index (outbox). */
  actions: ItemActions;
  stores: Pick<Stores, S>;
  /** Rate limiters: shared by every web process through Redis in service mode, per process otherwise. */
  rateLimits?: RateLimits;
  /** Verifies a bearer API token (hashed in the store). */
  verifyToken: (token: string) => Promise<{ id: string; name: string; scopes: string[] } | null>;
}

/** A header link a feature contributes: label in both languages, with an optional count. */
export interface HeaderLink {
  href: string;
  tr: string;
  en: string;
  count?: number;
  /**
   * Keeps the count current without a reload: the page script polls `src` (a same-origin
   * JSON endpoint answering `{count}`) and, when the count grows, has screen readers say
   * the text in the page language (`{n}`: the new count).
   */
  live?: { src: string; tr: string; en: string };
}

/** A feature's UI dictionary: the same keys in both languages. */
export interface FeatureTexts {
  tr: Record<string, string>;
  en: Record<string, string>;
}

/**
 * A feature module (triage, responses, portal, follows, applications, intake,
 * sources, ...): its routes, texts, documentation and background work, wired by
 * the composition root so that features do not edit each other's files.
 */
export interface Feature {
  /** The feature's folder name under src/features (`triage`, `portal`, ...). */
  name: string;
  /** The UI texts this feature adds (keys prefixed with the feature's name), Turkish and English. */
  texts?: FeatureTexts;
  /** Routes mounted under `/api/v1` (JSON; no session, no CSRF). */
  api?: Hono;
  /** Paths under `/api/v1` that also accept a signed-in staff session (e.g. `/items`). */
  sessionApi?: string[];
  /** Adds this feature's paths to the OpenAPI document. */
  openapi?: (registry: OpenAPIRegistry) => void;
  /**
   * Pages mounted inside the UI shell: language, optional session (`c.get('user')`),
   * CSRF (Origin + session token for signed-in users), CSP and the HTML error page are applied.
   */
  ui?: Hono;
  /** Navigation entries for signed-in users (href, Turkish and English label, permission). */
  nav?: { href: string; tr: string; en: string; permission: Permission }[];
  /**
   * A link in the page header for the signed-in user (e.g. unread alerts with their count),
   * or null to show none; asked on every GET page of a signed-in user.
   */
  headerLink?: (c: Context) => Promise<HeaderLink | null>;
  /** Erases this feature's personal data of applications (KVKK erasure and retention). */
  erasure?: ErasureHook;
  /** Periodic work, run by the one scheduler in worker processes (each tick once across workers). */
  tasks?: PeriodicTask[];
  /** Background work (consumers); started only in worker processes. */
  startWorkers?: () => Promise<void> | void;
  /** Stops what `startWorkers` started and releases resources. */
  stop?: () => Promise<void> | void;
}
