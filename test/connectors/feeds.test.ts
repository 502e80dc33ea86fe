import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeedPoller } from '../../src/connectors/feeds/poll-feed-job.js';
import { createFeedScheduler } from '../../src/connectors/feeds/scheduler.js';
import { createIngestService } from '../../src/pipeline/ingest.js';
import { createMemoryQueue, createScheduler } from '../../src/queue/index.js';
import type { JobQueue } from '../../src/queue/types.js';
import { createFeedSourceStore } from '../../src/store/feed-source-store.js';
import { createDatabase, createItemStore, type Database, migrate } from '../../src/store/index.js';
import { rssDoc, startFeedServer } from './feed-server.js';

const cp1254 = (s: string) => {
  // windows-1254 encoder for the Turkish letters used in the fixtures (ASCII passes through).
  const map: Record<string, number> = {
    ğ: 0xf0,
    Ğ: 0xd0,
    ı: 0xfd,
    İ: 0xdd,
    ş: 0xfe,
    Ş: 0xde,
    ç: 0xe7,
    Ç: 0xc7,
    ö: 0xf6,
    Ö: 0xd6,
    ü: 0xfc,
    Ü: 0xdc,
  };
  return Buffer.from([...s].map((ch) => map[ch] ?? ch.charCodeAt(0)));
};
const bigFeed = rssDoc(
  Array.from({ length: 3000 }, (_, i) => ({
    guid: `buyuk-${i}`,
    link: `https://kuzey.example/haber/${i}`,
    title: `Mahalle duyurusu ${i}`,
    body: `<p>Belediye ${i} numaralı sokakta çalışma yapacağını açıkladı; su kesintisi iddiası doğrulanmadı.</p>`,
  })),
);

