import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientAddressOf } from './client-address.js';

const appWith = (trustedProxies: number) => {
  const app = new Hono();
  app.use(clientAddress({ trustedProxies }));
  app.get('/', (c) => c.text(clientAddressOf(c)));
  return app;
};
const env = { incoming: { socket: { remoteAddress: '10.0.0.5' } } };
const ask = async (app: Hono, xff?: string) =>
  (await app.request('/', { headers: xff ? { 'x-forwarded-for': xff } : {} }, env)).text();

describe('clientAddress', () => {
  it('uses the socket peer and ignores X-Forwarded-For without trusted proxies', async () => {
    expect(await ask(appWith(0))).toBe('10.0.0.5');
    expect(await ask(appWith(0), '203.0.113.9')).toBe('10.0.0.5');
  });
  it('takes the entry the trusted proxies appended, not one the client sent', async () => {
    expect(await ask(appWith(1), '203.0.113.9')).toBe('203.0.113.9');
    expect(await ask(appWith(1), '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(await ask(appWith(2), '198.51.100.1, 203.0.113.9, 10.0.0.7')).toBe('203.0.113.9');
  });
  it('falls back to the socket peer when the header is missing, short or not an address', async () => {
    expect(await ask(appWith(1))).toBe('10.0.0.5');
    expect(await ask(appWith(3), '203.0.113.9')).toBe('10.0.0.5');
    expect(await ask(appWith(1), 'not-an-ip')).toBe('10.0.0.5');
  });
});
