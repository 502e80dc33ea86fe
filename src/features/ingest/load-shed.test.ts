import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLoadShedding } from './load-shed.js';

/**
 * A shed request is answered before its body is read; a client still uploading
 * must read that answer, not a reset connection. Over a real socket, because the
 * defect was in what happens to the connection (the Node adapter drains an unread
 * body for only 500 ms, then destroys the socket).
 */
describe('ingest load shedding over a real connection', () => {
  let server: ReturnType<typeof serve>;
  let base = '';
  let shedAll = true;
  let handled = 0;

  beforeAll(async () => {
    const shedding = ingestLoadShedding({
      maxInFlight: 0,
      maxBacklog: 0,
      // Above this "memory", every request is shed with 503 (the switch lets a test let one through).
      maxRssBytes: 1,
      rss: () => (shedAll ? 2 : 0),
      retryAfterSeconds: 7,
      backlog: async () => 0,
      maxDrainBytes: 4 * 1024 * 1024,
    });
    const app = new Hono();
    app.post('/ingest', shedding.middleware, async (c) => {
      handled++;
      const text = await c.req.text();
      return c.json({ bytes: text.length });
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** A body of `chunks` × 64 KiB sent one chunk every `everyMs`: a slow upload. */
  const slowBody = (chunks: number, everyMs: number) => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === chunks) return controller.close();
        await new Promise((r) => setTimeout(r, everyMs));
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
        sent++;
      },
    });
  };

  const post = (body: ReadableStream<Uint8Array>) =>
    fetch(`${base}/ingest`, {
      method: 'POST',
      body,
      duplex: 'half', // Node's fetch needs it for a streamed body
      headers: { 'content-type': 'application/json' },
    });

  /**
   * Raw HTTP/1.1 over a socket: the headers and a body of `chunks` × 64 KiB, one
   * chunk every `everyMs`, and only then reads the answer (a busy client: the
   * answer waits in the kernel's buffer meanwhile). Resolves with what it read
   * or the socket error.
   */
  const rawUpload = (chunks: number, everyMs: number) =>
    new Promise<{ text: string; error?: string }>((resolve) => {
      const url = new URL(base);
      const socket = connect(Number(url.port), url.hostname);
      let text = '';
      let error: string | undefined;
      socket.on('error', (e: NodeJS.ErrnoException) => {
        error ??= e.code ?? e.message;
      });
      socket.on('close', () => resolve({ text, error }));
      socket.once('connect', async () => {
        socket.write(
          `POST /ingest HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\n` +
            `content-length: ${chunks * 64 * 1024}\r\nconnection: close\r\n\r\n`,
        );
        for (let i = 0; i < chunks && !socket.destroyed; i++) {
          await new Promise((r) => setTimeout(r, everyMs));
          if (!socket.destroyed) socket.write(Buffer.alloc(64 * 1024, 0x61));
        }
        socket.on('data', (d) => {
          text += d.toString('latin1');
        });
      });
    });

  it('answers 503 with Retry-After to a client that is still uploading 1 MiB over 1.6 s and reads late', async () => {
    shedAll = true;
    const { text, error } = await rawUpload(16, 100);
    expect(error).toBeUndefined();
    expect(text).toMatch(/^HTTP\/1\.1 503 /);
    expect(text).toMatch(/\r\nretry-after: 7\r\n/i);
    expect(text).toContain('"ingest_overloaded"');
    expect(handled).toBe(0);
  });

  it('keeps answering on the same server afterwards, and takes a request once the load is gone', async () => {
    shedAll = true;
    const shed = await Promise.all([1, 2, 3].map(() => post(slowBody(4, 50))));
    expect(shed.map((r) => r.status)).toEqual([503, 503, 503]);
    shedAll = false;
    const res = await post(slowBody(2, 10));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bytes: 128 * 1024 });
    expect(handled).toBe(1);
  });

  it('stops reading a shed body past maxDrainBytes: the connection closes, nothing is handled', async () => {
    shedAll = true;
    // 8 MiB: more than the 4 MiB this server reads to answer politely. Never a hang, never a 200.
    const { text, error } = await rawUpload(128, 1);
    expect(text === '' ? error : text).toBeDefined();
    expect(text).not.toMatch(/^HTTP\/1\.1 200/);
    expect(handled).toBe(1);
  });
});
