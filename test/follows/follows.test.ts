import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { Hono } from 'hono';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PublishedResponse, publishedResponseSchema } from '../../src/domain/published-response.js';
import { createPersonalFeedRoutes } from '../../src/features/follows/feed-routes.js';
import {
  createWebhookDeliverer,
  requeueStaleDeliveries,
} from '../../src/features/follows/webhook-delivery-job.js';
import { postWebhook } from '../../src/features/follows/webhook-post.js';
import { createFollowStore } from '../../src/store/follow-store.js';
import { newId } from '../../src/store/ids.js';
import { createErrorHandler } from '../../src/web/errors.js';
import { rateLimitPerMinute } from '../../src/web/middleware/rate-limit.js';
import { eventually } from '../helpers/app.js';
import { type BrowserHarness, startBrowser } from '../helpers/browser.js';
import { client, createUiFixture, type UiFixture } from '../web/fixture.js';
import { receiverVerifies, startReceiver } from './receiver.js';

let f: UiFixture;
let rx: Awaited<ReturnType<typeof startReceiver>>;
let journalist: ReturnType<typeof client>;
let secret = '';
let seq = 0;

/** A published response as the publication service emits it. */
function doc(topics: string[], province: string | null, title = `Yanıt ${++seq}`): PublishedResponse {
  const id = newId();
  const at = 1_750_000_000 + seq * 60;
  return publishedResponseSchema.parse({
    id,
    title,
    claimReviewed: 'Baraj patladı iddiası',
    verdict: 'false',
    summary: `Özet ${title}`,
    body: 'Baraj **sağlam**.',
    topics,
    province,
    publishedAt: at,
    publishedAtIso: new Date(at * 1000).toISOString(),
    url: `/responses/${id}`,
    lang: 'tr',
  });
}

const deliveriesOf = async (responseId: string) =>
  (
    await f.app.db.query<{ status: string; attempts: number; event: string }>(
      'SELECT status, attempts, event FROM webhook_deliveries WHERE response_id = $1 ORDER BY created_at',
      [responseId],
    )
  ).rows;
const bodiesFor = (responseId: string) =>
  rx.received
    .map((r) => ({ r, body: JSON.parse(r.body) as Record<string, unknown> }))
    .filter((x) => (x.body.response as PublishedResponse).id === responseId);

beforeAll(async () => {
  f = await createUiFixture();
  rx = await startReceiver();
  journalist = client(f);
  await journalist.login('journalist');
}, 180_000);
afterAll(async () => {
  await rx?.close();
  await f?.dispose();
});

