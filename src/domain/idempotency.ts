import { createHash } from 'node:crypto';
import type { ApplicationInput, PostInput } from './item.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Longest key stored as given (UTF-8 bytes); the unique index refuses entries above about 2,700 bytes. */
export const MAX_PLAIN_KEY_BYTES = 2600;

/** A longer key is replaced by its hash under the same prefix, so a valid record never overflows the index. */
const bounded = (prefix: string, key: string) =>
  Buffer.byteLength(key, 'utf8') <= MAX_PLAIN_KEY_BYTES ? key : `${prefix}:k:${sha256(key)}`;

/** Whitespace-insensitive, Unicode-normalised form used only for the content hash. */
const canonical = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Idempotency key of a post: source + external id, else a hash of source and text.
 * The same post delivered twice (retry, re-import) maps to the same key.
 */
export function postKey(p: Pick<PostInput, 'source' | 'externalId' | 'text'>): string {
  if (p.externalId) return bounded('post', `post:${p.source}:${p.externalId}`);
  return bounded('post', `post:${p.source}:h:${sha256(`${p.source}\n${canonical(p.text)}`).slice(0, 40)}`);
}

/**
 * Idempotency key of an application: external id if the intake system gave one,
 * else a hash of type, text and applicant identity (a double submission is a
 * duplicate; the same text from two citizens is not).
 */
export function applicationKey(
  a: Pick<ApplicationInput, 'type' | 'text' | 'externalId' | 'applicant'>,
): string {
  if (a.externalId) return bounded('application', `application:${a.externalId}`);
  const who = a.applicant
    ? [a.applicant.tckn, a.applicant.email, a.applicant.phone, a.applicant.name].join('|')
    : '';
  return `application:h:${sha256(`${a.type}\n${who}\n${canonical(a.text)}`).slice(0, 40)}`;
}
