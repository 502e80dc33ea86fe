import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    clientAddress: string;
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
    await next();
  };
}

/** The client's address as set by {@link clientAddress} (the socket peer if it did not run). */
export const clientAddressOf = (c: Context): string => c.get('clientAddress') ?? socketAddress(c) ?? 'local';
