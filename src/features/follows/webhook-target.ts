import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may never reach unless private targets are allowed (development). */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** True for loopback, private, link-local, shared, reserved, documentation and multicast addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  return blocked.check(address, 'ipv6');
}

/** A webhook target that cannot be used; the message is shown to the journalist. */
export class WebhookTargetError extends Error {
  constructor(
    message: string,
    readonly reason: 'invalid' | 'scheme' | 'private' | 'unresolvable',
  ) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

/** Checks the form of a webhook URL: https (http only with allowPrivate), no credentials, at most 2000 chars. */
export function parseWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new WebhookTargetError('not a valid URL', 'invalid');
  }
  if (raw.length > 2000) throw new WebhookTargetError('URL too long (max 2000 characters)', 'invalid');
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:'))
    throw new WebhookTargetError('the webhook URL must use https', 'scheme');
  if (url.username || url.password)
    throw new WebhookTargetError('credentials in the URL are not allowed', 'invalid');
  url.hash = '';
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/**
 * Resolves a host and refuses it when any of its addresses is private (unless allowed).
 * Used when the URL is saved and, through {@link guardedLookup}, on every connection.
 */
export async function checkWebhookHost(url: URL, allowPrivate: boolean): Promise<void> {
  const host = bareHost(url);
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new WebhookTargetError(`cannot resolve host ${host}`, 'unresolvable');
  }
  if (!allowPrivate && addresses.some(isPrivateAddress))
    throw new WebhookTargetError(
      `${host} resolves to a private, loopback or link-local address; webhooks must target a public host`,
      'private',
    );
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `lookup` for node:http(s) that resolves once and refuses private addresses on the
 * connection itself, so a DNS answer that changes after the check (rebinding) cannot slip through.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, cb: LookupCallback) => {
    lookup(hostname, { all: true })
      .then((list) => {
        const bad = list.find((a) => isPrivateAddress(a.address));
        if (!allowPrivate && bad) {
          const err: NodeJS.ErrnoException = new WebhookTargetError(
            `${hostname} resolves to a private address (${bad.address})`,
            'private',
          );
          err.code = 'EPRIVATE';
          cb(err, '', 0);
          return;
        }
        if (options.all) cb(null, list);
        else cb(null, list[0]!.address, list[0]!.family);
      })
      .catch((err: NodeJS.ErrnoException) => cb(err, '', 0));
  };
}