describe('feed polling against a local server', () => {
  let dir = '';
  let db: Database;
  let queue: JobQueue;
  let server: Awaited<ReturnType<typeof startFeedServer>>;
  let etagFeed = 'v1';
  const feedV = (v: string) =>
    rssDoc([
      {
        guid: 'k-1',
        link: 'https://kuzey.example/1',
        title: 'Barajda çatlak iddiası',
        body: '<p>DSİ: iddia asılsız.</p>',
      },
      ...(v === 'v2'
        ? [{ guid: 'k-2', title: 'Okullar tatil mi?', body: 'Valilikten açıklama bekleniyor.' }]
        : []),
    ]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kopru-feeds-'));
    server = await startFeedServer({
      '/etag': (req, res) => {
        if (req.headers['if-none-match'] === `"${etagFeed}"`) return void res.writeHead(304).end();
        res.writeHead(200, {
          'content-type': 'application/rss+xml',
          etag: `"${etagFeed}"`,
          'last-modified': 'Wed, 10 Apr 2024 08:00:00 GMT',
        });
        res.end(feedV(etagFeed));
      },
      '/malformed': (_q, res) =>
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<rss><channel><item><title>Yarım'),
      '/slow': () => undefined,
      '/error': (_q, res) => res.writeHead(503).end('bakımda'),
      '/big': (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bigFeed),
      '/dups': (_q, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssDoc([
            { guid: 'ayni', title: 'Aynı haber', body: 'ilk kopya' },
            { guid: 'ayni', title: 'Aynı haber', body: 'ikinci kopya' },
            { link: 'https://kuzey.example/x', title: 'Bağlantılı', body: 'a' },
            { link: 'https://kuzey.example/x', title: 'Bağlantılı', body: 'b' },
          ]),
        ),
      '/cp1254-mislabelled': (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
          .end(
            cp1254(
              rssDoc(
                [{ guid: 'e1', title: 'Şırnak’ta güneş tutulması', body: 'Işık ölçümü yapıldı' }],
                'utf-8',
              ).replace('’', "'"),
            ),
          ),
      '/cp1254-prolog': (_q, res) =>
        res
          .writeHead(200, { 'content-type': 'application/xml' })
          .end(
            cp1254(
              rssDoc(
                [{ guid: 'e2', title: 'Çiğdem Öğretmen ödül aldı', body: 'İlçe şenliği' }],
                'ISO-8859-9',
              ),
            ),
          ),
    });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  beforeEach(async () => {
    db = await createDatabase({ dataDir: join(dir, `db${n++}`) });
    await migrate(db);
    queue = createMemoryQueue();
    return async () => {
      await queue.close(1000);
      await db.close();
    };
  });

  const setup = (timeoutMs = 5000, maxBytes?: number) => {
    const sources = createFeedSourceStore(db);
    const items = createItemStore(db);
    const ingest = createIngestService({ items, queue });
    const poller = createFeedPoller({ sources, ingest, fetch: { timeoutMs, maxBytes } });
    const add = async (path: string, suffix = '') => {
      const s = await sources.create({
        name: `kaynak${path.replace(/\W/g, '-')}${suffix}`,
        url: server.url(path),
        intervalSeconds: 60,
      });
      return {
        s,
        run: async () => poller.poll({ sourceId: s.id, due: (await sources.get(s.id))!.nextRunAt }),
      };
    };
    return { sources, items, add };
  };

  it('sends validators back and treats 304 as success with nothing new; a changed feed adds only new items', async () => {
    const { sources, add } = setup();
    const { s, run } = await add('/etag');
    expect(await run()).toMatchObject({ status: 'ok', accepted: 1 });
    expect(await run()).toMatchObject({ status: 'not-modified', accepted: 0 });
    expect(server.hits['/etag']!.at(-1)).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 10 Apr 2024 08:00:00 GMT',
    });
    etagFeed = 'v2';
    expect(await run()).toMatchObject({ status: 'ok', accepted: 1, duplicates: 1 });
    const after = (await sources.get(s.id))!;
    expect(after).toMatchObject({
      etag: '"v2"',
      itemsFetched: 2,
      failures: 0,
      lastError: null,
      lastStatus: 'ok',
    });
    expect(Date.parse(after.nextRunAt!)).toBeGreaterThan(Date.now());
  });

  it('records malformed XML, HTTP errors and timeouts as failures with growing backoff, without throwing', async () => {
    const { sources, add } = setup(300);
    for (const path of ['/malformed', '/error', '/slow']) {
      const { s, run } = await add(path);
      expect(await run()).toMatchObject({ status: 'error' });
      const first = (await sources.get(s.id))!;
      const gap1 = Date.parse(first.nextRunAt!) - Date.parse(first.lastRunAt!);
      await run();
      const second = (await sources.get(s.id))!;
      const gap2 = Date.parse(second.nextRunAt!) - Date.parse(second.lastRunAt!);
      expect(second.failures).toBe(2);
      expect(gap2).toBeGreaterThan(gap1);
      expect(second.lastError).toMatch(
        path === '/slow' ? /timed out/ : path === '/error' ? /HTTP 503/ : /not a readable feed/,
      );
    }
  });

  it('dedupes repeated GUIDs and links within and across polls', async () => {
    const { items, add } = setup();
    const { run } = await add('/dups');
    expect(await run()).toMatchObject({ accepted: 2, duplicates: 2 });
    expect(await run()).toMatchObject({ accepted: 0, duplicates: 4 });
    expect((await items.countByStage()).received).toBe(2);
  });

  it('decodes windows-1254 bodies that are mislabelled or declared only in the prolog', async () => {
    const { items, add } = setup();
    await (await add('/cp1254-mislabelled')).run();
    await (await add('/cp1254-prolog')).run();
    const { rows } = await db.query<{ text: string }>('SELECT text FROM items ORDER BY text');
    expect(rows.map((r) => r.text)).toEqual([
      'Çiğdem Öğretmen ödül aldı\n\nİlçe şenliği',
      "Şırnak'ta güneş tutulması\n\nIşık ölçümü yapıldı",
    ]);
    expect((await items.countByStage()).received).toBe(2);
  });

  it('ingests a very large feed, and refuses one over the size limit', async () => {
    const { sources, add } = setup(30_000);
    expect(await (await add('/big')).run()).toMatchObject({ status: 'ok', accepted: 3000 });
    const capped = setup(30_000, 64 * 1024);
    const { s, run } = await capped.add('/big', '-capped');
    await run();
    expect((await sources.get(s.id))!.lastError).toMatch(/larger than 65536 bytes/);
  });

  it('the scheduler enqueues due feeds once per planned run and skips disabled ones', async () => {
    const { sources, add } = setup();
    const { s } = await add('/etag');
    const off = await sources.create({ name: 'kapali', url: server.url('/etag') });
    await sources.update(off.id, { enabled: false });
    const seen: string[] = [];
    const poller = createFeedPoller({
      sources,
      ingest: createIngestService({ items: createItemStore(db), queue }),
    });
    queue.process(
      {
        name: 'poll-feed',
        schema: (await import('../../src/connectors/feeds/poll-feed-job.js')).pollFeedPayloadSchema,
      },
      async (p) => {
        seen.push(p.sourceId);
        await poller.handler(p, { id: 'x', attempt: 1 });
      },
    );
    const scheduler = createFeedScheduler({ sources, queue, tickMs: 5000 });
    expect(await scheduler.tick()).toBe(1);
    await scheduler.tick();
    const deadline = Date.now() + 10_000;
    while (!(await sources.get(s.id))!.lastStatus && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([s.id]);
    expect(await scheduler.tick()).toBe(0);
  });

  it('its task ticks through the one scheduler now and then every interval, and stops with it', async () => {
    const q = createMemoryQueue();
    let ticks = 0;
    const feeds = createFeedScheduler({
      sources: {
        due: async () => {
          ticks++;
          return [];
        },
      },
      queue: q,
      tickMs: 100,
    });
    expect(feeds.task).toMatchObject({ name: 'feed-tick', everyMs: 100 });
    const scheduler = createScheduler({ queue: q });
    scheduler.every(feeds.task);
    await scheduler.start();
    const deadline = Date.now() + 10_000;
    while (ticks < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(ticks).toBeGreaterThanOrEqual(3);
    await scheduler.stop();
    await q.close();
    const after = ticks;
    await new Promise((r) => setTimeout(r, 300));
    expect(ticks).toBe(after);
  });
});
