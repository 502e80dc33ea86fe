import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    clientAddress: string;
    /** The client reached us over HTTPS (directly, or as a trusted proxy says). */
    https: boolean;
  }
}

const socketAddress = (c: Context) =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress;

/**
 * Sets `c.get('clientAddress')`, the key of rate limits and login audit entries.
 * Without trusted proxies it is the socket's peer. Behind `trustedProxies` reverse
 * proxies (each appending to X-Forwarded-For) it is the entry that many hops from the
 * right, so a client cannot choose its own address by sending the header itself.
 */
export function clientAddress(opts: { trustedProxies: number }): MiddlewareHandler {
  return async (c, next) => {
    let addr = socketAddress(c) ?? 'local';
    if (opts.trustedProxies > 0) {
      const hops = (c.req.header('x-forwarded-for') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const candidate = hops[hops.length - opts.trustedProxies];
      if (candidate && isIP(candidate)) addr = candidate;
    }
    c.set('clientAddress', addr);
    // Behind trusted proxies the nearest one says how the client came (X-Forwarded-Proto);
    // without them the header is the client's own claim and is ignored.
    let https = new URL(c.req.url).protocol === 'https:';
    if (opts.trustedProxies > 0) {
      const proto = (c.req.header('x-forwarded-proto') ?? '').split(',').pop()?.trim().toLowerCase();
      if (proto) https = proto === 'https';
    }
    c.set('https', https);
    await next();
  };
}

/** The client's address as set by {@link clientAddress} (the socket peer if it did not run). */
export const clientAddressOf = (c: Context): string => c.get('clientAddress') ?? socketAddress(c) ?? 'local';

/** Whether the client's connection is HTTPS, as {@link clientAddress} decided (the URL if it did not run). */
export const isHttps = (c: Context): boolean => c.get('https') ?? new URL(c.req.url).protocol === 'https:';
