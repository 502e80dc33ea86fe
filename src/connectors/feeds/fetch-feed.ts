import { AppError } from '../../domain/errors.js';
import { decodeFeedBody } from './decode.js';

/** Validators of the last good response, sent back as a conditional GET. */
export interface FeedValidators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FeedFetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null };

/** A feed could not be fetched: network error, timeout, HTTP error or a body over the limit. */
export class FeedFetchError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('feed_fetch_failed', message, { status: 502, cause });
  }
}

/** Limits of one fetch. */
export interface FetchFeedOptions {
  timeoutMs?: number;
  maxBytes?: number;
  userAgent?: string;
  fetchImpl?: typeof fetch;
}

async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new FeedFetchError(`feed is larger than ${maxBytes} bytes (content-length ${declared})`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new FeedFetchError(`feed is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * GETs a feed with `If-None-Match` / `If-Modified-Since` from the last good
 * response, a total timeout (connect + body) and a size cap, and decodes the
 * body by its declared or detected charset. 304 is `not-modified`.
 */
export async function fetchFeed(
  url: string,
  validators: FeedValidators = {},
  opts: FetchFeedOptions = {},
): Promise<FeedFetchResult> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5',
    'user-agent': opts.userAgent ?? 'Kopru-FeedPoller/0.1',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const res = await (opts.fetchImpl ?? fetch)(url, {
      headers,
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: 'not-modified' };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new FeedFetchError(`HTTP ${res.status} ${res.statusText}`.trim());
    }
    const bytes = await readCapped(res, maxBytes);
    return {
      status: 'ok',
      body: decodeFeedBody(bytes, res.headers.get('content-type')),
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
    };
  } catch (err) {
    if (err instanceof FeedFetchError) throw err;
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
      throw new FeedFetchError(`timed out after ${timeoutMs} ms`, err);
    const cause = (e.cause as Error | undefined)?.message;
    throw new FeedFetchError(`fetch failed: ${cause ?? e.message}`, err);
  }
}
