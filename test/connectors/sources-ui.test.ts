import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/app.js';
import { browserClient, createIntakeFixture, type IntakeFixture } from '../intake/intake-fixture.js';
import { rssDoc, startFeedServer } from './feed-server.js';

/** The sources admin page: an admin manages feeds; others are refused; a failing poll shows its error. */
describe('sources admin page', () => {
  let f: IntakeFixture;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let admin: ReturnType<typeof browserClient>;

  const post = async (path: string, fields: Record<string, string>) => {
    const { csrf } = await admin.tokens('/admin/sources');
    return admin.request(path, { method: 'POST', body: new URLSearchParams({ _csrf: csrf, ...fields }) });
  };
  const byName = async (name: string) => (await f.app.stores.feedSources.list()).find((s) => s.name === name);

  beforeAll(async () => {
    server = await startFeedServer({
      '/ok.xml': (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
          .end(rssDoc([{ guid: 'g-1', title: 'Köprü haberi', body: 'Köprü açıldı.' }])),
      '/broken.xml': (_q, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('down'),
    });
    // A long scheduler tick: only "poll now" polls during the test.
    f = await createIntakeFixture({ FEED_TICK_MS: '3600000' });
    await f.app.startWorkers();
    admin = browserClient(f, '10.1.0.1');
    await admin.login('admin');
  }, 120_000);
  afterAll(async () => {
    await f?.dispose();
    await server?.close();
  });

  it('lets an admin add a feed, disable, enable and change its interval, all audited', async () => {
    const page = await admin.request('/admin/sources');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<caption>Kayıtlı kaynaklar ve son çalışmaları</caption>');
    expect(html).toContain('href="/admin/sources"');

    const add = await post('/admin/sources', {
      name: 'kuzey-gazetesi',
      url: server.url('/ok.xml'),
      intervalMinutes: '5',
    });
    expect(add.status).toBe(303);
    const s = (await byName('kuzey-gazetesi'))!;
    expect(s).toMatchObject({
      kind: 'feed',
      enabled: true,
      intervalSeconds: 300,
      url: server.url('/ok.xml'),
    });
    expect(await (await admin.request('/admin/sources?done=1')).text()).toContain('kuzey-gazetesi');

    expect((await post(`/admin/sources/${s.id}/disable`, {})).status).toBe(303);
    expect((await byName('kuzey-gazetesi'))!.enabled).toBe(false);
    expect(await (await admin.request('/admin/sources')).text()).toContain('Devre dışı');
    expect((await post(`/admin/sources/${s.id}/enable`, {})).status).toBe(303);
    expect((await byName('kuzey-gazetesi'))!.enabled).toBe(true);
    expect((await post(`/admin/sources/${s.id}/interval`, { intervalMinutes: '45' })).status).toBe(303);
    expect((await byName('kuzey-gazetesi'))!.intervalSeconds).toBe(2700);
    expect((await post(`/admin/sources/${s.id}/interval`, { intervalMinutes: '0' })).status).toBe(400);

    const actions = (await f.app.stores.audit.list({ targetType: 'source', targetId: s.id })).map(
      (e) => e.action,
    );
    expect(actions.sort()).toEqual(['source.create', 'source.disable', 'source.enable', 'source.interval']);
  });

  it('re-renders invalid or duplicate additions with messages linked to the fields', async () => {
    const bad = await post('/admin/sources', {
      name: 'kötü ad',
      url: 'ftp://x.example/feed',
      intervalMinutes: '0',
    });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    for (const field of ['name', 'url', 'intervalMinutes']) {
      expect(html).toContain(`href="#ns-${field}"`);
      expect(html).toMatch(new RegExp(`id="ns-${field}"[^>]*aria-invalid="true"`));
    }
    expect(html).toContain('value="ftp://x.example/feed"');
    await post('/admin/sources', { name: 'ikiz', url: server.url('/ok.xml'), intervalMinutes: '5' });
    const dup = await post('/admin/sources', {
      name: 'ikiz',
      url: server.url('/ok.xml'),
      intervalMinutes: '5',
    });
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain('Bu adla bir kaynak zaten var.');
  });

  it('refuses non-admins and anonymous visitors', async () => {
    const s = (await f.app.stores.feedSources.list())[0]!;
    for (const role of ['supervisor', 'staff', 'journalist']) {
      const c = browserClient(f, `10.1.1.${role.length}`);
      await c.login(role);
      expect((await c.request('/admin/sources')).status).toBe(403);
      const { csrf } = await c.tokens('/published');
      const res = await c.request(`/admin/sources/${s.id}/disable`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf }),
      });
      expect(res.status).toBe(403);
    }
    expect((await f.app.stores.feedSources.get(s.id))!.enabled).toBe(true);
    const anon = await browserClient(f, '10.1.2.1').request('/admin/sources');
    expect(anon.status).toBe(302);
    // The navigation shows the page to admins only.
    expect(await (await admin.request('/admin/users')).text()).toContain('href="/admin/sources"');
  });

  it('shows the last error after a failing poll, and items fetched after a good one', async () => {
    await post('/admin/sources', {
      name: 'bozuk-besleme',
      url: server.url('/broken.xml'),
      intervalMinutes: '60',
    });
    await post('/admin/sources', { name: 'iyi-besleme', url: server.url('/ok.xml'), intervalMinutes: '60' });
    const broken = (await byName('bozuk-besleme'))!;
    const good = (await byName('iyi-besleme'))!;
    expect((await post(`/admin/sources/${broken.id}/poll`, {})).status).toBe(303);
    expect((await post(`/admin/sources/${good.id}/poll`, {})).status).toBe(303);
    await eventually('both feeds polled', async () => {
      const [b, g] = [await byName('bozuk-besleme'), await byName('iyi-besleme')];
      return b?.lastStatus === 'error' && g?.lastStatus === 'ok';
    });
    const html = await (await admin.request('/admin/sources')).text();
    const row = (name: string) => new RegExp(`<th scope="row">${name}</th>(.*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row('bozuk-besleme')).toContain('Hata: </strong>HTTP 500');
    expect(row('bozuk-besleme')).toContain('1 ardışık hata');
    expect(row('iyi-besleme')).toMatch(/<td data-label="Alınan öğe">1<\/td>/);
    // The kind of source in words, not its code.
    expect(row('iyi-besleme')).toContain('<td data-label="Tür">Haber beslemesi</td>');
    const audit = await f.app.stores.audit.list({ action: 'source.poll', targetId: broken.id });
    expect(audit).toHaveLength(1);
  });

  it('documents /api/v1/sources in the OpenAPI document with its schemas', async () => {
    const doc = (await (await f.app.web.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths['/api/v1/sources'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/sources/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.components.schemas.Source?.properties ?? {})).toEqual(
      expect.arrayContaining(['lastRunAt', 'lastError', 'itemsFetched', 'nextRunAt']),
    );
  });
});
