import { createHash } from 'node:crypto';
import type { ApplicationInput, PostInput } from './item.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Whitespace-insensitive, Unicode-normalised form used only for the content hash. */
const canonical = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Idempotency key of a post: source + external id, else a hash of source and text.
 * The same post delivered twice (retry, re-import) maps to the same key.
 */
export function postKey(p: Pick<PostInput, 'source' | 'externalId' | 'text'>): string {
  if (p.externalId) return `post:${p.source}:${p.externalId}`;
  return `post:${p.source}:h:${sha256(`${p.source}\n${canonical(p.text)}`).slice(0, 40)}`;
}

/**
 * Idempotency key of an application: external id if the intake system gave one,
 * else a hash of type, text and applicant identity (a double submission is a
 * duplicate; the same text from two citizens is not).
 */
export function applicationKey(
  a: Pick<ApplicationInput, 'type' | 'text' | 'externalId' | 'applicant'>,
): string {
  if (a.externalId) return `application:${a.externalId}`;
  const who = a.applicant
    ? [a.applicant.tckn, a.applicant.email, a.applicant.phone, a.applicant.name].join('|')
    : '';
  return `application:h:${sha256(`${a.type}\n${who}\n${canonical(a.text)}`).slice(0, 40)}`;
}
