import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUiFixture, ORIGIN, PASSWORD, type UiFixture } from './fixture.js';

let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture({ PORTAL_API_RATE_PER_MIN: '3', TRUST_PROXY: '1' });
});
afterAll(() => f?.dispose());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  f.app.web.request(`${ORIGIN}/login`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    headers: { origin: ORIGIN, accept: 'text/html', ...headers },
    redirect: 'manual',
  });

describe('limits and cookies', () => {
  it('the portal API counts a request once, although two mounts match its path', async () => {
    const get = () =>
      f.app.web.request('/api/v1/responses', { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect([(await get()).status, (await get()).status, (await get()).status]).toEqual([200, 200, 200]);
    const over = await get();
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
  });

  it('successful logins from one office address never lock it out; failed ones are limited', async () => {
    const office = { 'x-forwarded-for': '198.51.100.20' };
    for (let i = 0; i < 30; i++) {
      const res = await login('staff@test.local', PASSWORD, office);
      expect({ i, status: res.status }).toEqual({ i, status: 303 });
    }
    const guesser = { 'x-forwarded-for': '198.51.100.99' };
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push((await login(`nobody${i}@test.local`, 'wrong-password', guesser)).status);
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
    // The limited address cannot sign in even with a right password until the window ends.
    expect((await login('staff@test.local', PASSWORD, guesser)).status).toBe(429);
  });

  it('behind a trusted proxy that says https the session cookie is Secure and HSTS is sent; over http neither', async () => {
    const https = await login('journalist@test.local', PASSWORD, {
      'x-forwarded-for': '192.0.2.1',
      'x-forwarded-proto': 'https',
    });
    expect(https.status).toBe(303);
    expect(https.headers.get('set-cookie')).toMatch(/kopru_sid=[^;]+;.*Secure/i);
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);

    const http = await login('journalist@test.local', PASSWORD, { 'x-forwarded-for': '192.0.2.2' });
    expect(http.status).toBe(303);
    expect(http.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(http.headers.get('strict-transport-security')).toBeNull();
    const page = await client(f).request('/login');
    expect(page.headers.get('strict-transport-security')).toBeNull();
  });
});
