import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestService } from '../../src/pipeline/ingest.js';
import type { Database } from '../../src/store/index.js';
import { freshDb, ingestApi, ingestOver } from './harness.js';

type ErrorBody = { error: { code: string; message: string } };
const line = (i: number) => JSON.stringify({ source: 'yük', text: `kayıt ${i}`, externalId: `y-${i}` });
const body = (from: number, n: number) =>
  JSON.stringify(Array.from({ length: n }, (_, i) => JSON.parse(line(from + i)) as unknown));

describe('ingest load shedding', () => {
  let env: { db: Database; dispose: () => Promise<void> };
  let h: ReturnType<typeof ingestOver>;
  beforeAll(async () => {
    env = (await freshDb('pglite'))!;
    h = ingestOver(env.db);
  });
  afterAll(() => env.dispose());

  it('answers 503 with Retry-After once the backlog of unsearchable items reaches the limit, storing nothing', async () => {
    const shedReasons: string[] = [];
    const api = ingestApi(h.ingest, {
      shed: {
        maxInFlight: 0,
        maxBacklog: 5,
        maxRssBytes: 0,
        retryAfterSeconds: 42,
        backlog: (cap) => h.items.countBacklog(cap),
        backlogCacheMs: 0,
        onShed: (r) => shedReasons.push(r),
      },
    });
    expect((await api.post('/posts', body(0, 5))).status).toBe(200);
    const before = await h.counts();
    const res = await api.post('/posts', body(5, 3));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('42');
    expect(((await res.json()) as ErrorBody).error.code).toBe('ingest_backlog_full');
    expect(await api.post('/applications', JSON.stringify([{ type: 'talep', text: 'x' }]))).toHaveProperty(
      'status',
      503,
    );
    expect(await h.counts()).toEqual(before);
    expect(shedReasons).toEqual(['backlog', 'backlog']);
    // Once the pipeline catches up, ingest is taken again.
    await env.db.query("UPDATE items SET stage = 'indexed'");
    const again = await api.post('/posts', body(5, 3));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { accepted: number }).accepted).toBe(3);
  });

  it('counts the backlog only up to the limit and reuses one count within its cache time', async () => {
    await env.db.query("UPDATE items SET stage = 'received'");
    expect(await h.items.countBacklog(2)).toBe(2);
    let counts = 0;
    let clock = 0;
    const api = ingestApi(h.ingest, {
      shed: {
        maxInFlight: 0,
        maxBacklog: 1_000_000,
        maxRssBytes: 0,
        retryAfterSeconds: 1,
        backlog: async (cap) => {
          counts++;
          return h.items.countBacklog(cap);
        },
        backlogCacheMs: 1000,
        now: () => clock,
      },
    });
    for (let i = 0; i < 3; i++) expect((await api.post('/posts', body(100 + i, 1))).status).toBe(200);
    expect(counts).toBe(1);
    clock = 1000;
    expect((await api.post('/posts', body(200, 1))).status).toBe(200);
    expect(counts).toBe(2);
  });

  it('adds what it stored since the last count to the backlog, so a burst cannot overshoot between counts', async () => {
    await env.db.query("UPDATE items SET stage = 'indexed'");
    const api = ingestApi(h.ingest, {
      shed: {
        maxInFlight: 0,
        maxBacklog: 4,
        maxRssBytes: 0,
        retryAfterSeconds: 5,
        backlog: (cap) => h.items.countBacklog(cap),
        backlogCacheMs: 3_600_000,
        now: () => 0,
      },
    });
    expect((await api.post('/posts', body(500, 3))).status).toBe(200);
    expect((await api.post('/posts', body(503, 1))).status).toBe(200);
    expect((await api.post('/posts', body(504, 1))).status).toBe(503);
  });

  it('answers 429 with Retry-After beyond the in-flight limit, and takes requests again when one finishes', async () => {
    const entered: (() => void)[] = [];
    const release: (() => void)[] = [];
    let calls = 0;
    const slow: Pick<IngestService, 'ingest'> = {
      ingest: async (...args) => {
        calls++;
        await new Promise<void>((r) => {
          release.push(r);
          entered.shift()?.();
        });
        return h.ingest.ingest(...args);
      },
    };
    const api = ingestApi(slow, {
      shed: { maxInFlight: 2, maxBacklog: 0, maxRssBytes: 0, retryAfterSeconds: 30, backlog: async () => 0 },
    });
    const inside = () => new Promise<void>((r) => entered.push(r));
    const arrived = [inside(), inside()];
    const first = api.post('/posts', body(300, 1));
    const second = api.post('/posts', body(301, 1));
    await Promise.all(arrived);
    const before = await h.counts();
    const third = await api.post('/posts', body(302, 1));
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(((await third.json()) as ErrorBody).error.code).toBe('ingest_busy');
    expect(calls).toBe(2);
    expect(await h.counts()).toEqual(before);
    for (const r of release.splice(0)) r();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const fourth = api.post('/posts', body(303, 1));
    await new Promise<void>((r) => {
      entered.push(r);
    });
    for (const r of release.splice(0)) r();
    expect((await fourth).status).toBe(200);
  });

  it('answers 503 while the process is above its memory limit', async () => {
    let rss = 900 * 1024 * 1024;
    const api = ingestApi(h.ingest, {
      shed: {
        maxInFlight: 0,
        maxBacklog: 0,
        maxRssBytes: 512 * 1024 * 1024,
        retryAfterSeconds: 15,
        backlog: async () => 0,
        rss: () => rss,
      },
    });
    const res = await api.post('/posts', body(400, 1));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('15');
    expect(((await res.json()) as ErrorBody).error.code).toBe('ingest_overloaded');
    rss = 100 * 1024 * 1024;
    expect((await api.post('/posts', body(401, 1))).status).toBe(200);
  });
});

