import { MeilisearchApiError, MeilisearchRequestError } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { UnavailableError } from '../domain/errors.js';
import { isUnreachable, whenReachable, wrapMeiliError } from './meili-errors.js';

const unreachable = () =>
  wrapMeiliError(
    new MeilisearchRequestError('http://127.0.0.1:1/indexes', new Error('ECONNREFUSED')),
    'ensure indexes',
  );
const refused = () =>
  wrapMeiliError(
    new MeilisearchApiError(new Response(null, { status: 403 }), {
      message: 'The provided API key is invalid.',
      code: 'invalid_api_key',
      type: 'auth',
      link: '',
    }),
    'ensure indexes',
  );

describe('whenReachable (start-up against an external Meilisearch)', () => {
  it('retries while the engine cannot be reached, then goes on, saying once that it waits', async () => {
    let calls = 0;
    const said: string[] = [];
    const slept: number[] = [];
    const out = await whenReachable(
      async () => {
        calls++;
        if (calls < 4) throw unreachable();
        return 'ok';
      },
      { waitMs: 60_000, log: (m) => said.push(m), sleep: async (ms) => void slept.push(ms) },
    );
    expect(out).toBe('ok');
    expect(calls).toBe(4);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/not reachable yet; waiting up to 60 s/);
    // Backoff doubles.
    expect(slept).toEqual([250, 500, 1000]);
  });

  it('a refused key or another error fails at once, without waiting', async () => {
    expect(isUnreachable(refused())).toBe(false);
    let calls = 0;
    await expect(
      whenReachable(
        async () => {
          calls++;
          throw refused();
        },
        { waitMs: 60_000, sleep: async () => undefined },
      ),
    ).rejects.toThrow(/API key rejected/);
    expect(calls).toBe(1);
  });

  it('gives up after SEARCH_START_WAIT_MS with a message naming the address and the setting', async () => {
    expect(isUnreachable(unreachable())).toBe(true);
    const err = await whenReachable(
      async () => {
        throw unreachable();
      },
      { waitMs: 0, url: 'http://127.0.0.1:7700' },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(
      /not reachable at http:\/\/127\.0\.0\.1:7700 .*SEARCH_START_WAIT_MS=0/,
    );
  });
});
