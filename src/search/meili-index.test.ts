import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliSearchIndex, ndjsonBodies } from './meili-index.js';

// A stand-in for the engine on loopback that records the request headers it gets.
const seen: Record<string, string | string[] | undefined>[] = [];
const server = createServer((req, res) => {
  seen.push(req.headers);
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ hits: [], estimatedTotalHits: 0, processingTimeMs: 0, facetDistribution: {} }));
});
beforeAll(() => new Promise<void>((r) => server.listen(0, '127.0.0.1', r)));
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('Meilisearch adapter', () => {
  it('asks the engine for uncompressed responses and only the attributes the caller needs', async () => {
    const { port } = server.address() as AddressInfo;
    const index = createMeiliSearchIndex({
      url: `http://127.0.0.1:${port}`,
      apiKey: 'k',
      prefix: 't_',
      configDir: 'config',
    });
    await index.search('items', { q: 'baraj', attributesToRetrieve: ['id', 'risk'] });
    expect(seen.length).toBe(1);
    expect(seen[0]!['accept-encoding']).toBe('identity');
    expect(seen[0]!.authorization).toBe('Bearer k');
  });
});

describe('document write bodies', () => {
  const doc = (i: number, text: string) => ({ id: `d${i}`, text });
  const parse = (bodies: string[]) => bodies.flatMap((b) => b.split('\n').map((l) => JSON.parse(l)));

  it('splits documents into NDJSON bodies no larger than the limit, in order', () => {
    // Multi-byte text: the limit counts bytes, not characters.
    const docs = Array.from({ length: 60 }, (_, i) => doc(i, 'ğüşİıöç'.repeat(1 + (i % 7) * 9)));
    const bodies = ndjsonBodies(docs, 1024);
    expect(bodies.length).toBeGreaterThan(5);
    for (const b of bodies) expect(Buffer.byteLength(b)).toBeLessThanOrEqual(1024);
    expect(parse(bodies)).toEqual(docs);
  });

  it('sends a document larger than the limit alone and keeps every line one JSON value', () => {
    const big = doc(1, 'satır\nbir\u2028iki'.repeat(200));
    const bodies = ndjsonBodies([doc(0, 'a'), big, doc(2, 'b')], 256);
    expect(bodies).toHaveLength(3);
    expect(parse(bodies)).toEqual([doc(0, 'a'), big, doc(2, 'b')]);
    expect(ndjsonBodies([], 256)).toEqual([]);
  });
});
