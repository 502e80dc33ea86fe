import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, eventually, type Mode, servicesAvailable } from '../helpers/app.js';
import { rssDoc, startFeedServer } from './feed-server.js';

/** The sources admin API and the scheduler wired in the app (both modes: timer + in-process queue, BullMQ), against a local feed. */
for (const mode of ['embedded', 'services'] as Mode[])
  describe(`sources admin API and scheduled polling (${mode})`, () => {
    let available = true;
    let t: Awaited<ReturnType<typeof createTestApp>>;
    let server: Awaited<ReturnType<typeof startFeedServer>>;
    let admin = '';
    let reader = '';
    const call = (path: string, init: RequestInit = {}, token = admin) =>
      t.app.web.request(`/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });

    beforeAll(async () => {
      server = await startFeedServer({
        '/haber.xml': (_q, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"a"' }).end(
            rssDoc([
              {
                guid: 'h-1',
                link: 'https://ilce.example/1',
                title: 'Köprü çöktü iddiası',
                body: 'Karayolları: köprü sağlam.',
              },
              {
                guid: 'h-2',
                link: 'https://ilce.example/2',
                title: 'Pazar yeri taşınıyor',
                body: 'Belediye meclisi karar aldı.',
              },
            ]),
          ),
      });
      if (mode === 'services') available = await servicesAvailable();
      if (!available) return;
      t = await createTestApp(mode);
      admin = (await t.app.stores.tokens.create({ name: 'admin', scopes: ['admin'] })).token;
      reader = (await t.app.stores.tokens.create({ name: 'reader', scopes: ['read'] })).token;
    }, 120_000);
    afterAll(async () => {
      await t?.dispose();
      await server?.close();
    });

    it('requires an admin token and validates input', async (c) => {
      if (!available) return c.skip();
      expect((await call('/sources', {}, reader)).status).toBe(403);
      expect((await t.app.web.request('/api/v1/sources')).status).toBe(401);
      const bad = await call('/sources', {
        method: 'POST',
        body: JSON.stringify({ name: 'x', url: 'ftp://a', intervalSeconds: 5 }),
      });
      expect(bad.status).toBe(400);
      expect(
        (
          await call('/sources/00000000-0000-7000-8000-000000000000', {
            method: 'PATCH',
            body: '{"enabled":false}',
          })
        ).status,
      ).toBe(404);
    });

    it('adds a feed that the scheduler polls; shows last run, status and items fetched; disable and interval', async (c) => {
      if (!available) return c.skip();
      const created = await call('/sources', {
        method: 'POST',
        body: JSON.stringify({ name: 'ilce-haber', url: server.url('/haber.xml'), intervalSeconds: 600 }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      expect(
        (
          await call('/sources', {
            method: 'POST',
            body: JSON.stringify({ name: 'ilce-haber', url: server.url('/x') }),
          })
        ).status,
      ).toBe(409);

      await t.app.startWorkers();
      await eventually('feed polled', async () => {
        const s = (await (await call(`/sources/${id}`)).json()) as { lastStatus: string | null };
        return s.lastStatus === 'ok';
      });
      const s = (await (await call(`/sources/${id}`)).json()) as Record<string, unknown>;
      expect(s).toMatchObject({
        enabled: true,
        intervalSeconds: 600,
        itemsFetched: 2,
        lastError: null,
        failures: 0,
      });
      expect(s.lastRunAt).toEqual(expect.any(String));
      const listed = (await (await call('/sources')).json()) as { sources: { name: string }[] };
      expect(listed.sources.map((x) => x.name)).toContain('ilce-haber');
      const { rows } = await t.app.db.query<{ url: string }>(
        "SELECT url FROM items WHERE source = 'ilce-haber' ORDER BY url",
      );
      expect(rows.map((r) => r.url)).toEqual(['https://ilce.example/1', 'https://ilce.example/2']);

      const off = await call(`/sources/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ enabled: false, intervalSeconds: 3600 }),
      });
      expect(await off.json()).toMatchObject({ enabled: false, intervalSeconds: 3600 });
    });
  });
