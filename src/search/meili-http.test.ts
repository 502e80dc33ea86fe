import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UnavailableError, ValidationError } from '../domain/errors.js';
import { freePort } from './local-meili.js';
import { isUnreachable } from './meili-errors.js';
import { createMeiliSearchIndex } from './meili-index.js';

// A stand-in for the engine on loopback; each test sets how it answers.
let answer: (req: IncomingMessage, body: string, res: ServerResponse) => void;
const bodies: { url: string; body: string; headers: IncomingMessage['headers'] }[] = [];
const sockets = new Set<Socket>();
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    bodies.push({ url: req.url ?? '', body, headers: req.headers });
    answer(req, body, res);
  });
});
server.on('connection', (s) => {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  bodies.length = 0;
});

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(value));
};
const found = {
  hits: [{ id: 'i1', text: 'ılık' }],
  totalHits: 1,
  processingTimeMs: 1,
  facetDistribution: {},
};
const adapter = (over: { url?: string; requestTimeoutMs?: number } = {}) =>
  createMeiliSearchIndex({ url: over.url ?? url, apiKey: 'k', prefix: 't_', configDir: 'config', ...over });

describe('the search requests', () => {
  it('post the query and its parameters to the index, with the key and no compression, and read the answer', async () => {
    answer = (_req, _body, res) => json(res, 200, found);
    const index = adapter();
    const r = await index.search('items', { q: 'ılık', filter: 'kind = "post"', limit: 5, facets: ['kind'] });
    expect(r).toEqual({ hits: found.hits, total: 1, facets: {}, processingTimeMs: 1 });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.url).toBe('/indexes/t_items/search');
    expect(bodies[0]!.headers.authorization).toBe('Bearer k');
    expect(bodies[0]!.headers['accept-encoding']).toBe('identity');
    expect(JSON.parse(bodies[0]!.body)).toMatchObject({
      q: 'ılık',
      filter: 'kind = "post"',
      page: 1,
      hitsPerPage: 5,
      facets: ['kind'],
      locales: expect.any(Array),
    });
    await index.close();
  });

  it('reuse one connection for consecutive searches', async () => {
    answer = (_req, _body, res) => json(res, 200, found);
    const index = adapter();
    const ports = new Set<number>();
    for (let i = 0; i < 5; i++) {
      await index.search('items', { q: 'a' });
      for (const s of sockets) if (s.remotePort) ports.add(s.remotePort);
    }
    expect(bodies).toHaveLength(5);
    expect(ports.size).toBe(1);
    await index.close();
  });

  it('turn a rejected filter into a validation error and a refused key into an outage, as before', async () => {
    answer = (_req, _body, res) =>
      json(res, 400, {
        message: 'Attribute `nope` is not filterable.',
        code: 'invalid_search_filter',
        type: 'invalid_request',
        link: 'https://docs.meilisearch.com/errors#invalid_search_filter',
      });
    const index = adapter();
    const bad = await index.search('items', { filter: 'nope = 1' }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).message).toMatch(/not filterable/);
    expect(isUnreachable(bad)).toBe(false);
    answer = (_req, _body, res) =>
      json(res, 403, { message: 'The provided API key is invalid.', code: 'invalid_api_key', type: 'auth' });
    const refused = await index.search('items', { q: 'a' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnavailableError);
    expect((refused as Error).message).toMatch(/API key rejected \(invalid_api_key\)/);
    expect(isUnreachable(refused)).toBe(false);
    await index.close();
  });

  it('report an engine that does not answer in time, or cannot be reached, as unavailable', async () => {
    answer = () => undefined; // never answers
    const slow = adapter({ requestTimeoutMs: 200 });
    const late = await slow.search('items', { q: 'a' }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(UnavailableError);
    expect(isUnreachable(late)).toBe(true);
    expect((late as Error).message).not.toContain('Bearer');
    await slow.close();
    for (const s of sockets) s.destroy();

    const gone = adapter({ url: `http://127.0.0.1:${await freePort()}` });
    const refused = await gone.search('items', { q: 'a' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UnavailableError);
    expect(isUnreachable(refused)).toBe(true);
    await gone.close();
  });

  it('send a search once more when the engine closed the kept-alive connection meanwhile', async () => {
    answer = (_req, _body, res) => json(res, 200, found);
    const index = adapter();
    await index.search('items', { q: 'a' });
    // The engine drops the idle connection the way a restart or its keep-alive limit does.
    answer = (req, _body, res) => {
      answer = (_r, _b, ok) => json(ok, 200, found);
      res.destroy();
      req.socket.destroy();
    };
    const r = await index.search('items', { q: 'b' });
    expect(r.total).toBe(1);
    expect(bodies.map((b) => JSON.parse(b.body).q)).toEqual(['a', 'b', 'b']);
    await index.close();
  });

  it('fail an answer that is not JSON with a clear error, not a crash', async () => {
    answer = (_req, _body, res) => {
      res.statusCode = 200;
      res.end('<html>proxy error</html>');
    };
    const index = adapter();
    const err = await index.search('items', { q: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/search t_items/);
    await index.close();
  });
});