describe('follows page: authorization and CSRF', () => {
  it('sends anonymous visitors to the login page', async () => {
    const res = await client(f).request('/account/follows');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/login?next=%2Faccount%2Ffollows');
  });

  it.each(['staff', 'supervisor', 'admin'])('refuses %s with 403', async (role) => {
    const c = client(f);
    await c.login(role);
    expect((await c.request('/account/follows')).status).toBe(403);
    expect((await c.post('/account/follows', { province: 'İzmir' })).status).toBe(403);
    expect((await c.request('/feeds/personal/x.atom')).status).toBe(404);
  });

  it('shows the page to a journalist in both languages, with the nav entry', async () => {
    const tr = await (await journalist.request('/account/follows')).text();
    expect(tr).toContain('<h1>Takip ettiklerim</h1>');
    expect(tr).toContain('href="/account/follows" aria-current="page"');
    expect(tr.match(/name="province"/g)).toHaveLength(81);
    const en = await (await journalist.request('/account/follows?lang=en')).text();
    expect(en).toContain('<h1>What I follow</h1>');
    await journalist.request('/account/follows?lang=tr');
  });

  it('documents the personal feed and both webhook events in the OpenAPI document', async () => {
    const doc = (await (await f.app.web.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      webhooks: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/feeds/personal/{token}.atom', '/feeds/personal/{token}.rss']),
    );
    // Other features document their own webhooks (alerts: `alert.raised`) beside these two.
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(['response.published', 'response.corrected']),
    );
  });

  it('refuses a POST without the CSRF token', async () => {
    const body = new URLSearchParams({ province: 'İzmir' });
    const res = await journalist.request('/account/follows', { method: 'POST', body });
    expect(res.status).toBe(403);
    const wrong = new URLSearchParams({ province: 'İzmir', _csrf: 'nope' });
    expect((await journalist.request('/account/follows', { method: 'POST', body: wrong })).status).toBe(403);
    expect((await f.app.db.query('SELECT 1 FROM follow_settings')).rowCount).toBe(0);
  });

  it('answers bad input with 400 and the error linked to its field, keeping what was saved', async () => {
    const bad = await journalist.post('/account/follows', { topicsOther: 'sağlık, <script>' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="topics-other-hint topics-other-err"');
    expect(html).toContain('id="topics-other-err"');
    const province = await journalist.post('/account/follows', { province: 'Atlantis' });
    expect(province.status).toBe(400);
    expect(await province.text()).toContain('id="province-err"');
    const url = await journalist.post('/account/follows/webhook', { url: 'ftp://example.org/x' });
    expect(url.status).toBe(400);
    expect(await url.text()).toContain('aria-describedby="wh-url-err"');
    expect((await f.app.db.query('SELECT 1 FROM follow_settings')).rowCount).toBe(0);
  });
});

describe('webhook deliveries', () => {
  it('saves follows and a webhook, shows the secret once and audits without secrets', async () => {
    const saved = await journalist.post('/account/follows', {
      topic: [],
      topicsOther: 'sağlık, Deprem',
      province: ['İzmir'],
    });
    expect(saved.status).toBe(303);
    const hook = await journalist.post('/account/follows/webhook', { url: rx.url });
    expect(hook.status).toBe(200);
    const html = await hook.text();
    secret = /id="wh-secret"[^>]*value="(whsec_[^"]+)"/.exec(html)?.[1] ?? '';
    expect(secret).toMatch(/^whsec_/);
    const again = await (await journalist.request('/account/follows')).text();
    expect(again).not.toContain(secret);
    expect(again).toContain('>sağlık, Deprem</textarea>');
    const audit = await f.app.stores.audit.list({ actor: 'journalist@test.local' });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['follows.update', 'follows.webhook.set']),
    );
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('delivers a matching publication, signed, with only the published fields', async () => {
    const r = { ...doc(['Sağlık'], 'Bursa'), internalNote: 'do not leak' } as PublishedResponse;
    await f.app.events.emit('response.published', { response: r });
    await eventually('delivered', async () => bodiesFor(r.id).length === 1, 30_000);
    const [{ r: req, body }] = bodiesFor(r.id) as [
      { r: (typeof rx.received)[0]; body: Record<string, unknown> },
    ];
    expect(receiverVerifies(secret, req)).toBe(true);
    expect(receiverVerifies('whsec_wrong', req)).toBe(false);
    expect(req.headers['x-kopru-event']).toBe('response.published');
    expect(req.headers['x-kopru-delivery']).toBe(body.id);
    expect(body.event).toBe('response.published');
    expect(typeof body.occurredAt).toBe('string');
    expect(body.note).toBeUndefined();
    const { internalNote: _, ...published } = r as PublishedResponse & { internalNote: string };
    expect(body.response).toEqual(published);
    await eventually('recorded', async () => (await deliveriesOf(r.id))[0]?.status === 'delivered');
  });

  it('does not deliver a publication that matches nothing followed', async () => {
    const r = doc(['spor'], 'Ankara');
    await f.app.events.emit('response.published', { response: r });
    expect(await deliveriesOf(r.id)).toEqual([]);
    // A later matching one arrives; the non-matching one never did.
    const m = doc(['eğitim'], 'İzmir');
    await f.app.events.emit('response.published', { response: m });
    await eventually('later one delivered', async () => bodiesFor(m.id).length === 1, 30_000);
    expect(bodiesFor(r.id)).toEqual([]);
  });

  it('retries a 500 answer with the same delivery id, then records the delivery', async () => {
    rx.answer(500);
    const r = doc(['deprem'], null);
    await f.app.events.emit('response.published', { response: r });
    await eventually(
      'retried and delivered',
      async () => (await deliveriesOf(r.id))[0]?.status === 'delivered',
    );
    const got = bodiesFor(r.id);
    expect(got.map((g) => g.r.status)).toEqual([500, 200]);
    expect(got[0]!.r.headers['x-kopru-delivery']).toBe(got[1]!.r.headers['x-kopru-delivery']);
    expect(got[0]!.r.body).toBe(got[1]!.r.body);
    expect(got.every((g) => receiverVerifies(secret, g.r))).toBe(true);
    expect((await deliveriesOf(r.id))[0]!.attempts).toBe(2);
    const page = await (await journalist.request('/account/follows')).text();
    expect(page).toContain('Teslim edildi');
    expect(page).toContain(`href="/responses/${r.id}"`);
  });

  it('sends a correction with its note, also to recipients who no longer follow the topic; a repeated event is sent once', async () => {
    const r = doc(['sağlık'], null, 'Düzeltilecek yanıt');
    await f.app.events.emit('response.published', { response: r });
    await eventually('original delivered', async () => bodiesFor(r.id).length === 1, 30_000);
    expect((await journalist.post('/account/follows', { topicsOther: 'ekonomi' })).status).toBe(303);
    const corrected = { ...r, summary: 'Düzeltilmiş özet' };
    await f.app.events.emit('response.corrected', { response: corrected, note: 'Tarih düzeltildi.' });
    await f.app.events.emit('response.corrected', { response: corrected, note: 'Tarih düzeltildi.' });
    await eventually('correction delivered', async () => bodiesFor(r.id).length === 2, 30_000);
    const c = bodiesFor(r.id)[1]!;
    expect(c.r.headers['x-kopru-event']).toBe('response.corrected');
    expect(c.body.note).toBe('Tarih düzeltildi.');
    expect((c.body.response as PublishedResponse).summary).toBe('Düzeltilmiş özet');
    expect(receiverVerifies(secret, c.r)).toBe(true);
    expect((await deliveriesOf(r.id)).map((d) => d.event)).toEqual([
      'response.published',
      'response.corrected',
    ]);
    // Someone who never got the original and does not follow it gets no correction.
    const other = doc(['spor'], null);
    await f.app.events.emit('response.corrected', { response: other, note: 'x' });
    expect(await deliveriesOf(other.id)).toEqual([]);
  });

  it('gives up after the last attempt, and the sweep re-enqueues a delivery whose job was lost', async () => {
    const store = createFollowStore(f.app.db);
    const userId = f.users.journalist!.id;
    const newDelivery = async (key: string) =>
      (
        await store.createDeliveries([
          { userId, event: 'response.published', responseId: key, dedupeKey: key, payload: (id) => ({ id }) },
        ])
      )[0]!;
    const deliverer = createWebhookDeliverer({
      follows: store,
      timeoutMs: 2000,
      allowPrivate: true,
      maxAttempts: 2,
    });
    rx.answer(503, 503);
    const id = await newDelivery('give-up');
    expect(await deliverer.deliver(id)).toBe('retry');
    expect(await deliverer.deliver(id)).toBe('failed');
    expect(await store.delivery(id)).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 503 });

    const lost = await newDelivery('lost-job');
    await f.app.db.query(
      "UPDATE webhook_deliveries SET updated_at = now() - interval '1 hour' WHERE id = $1",
      [lost],
    );
    expect(await requeueStaleDeliveries({ follows: store, queue: f.app.queue })).toBe(1);
    await eventually(
      'lost job delivered',
      async () => (await store.delivery(lost))?.status === 'delivered',
      30_000,
    );
    expect(await requeueStaleDeliveries({ follows: store, queue: f.app.queue })).toBe(0);
  });

  it('refuses loopback and private targets when WEBHOOK_ALLOW_PRIVATE is false, at delivery time too', async () => {
    const store = createFollowStore(f.app.db);
    const userId = f.users.journalist!.id;
    const deliverer = createWebhookDeliverer({ follows: store, timeoutMs: 2000, allowPrivate: false });
    const before = rx.received.length;
    for (const url of [`https://127.0.0.1:${rx.port}/hook`, `https://localhost:${rx.port}/hook`, rx.url]) {
      await store.setWebhook(userId, url);
      const [id] = await store.createDeliveries([
        {
          userId,
          event: 'response.published',
          responseId: `private-${url}`,
          dedupeKey: `private-${url}`,
          payload: (id) => ({ id }),
        },
      ]);
      expect(await deliverer.deliver(id!)).toBe('failed');
      const d = await store.delivery(id!);
      expect(d?.status).toBe('failed');
      expect(d?.lastError).toMatch(/private|https/);
    }
    expect(rx.received.length).toBe(before);
    // The check is made on each connection (no pooled socket), after DNS: a name that resolves to loopback is refused.
    const byName = new URL(`http://localhost:${rx.port}/hook`);
    expect(await postWebhook(byName, '{}', {}, { timeoutMs: 2000, allowPrivate: true })).toEqual({
      ok: true,
      status: 200,
    });
    expect(await postWebhook(byName, '{}', {}, { timeoutMs: 2000, allowPrivate: false })).toMatchObject({
      ok: false,
      permanent: true,
      error: expect.stringMatching(/private address/),
    });
    expect(rx.received.length).toBe(before + 1);
    await store.setWebhook(userId, rx.url);
  });
});