describe('ingest bodies are read as a stream', () => {
  let env: { db: Database; dispose: () => Promise<void> };
  let h: ReturnType<typeof ingestOver>;
  beforeAll(async () => {
    env = (await freshDb('pglite'))!;
    h = ingestOver(env.db);
  });
  afterAll(() => env.dispose());

  /** A body of `lines` NDJSON lines that never ends: reading it whole would hang. */
  const endless = (lines: number, onPull: () => void) => {
    const enc = new TextEncoder();
    let i = 0;
    return new ReadableStream<Uint8Array>({
      pull(ctl) {
        onPull();
        if (i < lines) ctl.enqueue(enc.encode(`${line(1000 + i++)}\n`));
        else ctl.enqueue(enc.encode(' '.repeat(1024)));
      },
    });
  };

  it('refuses an NDJSON body at the first record beyond the limit, without reading the rest', async () => {
    const api = ingestApi(h.ingest, { maxRecords: 10 });
    let pulls = 0;
    const before = await h.counts();
    const res = await api.post(
      '/posts',
      endless(11, () => pulls++),
      'application/x-ndjson',
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('too_many_records');
    expect(pulls).toBeLessThan(20);
    expect(await h.counts()).toEqual(before);
  });

  it('refuses a body without Content-Length as soon as it passes the byte limit', async () => {
    const api = ingestApi(h.ingest, { maxBodyBytes: 64 * 1024 });
    let pulls = 0;
    const res = await api.post(
      '/posts',
      endless(0, () => pulls++),
      'application/x-ndjson',
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error.code).toBe('payload_too_large');
    expect(pulls).toBeLessThan(80);
  });

  it('decodes UTF-8 split across chunks, drops a byte-order mark, and keeps NDJSON indexes', async () => {
    const api = ingestApi(h.ingest);
    const bytes = new TextEncoder().encode(
      `\ufeff${JSON.stringify({ source: 'akış', text: 'çğışöü İĞŞ 😀 bir' })}\n{bozuk\n\n${JSON.stringify({ source: 'akış', text: 'iki' })}`,
    );
    // One byte per chunk: every multi-byte character is split.
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (at < bytes.length) ctl.enqueue(bytes.subarray(at, ++at));
        else ctl.close();
      },
    });
    const res = await api.post('/posts', stream, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const out = (await res.json()) as { accepted: number; rejected: { index: number }[] };
    expect(out.accepted).toBe(2);
    expect(out.rejected.map((r) => r.index)).toEqual([1]);
    const { rows } = await env.db.query<{ text: string }>(
      "SELECT text FROM items WHERE source = 'akış' ORDER BY text",
    );
    expect(rows.map((r) => r.text)).toEqual(['iki', 'çğışöü İĞŞ 😀 bir']);
  });

  it('refuses invalid UTF-8 in a streamed body with 400', async () => {
    const api = ingestApi(h.ingest);
    const res = await api.post(
      '/posts',
      new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
      'application/x-ndjson',
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_encoding');
  });
});
