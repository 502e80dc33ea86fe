/** Messages between the app and its database thread (pglite-thread.ts). */
import { UnavailableError } from '../domain/errors.js';

export type ThreadRequest = { id: number } & (
  | { op: 'query'; tx?: number; text: string; params?: unknown[] }
  | { op: 'exec'; tx?: number; text: string }
  | { op: 'begin' | 'commit' | 'rollback'; tx: number }
  | { op: 'ping' | 'close' }
);

/** Id 0 answers the start: `result` 'ready', or the error that stopped PGlite from opening. */
export type ThreadReply = { id: number } & (
  | { ok: true; result: unknown }
  | { ok: false; error: SerialisedError }
);

/** An error as it crosses the thread boundary (structured clone keeps only name and message). */
export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  /** Own fields with plain values: a PostgreSQL error's code, severity, table, constraint, ... */
  fields: Record<string, string | number | boolean>;
  /** Set for an UnavailableError, which is rebuilt as one. */
  unavailable?: { service: string };
}

/**
 * Copies what a caller may branch on or log. Fields holding objects (PGlite's `params`, the
 * statement's values) are left behind: they may carry personal data and need not cross.
 */
export function serialiseError(err: unknown): SerialisedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: SerialisedError['fields'] = {};
  for (const [k, v] of Object.entries(err)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  const out: SerialisedError = { name: err.name, message: err.message, fields };
  if (err.stack) out.stack = err.stack;
  if (err instanceof UnavailableError) {
    const service = (err.details as { service?: unknown } | undefined)?.service;
    out.unavailable = { service: typeof service === 'string' ? service : 'pglite' };
  }
  return out;
}

/** The error the caller sees, with the fields of the original. */
export function deserialiseError(e: SerialisedError): Error {
  if (e.unavailable) {
    // UnavailableError prefixes its message with the service; the original already has it.
    const prefix = `${e.unavailable.service}: `;
    const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
    return new UnavailableError(e.unavailable.service, message);
  }
  const err = new Error(e.message) as Error & Record<string, unknown>;
  for (const [k, v] of Object.entries(e.fields)) {
    if (k !== 'message' && k !== 'stack') err[k] = v;
  }
  err.name = e.name;
  if (e.stack) err.stack = `${e.stack}\n    (in the database thread)`;
  return err;
}
