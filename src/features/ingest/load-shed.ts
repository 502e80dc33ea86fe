import type { MiddlewareHandler } from 'hono';
import { errorBody } from '../../web/errors.js';

/** Why a request was turned away (the `reason` label of `kopru_ingest_shed_total`). */
export type ShedReason = 'in_flight' | 'backlog' | 'memory';

/** Options of {@link ingestLoadShedding}; a limit of 0 turns its check off. */
export interface LoadShedOptions {
  /** Ingest requests one process handles at once; one more is answered 429. */
  maxInFlight: number;
  /** Items not yet searchable at which ingest answers 503 until the pipeline catches up. */
  maxBacklog: number;
  /** Resident memory of the process (bytes) above which ingest answers 503. */
  maxRssBytes: number;
  /** Seconds a client should wait after a 503 (the Retry-After header). */
  retryAfterSeconds: number;
  /** Counts the backlog, up to `cap` (the item store's `countBacklog`). */
  backlog: (cap: number) => Promise<number>;
  /** How long one backlog count is reused by every request (ms; default 1,000). */
  backlogCacheMs?: number;
  /**
   * At most this many bytes of a shed request's body are read (and dropped) before
   * the answer, so a client still uploading reads the 429/503 instead of a reset
   * connection; a longer body is cut off and the connection closed. Default 16 MiB.
   */
  maxDrainBytes?: number;
  /** At most this long (ms) is spent reading a shed body; default 30,000. */
  maxDrainMs?: number;
  rss?: () => number;
  now?: () => number;
  onShed?: (reason: ShedReason) => void;
}

/**
 * Sheds ingest load before a body is parsed: past `maxInFlight` concurrent requests
 * the answer is 429 (Retry-After 1 s: a slot frees as soon as one finishes); with
 * the backlog of items not yet searchable at `maxBacklog`, or the process above
 * `maxRssBytes`, it is 503 with Retry-After `retryAfterSeconds`. Nothing is stored
 * for a shed request; its body is read and dropped (up to `maxDrainBytes`) so that
 * the client reads the answer. The backlog is counted at most once per `backlogCacheMs`
 * and only up to the limit, so the check costs one small query per second;
 * between counts, what this process stored (`stored`) is added to the estimate.
 */
/**
 * Reads and drops a request body, up to `maxBytes` or `maxMs`. Why by hand: the
 * Node adapter drains an unread body for only 500 ms and then destroys the
 * socket; a client still uploading (or slow to read) then gets a reset instead of
 * the answer, because the kernel discards an unread answer on reset. Reading the
 * body first lets the answer go out on a connection that closes cleanly.
 */
async function discardBody(body: ReadableStream<Uint8Array> | null, maxBytes: number, maxMs: number) {
  if (!body || body.locked) return;
  const reader = body.getReader();
  const timer = setTimeout(() => void reader.cancel().catch(() => undefined), maxMs);
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } catch {
    // The client went away or the read was cut off: the answer is sent on whatever is left.
  } finally {
    clearTimeout(timer);
  }
}

export function ingestLoadShedding(opts: LoadShedOptions): {
  middleware: MiddlewareHandler;
  /** Tells the estimate about items this process just stored, before the next count sees them. */
  stored: (n: number) => void;
} {
  const now = opts.now ?? Date.now;
  const rss = opts.rss ?? (() => process.memoryUsage.rss());
  const cacheMs = opts.backlogCacheMs ?? 1000;
  let inFlight = 0;
  let cached: { at: number; value: Promise<number> } | null = null;
  // Items stored here since the cached count started: the estimate between two counts.
  let since = 0;

  const backlog = async () => {
    const t = now();
    if (!cached || t - cached.at >= cacheMs) {
      const value = opts.backlog(opts.maxBacklog);
      cached = { at: t, value };
      since = 0;
      // A failed count is not kept: the next request asks again.
      value.catch(() => {
        if (cached?.value === value) cached = null;
      });
    }
    return (await cached.value) + since;
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    const shed = async (
      reason: ShedReason,
      status: 429 | 503,
      code: string,
      message: string,
      retry: number,
    ) => {
      opts.onShed?.(reason);
      await discardBody(c.req.raw.body, opts.maxDrainBytes ?? 16 * 1024 * 1024, opts.maxDrainMs ?? 30_000);
      c.header('retry-after', String(retry));
      return c.json(errorBody(code, message), status);
    };
    if (opts.maxInFlight > 0 && inFlight >= opts.maxInFlight)
      return shed(
        'in_flight',
        429,
        'ingest_busy',
        `too many ingest requests at once (at most ${opts.maxInFlight}); retry shortly`,
        1,
      );
    // The slot is held while deciding and while handling, not while a shed body is drained.
    inFlight++;
    let refusal: Parameters<typeof shed> | null = null;
    try {
      if (opts.maxRssBytes > 0 && rss() > opts.maxRssBytes)
        refusal = [
          'memory',
          503,
          'ingest_overloaded',
          'the server is short of memory; ingest is paused, retry later',
          opts.retryAfterSeconds,
        ];
      else if (opts.maxBacklog > 0 && (await backlog()) >= opts.maxBacklog)
        refusal = [
          'backlog',
          503,
          'ingest_backlog_full',
          `${opts.maxBacklog} or more items are waiting to become searchable; retry later`,
          opts.retryAfterSeconds,
        ];
      else await next();
    } finally {
      inFlight--;
    }
    if (refusal) return shed(...refusal);
  };
  return {
    middleware,
    stored: (n) => {
      since += n;
    },
  };
}
