import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../obs/logger.js';
import {
  createRateLimiter,
  memoryRateLimits,
  type RateLimits,
  type SharedRateLimiter,
} from './rate-limit.js';

// Written on ioredis (installed with BullMQ) rather than a rate-limiting library: none is a
// dependency, and a fixed window is one atomic script. INCR and the window's PEXPIRE run in one
// Lua call, so no process can leave a counter without an expiry (one found without, say from a
// manual SET, gets one).
const HIT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Options of {@link createRedisRateLimits}. */
export interface RedisRateLimitOptions {
  url: string;
  /** Key prefix (QUEUE_PREFIX): keys are `<prefix>:ratelimit:<name>:<hash of the key>`. */
  prefix: string;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** A command unanswered this long counts locally instead (a hung Redis never holds a request). */
  commandTimeoutMs?: number;
}

type HitClient = Redis & { kopruRateHit(key: string, windowMs: number): Promise<number> };

/**
 * Rate limits shared by every web process through Redis: N requests per window in total,
 * not N per process. If Redis does not answer (down, hung, not yet connected after a
 * failure), each limiter counts in this process, so every request is still answered (by
 * the per-process limit, as before this existed); the first such fallback of an outage is
 * logged once as a warning, and the return to shared counting once as info.
 */
export function createRedisRateLimits(opts: RedisRateLimitOptions): RateLimits {
  const redis = new Redis(opts.url, {
    connectTimeout: 3000,
    disconnectTimeout: 200,
    commandTimeout: opts.commandTimeoutMs ?? 1000,
    // Queued commands are given up after one failed reconnect (and by the command timeout).
    maxRetriesPerRequest: 1,
    // Processes that serve no limited route (workers, CLI commands) never connect.
    lazyConnect: true,
  }) as HitClient;
  redis.defineCommand('kopruRateHit', { numberOfKeys: 1, lua: HIT });
  let everReady = false;
  let lastError: Error | undefined;
  let degraded = false;
  redis.on('ready', () => {
    everReady = true;
  });
  redis.on('error', (err: Error) => {
    lastError = err;
  });

  /** Runs `shared`; on any Redis failure runs `local` instead and logs the outage once. */
  const either = async <T>(shared: () => Promise<T>, local: () => T): Promise<T> => {
    // Before the first connection commands wait in ioredis's queue (bounded by the command
    // timeout); once Redis has answered or failed, a closed connection goes local at once.
    if (redis.status !== 'ready' && (everReady || lastError)) return fallback(local, lastError);
    try {
      const r = await shared();
      if (degraded) {
        degraded = false;
        opts.logger.info('rate limits: Redis answers again, counts are shared across processes');
      }
      return r;
    } catch (err) {
      return fallback(local, err);
    }
  };
  const fallback = <T>(local: () => T, err: unknown): T => {
    if (!degraded) {
      degraded = true;
      opts.logger.warn(
        { err },
        'rate limits: Redis does not answer, each process counts on its own until it does',
      );
    }
    return local();
  };

  return {
    limiter(name, o): SharedRateLimiter {
      const local = createRateLimiter(o);
      // Hashed: client addresses and e-mail addresses are not written to Redis.
      const keyOf = (key: string) =>
        `${opts.prefix}:ratelimit:${name}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
      return {
        hit: (key) =>
          either(
            async () => (await redis.kopruRateHit(keyOf(key), o.windowMs)) <= o.max,
            () => local.hit(key),
          ),
        over: (key) =>
          either(
            async () => Number((await redis.get(keyOf(key))) ?? 0) >= o.max,
            () => local.over(key),
          ),
        reset: (key) =>
          either(
            async () => {
              await redis.del(keyOf(key));
            },
            () => local.reset(key),
          ),
      };
    },
    async close() {
      // Never connected (lazy): QUIT would open a connection only to close it.
      if (redis.status === 'wait' || redis.status === 'end') return redis.disconnect();
      try {
        await Promise.race([redis.quit(), new Promise((r) => setTimeout(r, 1000))]);
      } catch {
        // Already closed or unreachable.
      }
      redis.disconnect();
    },
  };
}

/** Shared limits through Redis when `redisUrl` is set (service mode), else per process. */
export function createRateLimits(cfg: {
  redisUrl?: string;
  prefix: string;
  logger: Pick<Logger, 'warn' | 'info'>;
}): RateLimits {
  return cfg.redisUrl
    ? createRedisRateLimits({ url: cfg.redisUrl, prefix: cfg.prefix, logger: cfg.logger })
    : memoryRateLimits();
}
