import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Config, modes } from './config.js';
import { createFeedPoller, pollFeedJob } from './connectors/feeds/poll-feed-job.js';
import { createFeedScheduler } from './connectors/feeds/scheduler.js';
import { ConfigError } from './domain/errors.js';
import { createEvents } from './domain/events.js';
import { createAdminFeature } from './features/admin/feature.js';
import { createAlertsFeature } from './features/alerts/feature.js';
import { loadDeadlines } from './features/applications/deadline-config.js';
import { caseDeadline, createApplicationsFeature } from './features/applications/feature.js';
import { createClaimsFeature } from './features/claims/feature.js';
import { createMatcherSync } from './features/claims/matcher-sync.js';
import { createDashboardFeature } from './features/dashboard/feature.js';
import { createFollowsFeature } from './features/follows/feature.js';
import { createIngestFeature } from './features/ingest/feature.js';
import { createIntakeFeature } from './features/intake/feature.js';
import { createNotificationsFeature } from './features/notifications/feature.js';
import { createPortalFeature } from './features/portal/feature.js';
import { createResponsesFeature } from './features/responses/feature.js';
import type { Feature, FeatureContext } from './features/seam.js';
import { createSourcesFeature } from './features/sources/feature.js';
import { createTriageFeature } from './features/triage/feature.js';
import { assertDataDirWritable, dataDirCheck } from './obs/data-dir.js';
import { createLogger, type Logger } from './obs/logger.js';
import { createMetrics } from './obs/metrics.js';
import { createItemActions } from './pipeline/bulk-item-actions.js';
import { startBulkWorker } from './pipeline/bulk-job.js';
import { createErasureService } from './pipeline/erasure.js';
import { createTagHandoff } from './pipeline/handoff.js';
import { createIndexStage, indexItems, indexJob } from './pipeline/index-job.js';
import { createIngestService } from './pipeline/ingest.js';
import { loadTagger, loadTagLabels, seedKnownClaims } from './pipeline/load-tagger.js';
import { createIndexRequests } from './pipeline/outbox.js';
import { createItemProjection } from './pipeline/projection.js';
import { createReconciler } from './pipeline/reconciler.js';
import { createTagStage, tagJob } from './pipeline/tag-job.js';
import { createQueue, createScheduler } from './queue/index.js';
import { acquireDataDirLock } from './runtime/data-dir-lock.js';
import { createSearch } from './search/index.js';
import { whenReachable } from './search/meili-errors.js';
import { createStores } from './store/create-stores.js';
import { createDatabase, type Database, migrate } from './store/index.js';
import { currentRole, migrateAsOwner } from './store/roles.js';
import { createWebApp } from './web/app.js';
import { createRateLimits } from './web/auth/redis-rate-limit.js';

export type Role = 'all' | 'web' | 'worker' | 'cli';

