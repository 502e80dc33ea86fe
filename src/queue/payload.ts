import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import type { JobDefinition } from './types.js';

/** Defaults shared by both adapters so a job behaves the same wherever it runs. */
export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

/** Validates a payload before it is queued; throws ValidationError with the zod issues. */
export function parseForEnqueue<P>(def: JobDefinition<P>, payload: unknown): P {
  const result = def.schema.safeParse(payload);
  if (result.success) return result.data;
  throw new ValidationError(
    `invalid payload for job "${def.name}": ${z.prettifyError(result.error)}`,
    result.error.issues,
  );
}

/** Validates a payload taken off the queue; the message is what the failed view shows. */
export function parseOnReceipt<P>(
  def: JobDefinition<P>,
  payload: unknown,
): { ok: true; data: P } | { ok: false; message: string } {
  const result = def.schema.safeParse(payload);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, message: `invalid payload (not retried): ${z.prettifyError(result.error)}` };
}

/**
 * Delay before the next try after `attempt` (1-based) failed: BullMQ's exponential
 * formula, at most `maxMs` when it is given.
 */
export const backoffDelay = (baseMs: number, attempt: number, maxMs?: number) => {
  const delay = Math.round(baseMs * 2 ** (attempt - 1));
  return maxMs !== undefined && maxMs > 0 ? Math.min(delay, maxMs) : delay;
};

/** The BullMQ backoff type of a job kind with a delay cap (computed by its worker's strategy). */
export const CAPPED_BACKOFF = 'capped-exponential';

/** Error text for the failed view; handlers may throw anything. */
export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