describe('personal feed', () => {
  const published: PublishedResponse[] = [];
  let atom = '';
  let rss = '';
  const path = (u: string) => u.slice(f.app.config.PUBLIC_BASE_URL.length);

  beforeAll(async () => {
    published.push(
      doc(['sağlık'], 'Bursa'),
      doc(['spor'], 'İzmir'),
      doc(['ekonomi'], null),
      doc(['spor'], null),
    );
    await f.app.search.upsert('responses', published);
    expect(
      (await journalist.post('/account/follows', { topic: ['sağlık'], province: ['İzmir'] })).status,
    ).toBe(303);
    const html = await (await journalist.post('/account/follows/feed')).text();
    atom = /id="feed-atom"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';
    rss = /id="feed-rss"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';
  });

  it('lists only the followed responses, newest first, with absolute links (Atom and RSS)', async () => {
    expect(atom).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/feeds\/personal\/[\w-]{43}\.atom$/);
    const a = await client(f).request(path(atom));
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toContain('application/atom+xml');
    const feed = parseAtomFeed(await a.text());
    const base = f.app.config.PUBLIC_BASE_URL;
    expect(feed.entries?.map((e) => e.links?.[0]?.href)).toEqual([
      `${base}${published[1]!.url}`,
      `${base}${published[0]!.url}`,
    ]);
    expect(feed.entries?.[1]?.title?.value).toBe(published[0]!.title);
    const r = await client(f).request(path(rss));
    expect(r.headers.get('content-type')).toContain('application/rss+xml');
    const channel = parseRssFeed(await r.text());
    expect(channel.items?.map((i) => i.link)).toEqual([
      `${base}${published[1]!.url}`,
      `${base}${published[0]!.url}`,
    ]);
    expect(channel.items?.[0]?.description).toBe(published[1]!.summary);
  });

  it('is empty when nothing is followed', async () => {
    expect((await journalist.post('/account/follows', {})).status).toBe(303);
    const feed = parseAtomFeed(await (await client(f).request(path(atom))).text());
    expect(feed.entries ?? []).toEqual([]);
    await journalist.post('/account/follows', { topic: ['sağlık'], province: ['İzmir'] });
  });

  it('limits requests per client (429 with Retry-After)', async () => {
    const app = new Hono();
    app.onError(createErrorHandler({ error: () => undefined, warn: () => undefined }));
    app.route(
      '/',
      createPersonalFeedRoutes({
        follows: createFollowStore(f.app.db),
        search: f.app.search,
        rateLimit: rateLimitPerMinute({ perMinute: 2 }),
        config: f.app.config,
      }),
    );
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request(path(atom))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await app.request(path(atom));
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('names tag families by their label, never their code: the follows page, and Atom and RSS categories in the response language', async () => {
    const tr = doc(['disaster_rumour', 'urgency'], 'Bursa');
    const en = publishedResponseSchema.parse({ ...doc(['health_rumour'], null), lang: 'en' });
    await f.app.search.upsert('responses', [tr, en]);
    expect(
      (await journalist.post('/account/follows', { topic: ['disaster_rumour', 'health_rumour'] })).status,
    ).toBe(303);
    const page = await (await journalist.request('/account/follows?lang=tr')).text();
    expect(page).toContain('>Afet söylentisi</label>');
    // A followed family is a checked box by its label, also when no published response carries it.
    expect(page).toContain('>Sağlık söylentisi</label>');
    expect(page).toMatch(/value="health_rumour" checked=""/);
    expect(page).toMatch(/<textarea id="topics-other"[^>]*><\/textarea>/);
    const visible = page.replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/disaster_rumour|health_rumour|urgency/);
    expect(await (await journalist.request('/account/follows?lang=en')).text()).toContain(
      '>Disaster rumour</label>',
    );
    await journalist.request('/account/follows?lang=tr');

    const atomFeed = parseAtomFeed(await (await client(f).request(path(atom))).text());
    const categories = (id: string) =>
      atomFeed.entries
        ?.find((e) => e.links?.[0]?.href?.endsWith(id))
        ?.categories?.map((c) => [c.term, c.label]);
    expect(categories(tr.id)).toEqual([
      ['disaster_rumour', 'Afet söylentisi'],
      ['urgency', 'Aciliyet / silinmeden paylaş'],
      ['Bursa', undefined],
    ]);
    expect(categories(en.id)).toEqual([['health_rumour', 'Health rumour']]);
    const channel = parseRssFeed(await (await client(f).request(path(rss))).text());
    const names = (id: string) =>
      channel.items?.find((i) => i.link?.endsWith(id))?.categories?.map((c) => c.name);
    expect(names(tr.id)).toEqual(['Afet söylentisi', 'Aciliyet / silinmeden paylaş', 'Bursa']);
    expect(names(en.id)).toEqual(['Health rumour']);
    await journalist.post('/account/follows', { topic: ['sağlık'], province: ['İzmir'] });
  });

  it('answers 404 for an unknown token, a rotated token and a disabled account', async () => {
    const anon = client(f);
    expect((await anon.request(`/feeds/personal/${'A'.repeat(43)}.atom`)).status).toBe(404);
    expect((await anon.request('/feeds/personal/short.rss')).status).toBe(404);
    const html = await (await journalist.post('/account/follows/feed')).text();
    const fresh = /id="feed-atom"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(fresh).not.toBe(atom);
    expect((await anon.request(path(atom))).status).toBe(404);
    expect((await anon.request(path(fresh))).status).toBe(200);
    await f.app.stores.users.update(f.users.journalist!.id, { disabled: true });
    expect((await anon.request(path(fresh))).status).toBe(404);
    await f.app.stores.users.update(f.users.journalist!.id, { disabled: false });
    expect((await anon.request(path(fresh))).status).toBe(200);
  });
});

describe('follows page in Chromium (axe-core, WCAG 2.1 AA)', () => {
  let h: BrowserHarness;
  let page: Page;

  beforeAll(async () => {
    h = await startBrowser(f.app);
    page = await h.session('journalist', { loginPath: '/login?lang=tr' });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it.each(['tr', 'en'])(
    'has no violations in %s, with deliveries, the secret shown once and a form error',
    async (lang) => {
      await page.goto(`${h.base}/account/follows?lang=${lang}`);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('table caption').count()).toBe(1);
      expect(await h.axe(page)).toEqual([]);
      await page.locator('form[action="/account/follows/webhook/secret"] button').click();
      expect(await page.locator('#wh-secret').inputValue()).toMatch(/^whsec_/);
      expect(await h.axe(page)).toEqual([]);
      await page.locator('#topics-other').fill('<geçersiz>');
      await page.locator('form.follows-form button[type=submit]').click();
      expect(await page.locator('#topics-other').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('[role=alert]').count()).toBe(1);
      expect(await h.axe(page)).toEqual([]);
    },
  );
});
