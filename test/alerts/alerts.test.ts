import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../src/features/follows/webhook-signature.js';
import { eventually } from '../helpers/app.js';
import { startBrowser } from '../helpers/browser.js';
import { client, createUiFixture, type UiFixture } from '../web/fixture.js';

const HOUR = 3_600_000;
// Whole hours, so the spike's start is known exactly; the week ends an hour ago.
const END = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const START = END - 7 * 24 * HOUR;
const SPIKE = START + 5 * 24 * HOUR + 14 * HOUR + 20 * 60_000;

const WORDS =
  'belediye yol su elektrik okul hastane park otobüs trafik pazar fiyat kira maaş sınav deprem yağmur kar rüzgar orman liman tren köprü tarla hasat süt ekmek et balık çay kahve müze kütüphane spor maç konser sergi festival kurs yurt burs gençlik emekli'.split(
    ' ',
  );

/** A deterministic pseudo-random generator, so the week is the same in every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
}

let f: UiFixture;
let receiver: Server;
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const SECRET = 'alert-secret-0123456789';
const runDetector = () => {
  const task = f.app.features.find((x) => x.name === 'alerts')!.tasks![0]!;
  return task.run() as Promise<{ keys: number; created: number; updated: number }>;
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as AddressInfo).port;
  // The scheduler's own runs are an hour apart: the test runs the detector itself.
  f = await createUiFixture({
    ALERT_TICK_MS: '3600000',
    ALERT_WEBHOOK_URL: `http://127.0.0.1:${port}/hook`,
    ALERT_WEBHOOK_SECRET: SECRET,
  });
  const r = rng(42);
  const posts: Record<string, unknown>[] = [];
  // A week of unrelated background posts, about two an hour, over many topics.
  for (let t = START; t < END; t += HOUR)
    for (let i = 0; i < 2; i++) {
      const words = Array.from({ length: 14 }, () => WORDS[Math.floor(r() * WORDS.length)]);
      posts.push({
        source: 'arsiv',
        externalId: `bg-${t}-${i}`,
        text: `${words.join(' ')} ${t % 9973}${i}`,
        publishedAt: new Date(t + Math.floor(r() * HOUR)).toISOString(),
        province: ['Ankara', 'İzmir', 'Bursa', 'Konya'][Math.floor(r() * 4)],
      });
    }
  // The planted spike: thirty copies of one rumour within ninety minutes, in one province.
  for (let i = 0; i < 30; i++)
    posts.push({
      source: 'arsiv',
      externalId: `spike-${i}`,
      text: `Baraj patladı, şehir sular altında kalacak, herkes paylaşsın ${i % 3 === 0 ? '!!' : ''}`,
      publishedAt: new Date(SPIKE + i * 3 * 60_000).toISOString(),
      province: 'İzmir',
    });
  await f.app.ingest.ingest('post', posts);
  await eventually(
    'history indexed',
    async () => (await f.app.search.search('items', { limit: 0 })).total >= posts.length + 4,
  );
}, 300_000);
afterAll(async () => {
  await f?.dispose();
  receiver?.close();
});

describe('surge alerts on imported history (occurrence time)', () => {
  it('raises the spike once per key, within the hour it starts, and nothing for the background', async () => {
    const first = await runDetector();
    expect(first.created).toBeGreaterThan(0);
    const alerts = await f.app.stores.alerts.list({ limit: 100 });
    const keys = alerts.map((a) => `${a.kind}:${a.province ?? '*'}`).sort();
    // The rumour's cluster and its claim, over all provinces and in İzmir; nothing else.
    expect(keys).toEqual(['claim:*', 'claim:İzmir', 'cluster:*', 'cluster:İzmir']);
    for (const a of alerts) {
      expect(Date.parse(a.detectedAt)).toBeGreaterThan(SPIKE);
      expect(Date.parse(a.detectedAt)).toBeLessThanOrEqual(SPIKE + HOUR);
      expect(a.endedAt).not.toBeNull();
    }
    // The rumour's claim: whichever known claim the matcher puts first with a confident score.
    const claimIds = (await f.app.stores.claims.list()).map((c) => c.id);
    expect(claimIds).toContain(alerts.find((a) => a.kind === 'claim')!.subject);
  });

  it('a second run, and a run after more items, raise no second alert for the same episode', async () => {
    expect((await runDetector()).created).toBe(0);
    await f.app.ingest.ingest('post', [
      {
        source: 'arsiv',
        externalId: 'late-1',
        text: 'Baraj patladı, şehir sular altında kalacak, herkes paylaşsın',
        publishedAt: new Date(SPIKE + 40 * 60_000).toISOString(),
        province: 'İzmir',
      },
    ]);
    await eventually(
      'late item tagged',
      async () => (await f.app.stores.items.countByStage()).received === 0,
    );
    expect((await runDetector()).created).toBe(0);
    expect(await f.app.stores.alerts.unacknowledgedCount()).toBe(4);
  });

  it('sends each new alert once to the signed webhook', async () => {
    await eventually('webhooks delivered', async () => received.length >= 4, 30_000);
    expect(received).toHaveLength(4);
    for (const r of received) {
      expect(r.headers['x-kopru-event']).toBe('alert.raised');
      const t = Number(/t=(\d+)/.exec(String(r.headers['x-kopru-signature']))![1]);
      expect(r.headers['x-kopru-signature']).toBe(signWebhook(SECRET, r.body, t));
      const body = JSON.parse(r.body) as { alert: { id: string } };
      expect(body.alert.id).toBe(r.headers['x-kopru-delivery']);
    }
    const list = await f.app.stores.alerts.list({ limit: 10 });
    expect(list.every((a) => a.webhookStatus === 'delivered')).toBe(true);
  });

  it('shows the alerts to staff, with a header count, and audits "mark as seen"', async () => {
    const staff = client(f);
    await staff.login('staff');
    const html = await (await staff.request('/alerts')).text();
    expect(html).toContain('Yükselenler');
    expect(html).toContain('şehir sular altında kalacak');
    expect(html).toContain('İddia: ');
    expect(html).toMatch(/Uyarılar<span class="count"> \(4\)/);
    const id = (await f.app.stores.alerts.list({ limit: 1 }))[0]!.id;
    expect((await staff.post(`/alerts/${id}/acknowledge`)).status).toBe(303);
    expect(await f.app.stores.alerts.unacknowledgedCount()).toBe(3);
    const audit = await f.app.stores.audit.list({});
    expect(audit.some((e) => e.action === 'alert.acknowledge' && e.targetId === id)).toBe(true);
    const en = await (await staff.request('/alerts?lang=en')).text();
    expect(en).toContain('Rising');
  });

  it("shows the alerts not yet seen on the supervisors' dashboard", async () => {
    const sup = client(f);
    await sup.login('supervisor');
    const html = await (await sup.request('/dashboard')).text();
    expect(html).toContain('<h2 id="rising-h">Yükselenler</h2>');
    expect(html).toContain('İddia: ');
    expect(html).toContain('/alerts?unseen=1');
  });

  it('GET /api/v1/alerts?since= with a read token', async () => {
    const { token } = await f.app.stores.tokens.create({ name: 'alerts', scopes: ['read'] });
    const get = (q: string) =>
      f.app.web.request(`http://127.0.0.1/api/v1/alerts${q}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const all = (await (await get('')).json()) as { alerts: { detectedAt: string }[] };
    expect(all.alerts).toHaveLength(4);
    const later = new Date(SPIKE + 2 * HOUR).toISOString();
    expect(((await (await get(`?since=${later}`)).json()) as { alerts: unknown[] }).alerts).toHaveLength(0);
    expect((await get('?since=yesterday')).status).toBe(400);
  });

  it('the digest page and its Atom feed list the rising claim', async () => {
    const staff = client(f);
    await staff.login('staff');
    const page = await (await staff.request('/digest')).text();
    expect(page).toContain('Sabah özeti');
    const res = await staff.post('/digest/token');
    const url = /\/feeds\/digest\/[A-Za-z0-9_-]{43}\.atom/.exec(await res.text())?.[0];
    expect(url).toBeDefined();
    const feed = await client(f).request(url!);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain('<entry>');
    expect(
      (await client(f).request('/feeds/digest/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.atom')).status,
    ).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the alerts, the exports and the alert webhook', async () => {
    const doc = (await (await f.app.web.request('http://127.0.0.1/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      webhooks?: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    for (const path of [
      '/api/v1/alerts',
      '/api/v1/exports/items.csv',
      '/api/v1/exports/items.json',
      '/api/v1/exports/claims/{id}/appearances.csv',
      '/api/v1/exports/claims/{id}/appearances.json',
    ])
      expect(Object.keys(doc.paths[path] ?? {}), path).toEqual(['get']);
    expect(Object.keys(doc.webhooks ?? {})).toContain('alert.raised');
    expect(Object.keys(doc.components.schemas.Alert?.properties ?? {})).toEqual(
      expect.arrayContaining(['kind', 'subject', 'province', 'detectedAt', 'peakCount', 'expected']),
    );
  });
});

describe('exports', () => {
  let token = '';
  const get = (path: string) =>
    f.app.web.request(`http://127.0.0.1/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  beforeAll(async () => {
    token = (await f.app.stores.tokens.create({ name: 'export', scopes: ['read'] })).token;
  });

  it('a search exports as JSON row for row, and as CSV with one line per hit', async () => {
    // Compare against a settled index: items of earlier tests may still be on their way to it.
    await eventually('pipeline idle', async () => {
      const { indexed, ...pending } = await f.app.stores.items.countByStage();
      return indexed > 0 && Object.values(pending).every((n) => n === 0);
    });
    const query = `q=baraj&filter=${encodeURIComponent('kind = post')}&sort=createdAt:desc`;
    const search = (await (await get(`/items?${query}&limit=1000`)).json()) as {
      hits: Record<string, unknown>[];
      total: number;
    };
    expect(search.total).toBeGreaterThan(20);
    const res = await get(`/exports/items.json?${query}`);
    expect(res.headers.get('content-disposition')).toContain('items.json');
    const exported = (await res.json()) as { rows: Record<string, unknown>[]; count: number };
    expect(exported.count).toBe(search.total);
    expect(exported.rows).toEqual(search.hits);
    const csv = await (await get(`/exports/items.csv?${query}`)).text();
    const ids = [...csv.matchAll(/^([0-9a-f-]{36}),/gm)].map((m) => m[1]);
    expect(ids).toEqual(search.hits.map((h) => h.id));
  });

  it("the queue's export links return exactly the queue's search", async () => {
    const staff = client(f);
    await staff.login('staff');
    const html = await (await staff.request('/queue?province=%C4%B0zmir&kind=post&sort=recent')).text();
    const total = Number(/data-total="(\d+)"/.exec(html)![1]);
    const href = /href="(\/api\/v1\/exports\/items\.json\?[^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&');
    const exported = (await (await staff.request(href)).json()) as {
      rows: { id: string; province: string }[];
    };
    expect(total).toBeGreaterThan(30);
    expect(exported.rows).toHaveLength(total);
    expect(exported.rows.every((r) => r.province === 'İzmir')).toBe(true);
    const shown = [...html.matchAll(/<li class="hit" data-id="([^"]+)"/g)].map((m) => m[1]);
    expect(exported.rows.slice(0, shown.length).map((r) => r.id)).toEqual(shown);
  });

  it('a whole-index export returns every item', async () => {
    const total = (await f.app.search.search('items', { limit: 0 })).total;
    expect(total).toBeGreaterThan(300);
    const exported = (await (await get('/exports/items.json?sort=createdAt:asc')).json()) as {
      rows: unknown[];
    };
    expect(exported.rows).toHaveLength(total);
  });

  it("a claim's appearances export the rumour's items", async () => {
    const claim = (await f.app.stores.alerts.list({ limit: 10 })).find((a) => a.kind === 'claim')!.subject;
    const exported = (await (await get(`/exports/claims/${claim}/appearances.json`)).json()) as {
      rows: { text: string }[];
    };
    expect(exported.rows.length).toBeGreaterThanOrEqual(30);
    expect(exported.rows.every((r) => r.text.includes('sular altında'))).toBe(true);
  });

  it('a bad filter is a 400 before anything is sent', async () => {
    expect((await get('/exports/items.csv?filter=nosuchfield%20%3D%201')).status).toBe(400);
    expect((await get('/exports/items.xml')).status).toBe(404);
  });
});

describe('alerts and digest pages in a browser', () => {
  it('are accessible and fit 1280 and 320 px wide screens', async () => {
    const b = await startBrowser(f.app);
    try {
      const page = await b.session('staff');
      for (const width of [1280, 320])
        for (const path of ['/alerts', '/digest', '/alerts?lang=en']) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${b.base}${path}`);
          if (process.env.SCREENSHOT_DIR)
            await page.screenshot({
              path: `${process.env.SCREENSHOT_DIR}/${path.replace(/\W+/g, '_')}-${width}.png`,
              fullPage: true,
            });
          expect(await b.axe(page), `${path} at ${width}`).toEqual([]);
          const overflow = await page.evaluate<number>(
            'document.documentElement.scrollWidth - window.innerWidth',
          );
          expect(overflow, `${path} at ${width}`).toBeLessThanOrEqual(0);
        }
    } finally {
      await b.close();
    }
  }, 120_000);
});
