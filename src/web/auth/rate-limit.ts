/**
 * A fixed-window counter per key, in memory: the embedded mode's limiter, and the fallback of
 * the Redis-backed one (`redis-rate-limit.ts`) that web processes share in service mode.
 * The per-account lockout in the database holds across processes in every mode.
 */
export function createRateLimiter(opts: { max: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts one attempt; returns false when the key is over the limit. */
    hit(key: string): boolean {
      const t = now();
      if (hits.size > 10_000) for (const [k, v] of hits) if (v.resetAt <= t) hits.delete(k);
      const e = hits.get(key);
      if (!e || e.resetAt <= t) {
        hits.set(key, { count: 1, resetAt: t + opts.windowMs });
        return true;
      }
      e.count++;
      return e.count <= opts.max;
    },
    /** Whether the key is already at the limit (counts nothing). */
    over(key: string): boolean {
      const e = hits.get(key);
      return !!e && e.resetAt > now() && e.count >= opts.max;
    },
    reset(key: string) {
      hits.delete(key);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;

/**
 * A limiter whose counts may live outside this process (Redis in service mode): the same
 * `hit`/`over`/`reset` as {@link createRateLimiter}, asynchronous. It never rejects: when
 * its shared store does not answer it counts in this process instead.
 */
export interface SharedRateLimiter {
  hit(key: string): Promise<boolean>;
  over(key: string): Promise<boolean>;
  reset(key: string): Promise<void>;
}

/**
 * Makes named limiters. Two processes asking for the same name share its counts when the
 * implementation is shared (Redis); each name counts on its own.
 */
export interface RateLimits {
  limiter(name: string, opts: { max: number; windowMs: number; now?: () => number }): SharedRateLimiter;
  close(): Promise<void>;
}

/** Counts in this process only (embedded mode, and the fallback of the shared limits). */
export function memoryRateLimits(): RateLimits {
  return {
    limiter(_name, opts) {
      const m = createRateLimiter(opts);
      return {
        hit: async (key) => m.hit(key),
        over: async (key) => m.over(key),
        reset: async (key) => m.reset(key),
      };
    },
    async close() {},
  };
}
