import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';

/**
 * The search requests' own HTTP client: JSON POSTs to Meilisearch over kept-alive `node:http`
 * connections. meilisearch-js sends every request with the global `fetch`, whose WHATWG layers
 * (Headers, AbortSignal, web streams, TextDecoder) were about a quarter of the web process's busy
 * CPU under search load (docs/PERFORMANCE.md). Searches are the one hot path, so they use this;
 * every other call (writes, tasks, settings) stays on meilisearch-js. Its failures are thrown as
 * meilisearch-js's own error classes, so `wrapMeiliError` maps them exactly as before.
 */
export interface MeiliHttp {
  post<T>(path: string, body: unknown): Promise<T>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/** A reused connection the engine closed meanwhile fails at once; such a request is sent once more. */
const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE']);

export function createMeiliHttp(opts: {
  url: string;
  apiKey?: string;
  timeoutMs: number;
  /** Connections kept open at most (default 32). */
  maxSockets?: number;
}): MeiliHttp {
  const base = new URL(opts.url);
  const secure = base.protocol === 'https:';
  const transport = secure ? https : http;
  const agent = new transport.Agent({
    keepAlive: true,
    maxSockets: opts.maxSockets ?? 32,
    // Idle connections close before the engine's own keep-alive limit (5 s) closes them.
    timeout: 4_000,
    scheduling: 'lifo',
  });
  const prefix = base.pathname.replace(/\/+$/, '');
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    // The engine is on the same machine or network: uncompressed answers are cheaper.
    'accept-encoding': 'identity',
    ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
  };

  function send<T>(path: string, payload: Buffer, retried: boolean): Promise<T> {
    const url = `${base.origin}${prefix}${path}`;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (err: unknown, value?: T) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(value as T);
      };
      const req = transport.request({
        agent,
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || (secure ? 443 : 80),
        path: `${prefix}${path}`,
        method: 'POST',
        headers: { ...headers, 'content-length': String(payload.length) },
      });
      const timer = setTimeout(() => {
        // The key is left out of the error's request details.
        finish(new MeilisearchRequestTimeOutError(opts.timeoutMs, { method: 'POST' }));
        req.destroy();
      }, opts.timeoutMs);
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (done) return;
        if (!retried && req.reusedSocket && err.code && STALE_CONNECTION.has(err.code)) {
          done = true;
          clearTimeout(timer);
          send<T>(path, payload, true).then(resolve, reject);
          return;
        }
        finish(new MeilisearchRequestError(url, err));
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => finish(new MeilisearchRequestError(url, err)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (err) {
            finish(new MeilisearchRequestError(url, err));
            return;
          }
          if (status >= 200 && status < 300) finish(null, parsed as T);
          else
            finish(
              new MeilisearchApiError(
                new Response(text, { status, statusText: res.statusMessage ?? '' }),
                parsed as ConstructorParameters<typeof MeilisearchApiError>[1],
              ),
            );
        });
      });
      req.end(payload);
    });
  }

  return {
    post: <T>(path: string, body: unknown) => send<T>(path, Buffer.from(JSON.stringify(body)), false),
    close: () => agent.destroy(),
  };
}
