import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUiFixture, type UiFixture } from './fixture.js';

let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture();
});
afterAll(() => f?.dispose());

describe('security headers', () => {
  it('X-Frame-Options agrees with the CSP, and a Permissions-Policy is set on pages, portal and API', async () => {
    const staff = client(f);
    await staff.login('staff');
    const pages = [
      await staff.request('/queue'),
      await f.app.web.request('/login'),
      await f.app.web.request('/portal'),
    ];
    for (const res of pages) {
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      const csp = res.headers.get('content-security-policy');
      if (csp) expect(csp).toContain("frame-ancestors 'none'");
      const pp = res.headers.get('permissions-policy') ?? '';
      for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()'])
        expect(pp).toContain(feature);
    }
    const queue = pages[0]!;
    expect(queue.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const api = await f.app.web.request('/api/v1/items');
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    expect(api.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('a 401 names the Bearer scheme (missing and wrong token)', async () => {
    const none = await f.app.web.request('/api/v1/items');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer realm="kopru"/);
    const wrong = await f.app.web.request('/api/v1/items', { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('token_invalid');
  });
});
