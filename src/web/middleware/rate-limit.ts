import type { MiddlewareHandler } from 'hono';
import { memoryRateLimits, type RateLimits } from '../auth/rate-limit.js';
import { errorBody } from '../errors.js';
import { clientAddressOf } from './client-address.js';

/**
 * Requests per minute per client address (TRUST_PROXY decides which one), for the
 * public JSON API and feeds: over the limit the answer is 429 with Retry-After (the
 * window's length, an upper bound). Each call has its own counter; with `limits` from
 * the composition root it is the counter named `name`, shared by every web process in
 * service mode (Redis), else it counts in this process.
 */
export function rateLimitPerMinute(opts: {
  perMinute: number;
  now?: () => number;
  limits?: RateLimits;
  name?: string;
}): MiddlewareHandler {
  const windowMs = 60_000;
  const limiter = (opts.limits ?? memoryRateLimits()).limiter(opts.name ?? 'per-minute', {
    max: opts.perMinute,
    windowMs,
    now: opts.now,
  });
  // A request counts once even where two mounts of this limiter match its path
  // (`/responses` and `/responses/*` both match `/responses`).
  const counted = new WeakSet<Request>();
  return async (c, next) => {
    if (counted.has(c.req.raw)) return next();
    counted.add(c.req.raw);
    if (await limiter.hit(clientAddressOf(c))) return next();
    c.header('retry-after', String(windowMs / 1000));
    return c.json(errorBody('rate_limited', `too many requests: at most ${opts.perMinute} per minute`), 429);
  };
}
