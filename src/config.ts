import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './domain/errors.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = (protocols: RegExp) => z.url({ protocol: protocols });

/**
 * The one configuration schema. Keys are environment variable names; a JSON
 * config file (CONFIG_FILE) may hold the same keys, and the environment wins.
 * Every setting is documented in README.md and .env.example.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    TRUST_PROXY: int(0, 10).default(0),
    PORT: int(0, 65535).default(3000),
    DATA_DIR: z.string().min(1).default('./data'),
    CONFIG_DIR: z.string().min(1).default('./config'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: url(/^postgres(ql)?$/).optional(),
    // Embedded mode: PGlite runs in a worker thread, off the event loop of HTTP and the stages.
    PGLITE_THREAD: bool.default(true),
    // The role that owns the schema and runs the migrations; DATABASE_URL's role then gets only its rights.
    DATABASE_OWNER_URL: url(/^postgres(ql)?$/).optional(),
    // PostgreSQL bounds (pg only; the defaults live in src/store/pg-adapter.ts, 0 turns one off).
    DB_CONNECT_TIMEOUT_MS: int(100, 600_000).optional(),
    DB_STATEMENT_TIMEOUT_MS: int(0, 86_400_000).optional(),
    DB_QUERY_TIMEOUT_MS: int(0, 86_400_000).optional(),
    DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: int(0, 86_400_000).optional(),
    DB_KEEPALIVE_MS: int(0, 86_400_000).optional(),
    REDIS_URL: url(/^rediss?$/).optional(),
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .default('kopru'),
    MEILI_URL: url(/^https?$/).optional(),
    MEILI_MASTER_KEY: z.string().min(16, 'must be at least 16 bytes').optional(),
    MEILI_BIN: z.string().min(1).optional(),
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{0,40}$/)
      .default('kopru_'),
    ADMIN_EMAIL: z.email().default('admin@kopru.local'),
    ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    SEED_DEMO: bool.optional(),
    INGEST_MAX_BODY_BYTES: int(1024, 256 * 1024 * 1024).default(10 * 1024 * 1024),
    INGEST_MAX_RECORDS: int(1, 1_000_000).default(50_000),
    // Load shedding of the ingest API (0 turns a check off).
    INGEST_MAX_IN_FLIGHT: int(0, 10_000).default(8),
    INGEST_MAX_BACKLOG: int(0, 100_000_000).default(20_000),
    INGEST_MAX_RSS_MB: int(0, 1_048_576).default(0),
    INGEST_RETRY_AFTER_SECONDS: int(1, 3600).default(30),
    INDEX_BATCH_SIZE: int(1, 100_000).default(5000),
    INDEX_BATCH_CHARS: int(10_000, 1_000_000_000).default(8_000_000),
    INDEX_BATCH_MS: int(1, 60_000).default(1000),
    INDEX_MAX_TASKS: int(1, 64).default(4),
    RECONCILE_INTERVAL_MS: int(1000, 86_400_000).default(30_000),
    STUCK_AFTER_MS: int(1000, 86_400_000).default(120_000),
    RECONCILE_MAX_PER_PASS: int(1, 10_000_000).default(20_000),
    SHUTDOWN_TIMEOUT_MS: int(0, 600_000).default(15_000),
    // Feeds (connectors).
    FEED_TICK_MS: int(1000, 3_600_000).default(15_000),
    FEED_TIMEOUT_MS: int(1000, 600_000).default(20_000),
    FEED_MAX_BYTES: int(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
    // Public portal and publication.
    PUBLIC_BASE_URL: url(/^https?$/).optional(),
    PORTAL_ACCESS: z.enum(['public', 'login']).default('public'),
    PORTAL_API_RATE_PER_MIN: int(1, 1_000_000).default(120),
    // How long a process trusts an API token check before asking the database again (0 = always ask).
    TOKEN_CACHE_MS: int(0, 300_000).default(5_000),
    /** How long a starting process waits for an external Meilisearch it cannot reach yet (0 = fail at once). */
    SEARCH_START_WAIT_MS: int(0, 3_600_000).default(120_000),
    // Lets monitors on other machines read /metrics and the readiness details (Bearer token).
    OPS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    PUBLISH_TICK_MS: int(1000, 3_600_000).default(30_000),
    WEBHOOK_TIMEOUT_MS: int(100, 120_000).default(5_000),
    WEBHOOK_ALLOW_PRIVATE: bool.optional(),
    // Surge alerts: the detector's interval and an optional signed webhook for new alerts.
    ALERT_TICK_MS: int(1000, 3_600_000).default(60_000),
    ALERT_WEBHOOK_URL: url(/^https?$/).optional(),
    ALERT_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // Citizen applications: intake form, deadlines, retention.
    INTAKE_MAX_FILE_BYTES: int(1024, 100 * 1024 * 1024).default(5 * 1024 * 1024),
    INTAKE_MAX_FILES: int(0, 20).default(3),
    INTAKE_RATE_PER_HOUR: int(1, 1_000_000).default(10),
    DEADLINE_TICK_MS: int(1000, 86_400_000).default(300_000),
    RETENTION_DAYS: int(1, 36_500).default(730),
    RETENTION_SWEEP_MS: int(60_000, 7 * 86_400_000).default(3_600_000),
  })
  .refine((c) => !c.DATABASE_OWNER_URL || c.DATABASE_URL, {
    path: ['DATABASE_OWNER_URL'],
    message: 'needs DATABASE_URL (the role the app connects as)',
  })
  .transform((c) => ({
    ...c,
    SEED_DEMO: c.SEED_DEMO ?? c.NODE_ENV !== 'production',
    // Webhooks to loopback and private networks are for development; production refuses them by default.
    WEBHOOK_ALLOW_PRIVATE: c.WEBHOOK_ALLOW_PRIVATE ?? c.NODE_ENV !== 'production',
    // Absolute links (feeds, Open Graph, ClaimReview, webhooks) need the public origin.
    PUBLIC_BASE_URL: (
      c.PUBLIC_BASE_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`
    ).replace(/\/+$/, ''),
  }));

export type Config = Readonly<z.output<typeof configSchema>>;

/** Which embedded/service implementation each part uses (derived, never configured twice). */
export const modes = (c: Config) => ({
  store: c.DATABASE_URL ? ('postgres' as const) : ('pglite' as const),
  queue: c.REDIS_URL ? ('bullmq' as const) : ('memory' as const),
  search: c.MEILI_URL ? ('remote' as const) : ('embedded' as const),
});

function readConfigFile(path: string): Record<string, unknown> {
  const full = resolve(path);
  if (!existsSync(full)) throw new ConfigError(`CONFIG_FILE: file not found: ${full}`);
  try {
    const parsed: unknown = JSON.parse(readFileSync(full, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('top level must be a JSON object');
    }
    return Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
    );
  } catch (err) {
    throw new ConfigError(`CONFIG_FILE: cannot read ${full}: ${(err as Error).message}`);
  }
}

/**
 * Parses the configuration once from the environment (and CONFIG_FILE) and
 * returns a frozen object. A bad value throws ConfigError naming the variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const fromFile = env.CONFIG_FILE ? readConfigFile(env.CONFIG_FILE) : {};
  const fromEnv = Object.fromEntries(
    Object.keys(configSchema.in.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const result = configSchema.safeParse({ ...fromFile, ...fromEnv });
  if (!result.success) {
    const lines = result.error.issues.map((i) => {
      const key = i.path.join('.') || '(config)';
      const given = (fromEnv as Record<string, unknown>)[key] ?? (fromFile as Record<string, unknown>)[key];
      const shown = /KEY|PASSWORD|SECRET|URL/.test(key)
        ? ''
        : given === undefined
          ? ''
          : ` (got ${JSON.stringify(given)})`;
      return `  ${key}: ${i.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`, result.error.issues);
  }
  return Object.freeze(result.data);
}
