import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a journalist's receiver does (as the README describes it; written independently of the signer): recompute the HMAC over "t.body" with the secret, compare in
 * constant time, and refuse timestamps older than `toleranceS` (default five minutes).
 */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string,
  opts: { now?: number; toleranceS?: number } = {},
): boolean {
  const parts = new Map(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (opts.toleranceS ?? 300)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}