// src/app.ts under tsx, dist/src/app.js when compiled.
const packageJson = [
  new URL('../package.json', import.meta.url),
  new URL('../../package.json', import.meta.url),
].find((u) => existsSync(u));
const version = packageJson
  ? (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version
  : '0.0.0';

const dbBounds = (config: Config) => ({
  connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
  statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
  idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  keepAliveMs: config.DB_KEEPALIVE_MS,
});

/**
 * Brings the schema of `db` up to date. With DATABASE_OWNER_URL the migrations run over a
 * short-lived connection as that owner role, which then grants the role of `db` (DATABASE_URL)
 * only the rights the app needs: it owns nothing, so it cannot switch the audit log's
 * append-only trigger off. Without it they run as the role of `db`, which works while the
 * schema is up to date even when that role may not create tables (`npm run migrate` ran first).
 */
export async function migrateDatabase(
  config: Config,
  db: Database,
  logger?: Pick<Logger, 'info'>,
): Promise<{ applied: string[] }> {
  if (!config.DATABASE_OWNER_URL || db.kind !== 'pg') return migrate(db);
  const appRole = await currentRole(db);
  const owner = await createDatabase({ ...dbBounds(config), url: config.DATABASE_OWNER_URL, max: 1 });
  try {
    const r = await migrateAsOwner(owner, appRole);
    logger?.info({ applied: r.applied, appRole }, 'migrations applied as the owner role; app role granted');
    return r;
  } finally {
    await owner.close();
  }
}

/**
 * `npm run migrate`: opens DATABASE_URL, migrates (as DATABASE_OWNER_URL's role when set,
 * granting DATABASE_URL's role its rights) and closes. PostgreSQL only: `npm start` migrates
 * the embedded database itself.
 */
export async function migrateOnly(config: Config, logger?: Pick<Logger, 'info'>) {
  if (!config.DATABASE_URL)
    throw new ConfigError(
      '"npm run migrate" is for PostgreSQL: set DATABASE_URL (npm start migrates PGlite itself)',
    );
  const db = await createDatabase({ ...dbBounds(config), url: config.DATABASE_URL, max: 1 });
  try {
    return await migrateDatabase(config, db, logger);
  } finally {
    await db.close();
  }
}

/**
 * The composition root: builds every adapter from the configuration and wires
 * the pipeline and the web app. Nothing else constructs adapters.
 */
export async function createApp(config: Config, opts: { role: Role; logger?: Logger }) {
  const logger = opts.logger ?? createLogger({ level: config.LOG_LEVEL });
  const mode = modes(config);
  // Items whose stage last changed before this instant belong to an earlier run of the process.
  const workersStartedAt = Date.now();
  if (
    (opts.role === 'web' || opts.role === 'worker') &&
    (mode.store === 'pglite' || mode.queue === 'memory' || mode.search === 'embedded')
  ) {
    throw new ConfigError(
      `"${opts.role}" is a scale-out process and needs DATABASE_URL, REDIS_URL and MEILI_URL; for one machine use "npm start".`,
    );
  }
  const dataDir = resolve(config.DATA_DIR);
  await assertDataDirWritable(dataDir);
  const releaseLock = mode.store === 'pglite' ? acquireDataDirLock(dataDir, opts.role) : () => undefined;
  const closers: (() => Promise<unknown> | unknown)[] = [releaseLock];
  const close = async () => {
    for (const fn of closers.reverse())
      await Promise.resolve(fn()).catch((err) => logger.error({ err }, 'close failed'));
    closers.length = 0;
  };
  try {
    const metrics = createMetrics();
    const db = await createDatabase({
      ...dbBounds(config),
      url: config.DATABASE_URL,
      dataDir,
      thread: config.PGLITE_THREAD,
    });
    closers.push(() => db.close());
    await migrateDatabase(config, db, logger);
    const search = await createSearch({
      meiliUrl: config.MEILI_URL,
      masterKey: config.MEILI_MASTER_KEY,
      bin: config.MEILI_BIN,
      dataDir,
      prefix: config.MEILI_INDEX_PREFIX,
      configDir: resolve(config.CONFIG_DIR),
    });
    closers.push(() => search.stop());
    await whenReachable(() => search.index.ensureIndexes(), {
      waitMs: config.MEILI_URL ? config.SEARCH_START_WAIT_MS : 0,
      url: config.MEILI_URL,
      log: (msg) => logger.warn(msg),
    });
    // Closed before the search engine and the database, so running jobs can finish.
    const queue = createQueue({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX });
    closers.push(() => queue.close(config.SHUTDOWN_TIMEOUT_MS));

    const deadlines = loadDeadlines(config.CONFIG_DIR);
    const stores = createStores(db, {
      deadline: caseDeadline(deadlines),
      tokenCacheMs: config.TOKEN_CACHE_MS,
    });
    const { items, tokens, users, claims, audit, clusters, feedSources } = stores;
    await seedKnownClaims(claims, resolve(config.CONFIG_DIR));
    const projection = createItemProjection({ items, review: stores.review });
    const indexRequests = createIndexRequests({ queue, logger });
    const actions = createItemActions({ store: stores.itemActions, index: indexRequests });
    const ingest = createIngestService({
      items,
      queue,
      index: indexRequests,
      caseDeadline: caseDeadline(deadlines),
      onCounted: (kind, r) => {
        metrics.ingested.inc({ kind, outcome: 'accepted' }, r.accepted);
        metrics.ingested.inc({ kind, outcome: 'duplicate' }, r.duplicates);
        metrics.ingested.inc({ kind, outcome: 'rejected' }, r.rejected.length);
      },
    });

    // Login, portal API and intake limits: one count across every web process in service mode.
    const rateLimits = createRateLimits({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger });
    closers.push(() => rateLimits.close());
    const events = createEvents((err, event) => logger.error({ err, event }, 'event handler failed'));
    const verifyToken = (t: string) => tokens.verify(t);
    const featureCtx: FeatureContext = {
      config,
      logger,
      metrics,
      queue,
      search: search.index,
      events,
      ingest,
      projection,
      actions,
      stores,
      verifyToken,
      rateLimits,
    };
    const applications = createApplicationsFeature(featureCtx, { deadlines });
    // Keeps this process's matcher in step with the claims library (aliases, confirmed examples).
    const matcher = createMatcherSync({ claims, logger });
    closers.push(() => matcher.stop());
    // The order is the order of the navigation.
    const features: Feature[] = [
      createIngestFeature(featureCtx),
      createTriageFeature(featureCtx),
      createClaimsFeature(featureCtx, { matcher }),
      createResponsesFeature(featureCtx),
      createDashboardFeature(featureCtx),
      // No navigation entry: its header link comes before the alerts' one.
      createNotificationsFeature(featureCtx),
      createAlertsFeature(featureCtx),
      createPortalFeature(featureCtx),
      createFollowsFeature(featureCtx),
      applications,
      createIntakeFeature(featureCtx, { publicStatus: applications.publicStatus }),
      createSourcesFeature(featureCtx),
      createAdminFeature(featureCtx),
    ];
    closers.push(async () => {
      for (const f of features) await f.stop?.();
    });
    const erasure = createErasureService({
      store: stores.erasure,
      index: indexRequests,
      hooks: features.flatMap((f) => (f.erasure ? [f.erasure] : [])),
      retentionDays: config.RETENTION_DAYS,
      logger,
    });

    const collectMetrics = async () => {
      for (const name of [tagJob.name, indexJob.name]) {
        const counts = await queue.counts(name);
        for (const [state, n] of Object.entries(counts)) metrics.queueDepth.set({ queue: name, state }, n);
      }
      for (const [stage, n] of Object.entries(await items.countByStage()))
        metrics.itemsByStage.set({ stage }, n);
    };
    const checks = {
      database: () => db.ping(),
      queue: () => queue.ping(),
      search: () => search.index.ping(),
      storage: dataDirCheck(dataDir),
    };

    let workers: { stop(): Promise<void> } | null = null;
    /** Index stage: how long a lone batch waits for company when the engine is idle (ms). */
    const INDEX_LINGER_MS = 10;
    /** Tag jobs (up to 1,000 ids each) a process works on at once. */
    const TAG_JOBS_IN_FLIGHT = 4;
    /** Items tagged together (one read, one write); an index job carries one such batch. */
    const TAG_BATCH_SIZE = 200;
    /** Starts the consumers in this process and the periodic tasks on the one scheduler. */
    const startWorkers = async () => {
      // The claims (with aliases and confirmed examples) come from the library just below.
      const tagger = await loadTagger(resolve(config.CONFIG_DIR), { claims: [] });
      await matcher.attach(tagger);
      tagger.seedClusters(await clusters.signatures(300_000));
      // Warms the engine (its index files and the connection) before the first batch waits on it.
      await search.index.search('items', { limit: 0 }).catch(() => undefined);
      // The tag stage hands its results to this process's index stage (not read back from the database).
      const handoff = createTagHandoff();
      const tagStage = createTagStage({
        items,
        tagger,
        queue,
        metrics,
        handoff,
        batchSize: TAG_BATCH_SIZE,
        batchMs: 50,
      });
      const indexStage = createIndexStage({
        items,
        projection,
        search: search.index,
        metrics,
        handoff,
        batchSize: config.INDEX_BATCH_SIZE,
        batchMs: config.INDEX_BATCH_MS,
        lingerMs: Math.min(INDEX_LINGER_MS, config.INDEX_BATCH_MS),
        maxBatchChars: config.INDEX_BATCH_CHARS,
        // Batches closed by size may be many and small: still at most INDEX_MAX_TASKS at once.
        maxInFlight: config.INDEX_MAX_TASKS,
      });
      // Jobs carry up to 1,000 ids each; per-item jobs of earlier versions are batched too. A few jobs at once keep the next batch ready while one is written.
      queue.process(tagJob, tagStage.handler, { concurrency: TAG_JOBS_IN_FLIGHT });
      // Up to INDEX_MAX_TASKS batches in flight: the engine has the next task queued while it
      // indexes one. Index jobs carry a tag batch each, so enough jobs to fill them.
      queue.process(indexJob, indexStage.handler, {
        concurrency:
          Math.max(1, Math.ceil(config.INDEX_BATCH_SIZE / TAG_BATCH_SIZE)) * config.INDEX_MAX_TASKS,
      });
      const reconciler = createReconciler({
        items,
        queue,
        stuckAfterMs: config.STUCK_AFTER_MS,
        maxPerPass: config.RECONCILE_MAX_PER_PASS,
        metrics,
        logger,
      });
      startBulkWorker({ queue, jobs: stores.bulkJobs, users, actions, claimLinks: stores.claimLinks, audit });
      const feedPoller = createFeedPoller({
        sources: feedSources,
        ingest,
        logger,
        fetch: { timeoutMs: config.FEED_TIMEOUT_MS, maxBytes: config.FEED_MAX_BYTES },
      });
      queue.process(pollFeedJob, feedPoller.handler, { concurrency: 4 });
      const feedScheduler = createFeedScheduler({ sources: feedSources, queue, tickMs: config.FEED_TICK_MS });
      for (const f of features) await f.startWorkers?.();
      const scheduler = createScheduler({ queue, metrics, logger });
      scheduler.every(reconciler.task(config.RECONCILE_INTERVAL_MS));
      scheduler.every(feedScheduler.task);
      scheduler.every(erasure.task(config.RETENTION_SWEEP_MS));
      for (const f of features) for (const t of f.tasks ?? []) scheduler.every(t);
      // Stopped before the queue closes (closers run in reverse), so running tasks can finish.
      workers = { stop: () => scheduler.stop(config.SHUTDOWN_TIMEOUT_MS) };
      if (mode.queue === 'memory') {
        // The in-process queue starts empty: every item not yet indexed lost its job with the
        // previous process (a crash, a kill -9), so it is queued again now, not after STUCK_AFTER_MS.
        const recovered = await reconciler.recoverAll(workersStartedAt);
        if (recovered > 0)
          logger.info({ count: recovered }, 'recovered items left unfinished by the last run');
      }
      await scheduler.start();
      return { tagger, reconciler, tagStage, indexStage };
    };
    closers.push(() => workers?.stop());

    const web = createWebApp({
      logger,
      metrics,
      checks,
      collectMetrics,
      version,
      trustedProxies: config.TRUST_PROXY,
      opsToken: config.OPS_TOKEN,
      ui: {
        stores,
        rateLimits,
        tagLabels: await loadTagLabels(resolve(config.CONFIG_DIR)),
        // Above the intake form's own limit, so that form answers with its specific message.
        maxBodyBytes: config.INTAKE_MAX_FILES * config.INTAKE_MAX_FILE_BYTES + 1024 * 1024,
      },
      features,
    });

    return {
      config,
      logger,
      metrics,
      mode,
      db,
      queue,
      search: search.index,
      stores,
      projection,
      actions,
      ingest,
      events,
      features,
      erasure,
      /**
       * Runs the index stage now over the items waiting in the outbox (stage `tagged`), for CLI
       * commands, which have no index worker; returns how many were marked indexed.
       */
      indexPending: async () => {
        const pending = await items.findStuck('tagged', 0, 100_000);
        let marked = 0;
        for (let i = 0; i < pending.length; i += 1000)
          marked += await indexItems({ items, projection, search: search.index }, pending.slice(i, i + 1000));
        return marked;
      },
      web,
      startWorkers,
      version,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

export type App = Awaited<ReturnType<typeof createApp>>;
