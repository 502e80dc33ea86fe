import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress, WebhookTargetError } from './webhook-target.js';

/** The outcome of one POST: the status code, or the network error. */
export type PostOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; permanent?: boolean };

/**
 * POSTs a JSON body with a hard timeout. Redirects are not followed (a redirect
 * could lead to a private host); the answer body is read up to 4 KiB and dropped.
 */
export function postWebhook(
  url: URL,
  body: string,
  headers: Record<string, string>,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostOutcome> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !opts.allowPrivate && isPrivateAddress(host))
    return Promise.resolve({
      ok: false,
      status: null,
      error: new WebhookTargetError(`${host} is a private address`, 'private').message,
      permanent: true,
    });
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Kopru-Webhook/1',
        },
        lookup: guardedLookup(opts.allowPrivate) as never,
        // A fresh connection each time: a pooled socket would skip the address check.
        agent: false,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 4096) res.destroy();
        });
        const finish = () =>
          done(
            status >= 200 && status < 300
              ? { ok: true, status }
              : { ok: false, status, error: `HTTP ${status}` },
          );
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      done({ ok: false, status: null, error: `timed out after ${opts.timeoutMs} ms` });
    }, opts.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, status: null, error: err.message, permanent: err.code === 'EPRIVATE' }),
    );
    req.end(body);
  });
}
