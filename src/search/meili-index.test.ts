import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeiliSearchIndex } from './meili-index.js';

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
