import { describe, expect, it } from 'vitest';
import { loadConfig, modes } from './config.js';
import { ConfigError } from './domain/errors.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with no configuration', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./data');
    expect(c.SEED_DEMO).toBe(true);
    expect(modes(c)).toEqual({ store: 'pglite', queue: 'memory', search: 'embedded' });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('sheds ingest load by default and caps the ingest body at 256 MiB', () => {
    const c = loadConfig({});
    expect(c.INGEST_MAX_BODY_BYTES).toBe(10 * 1024 * 1024);
    expect([c.INGEST_MAX_IN_FLIGHT, c.INGEST_MAX_BACKLOG, c.INGEST_MAX_RSS_MB]).toEqual([8, 20_000, 0]);
    expect(c.INGEST_RETRY_AFTER_SECONDS).toBe(30);
    expect(() => loadConfig({ INGEST_MAX_BODY_BYTES: String(1024 ** 3) })).toThrow(/INGEST_MAX_BODY_BYTES/);
    expect(loadConfig({ INGEST_MAX_BACKLOG: '0' }).INGEST_MAX_BACKLOG).toBe(0);
  });

  it('turns the demo data off in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).SEED_DEMO).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' }).SEED_DEMO).toBe(true);
  });

  it('selects the services that are configured', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db/x',
      REDIS_URL: 'redis://r:6379',
      MEILI_URL: 'http://m:7700',
    });
    expect(modes(c)).toEqual({ store: 'postgres', queue: 'bullmq', search: 'remote' });
  });

  it('takes an owner URL for migrations only beside DATABASE_URL, never echoing it', () => {
    const owner = 'postgres://kopru_owner:s3cret-pw@db/x';
    expect(
      loadConfig({ DATABASE_URL: 'postgres://kopru_app@db/x', DATABASE_OWNER_URL: owner }).DATABASE_OWNER_URL,
    ).toBe(owner);
    expect(loadConfig({}).DATABASE_OWNER_URL).toBeUndefined();
    let err: unknown;
    try {
      loadConfig({ DATABASE_OWNER_URL: owner });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/DATABASE_OWNER_URL.*needs DATABASE_URL/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it('names every bad variable and the problem, without echoing secrets', () => {
    let err: unknown;
    try {
      loadConfig({ PORT: 'abc', REDIS_URL: 'http://nope', MEILI_MASTER_KEY: 'short', SEED_DEMO: 'maybe' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/PORT: .*"abc"/);
    expect(msg).toContain('REDIS_URL:');
    expect(msg).toContain('MEILI_MASTER_KEY: must be at least 16 bytes');
    expect(msg).not.toContain('"short"');
    expect(msg).toContain('SEED_DEMO:');
  });

  it('ignores empty values, as an unset variable', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('leaves the PostgreSQL bounds to the adapter unless set; 0 turns one off; nonsense is refused', () => {
    expect(loadConfig({}).DB_QUERY_TIMEOUT_MS).toBeUndefined();
    const c = loadConfig({
      DB_STATEMENT_TIMEOUT_MS: '30000',
      DB_QUERY_TIMEOUT_MS: '0',
      DB_KEEPALIVE_MS: '0',
    });
    expect([c.DB_STATEMENT_TIMEOUT_MS, c.DB_QUERY_TIMEOUT_MS, c.DB_KEEPALIVE_MS]).toEqual([30000, 0, 0]);
    expect(() => loadConfig({ DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/DB_STATEMENT_TIMEOUT_MS: .*"-1"/);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
  });
});
