import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createUiFixture, type UiFixture } from './fixture.js';

let f: UiFixture;
beforeAll(async () => {
  f = await createUiFixture();
});
afterAll(() => f?.dispose());

describe('API tokens in the admin UI', () => {
  it('an admin creates a token (shown once), sees it listed, and revokes it; each step audited', async () => {
    const admin = client(f);
    await admin.login('admin');
    const bad = await admin.post('/admin/tokens?lang=en', { name: 'x' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('choose at least one right');

    const res = await admin.post('/admin/tokens?lang=en', {
      name: 'Haber robotu',
      scopes: ['read', 'ingest'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const token = /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1] ?? '';
    expect(token.length).toBeGreaterThan(30);
    const api = (t: string) =>
      f.app.web.request('/api/v1/items?limit=0', { headers: { authorization: `Bearer ${t}` } });
    expect((await api(token)).status).toBe(200);

    // Listed without the token itself; the token is never shown again.
    const list = await (await admin.request('/admin/tokens?lang=en')).text();
    expect(list).toContain('Haber robotu');
    expect(list).toContain('Read, Ingest');
    expect(list).not.toContain(token);
    const stored = (await f.app.stores.tokens.list()).find((t) => t.name === 'Haber robotu')!;
    expect((await admin.post(`/admin/tokens/${stored.id}/revoke`)).status).toBe(303);
    expect((await api(token)).status).toBe(401);
    expect(await (await admin.request('/admin/tokens?lang=en')).text()).toMatch(/revoked on/);
    const audit = await f.app.stores.audit.list({ targetType: 'token', targetId: stored.id });
    expect(audit.map((e) => e.action).sort()).toEqual(['token.create', 'token.revoke']);
  });

  it('is for admins only', async () => {
    for (const role of ['staff', 'supervisor', 'journalist']) {
      const c = client(f);
      await c.login(role);
      expect((await c.request('/admin/tokens')).status).toBe(403);
      expect((await c.post('/admin/tokens', { name: 'yetkisiz', scopes: 'read' })).status).toBe(403);
    }
  });
});
