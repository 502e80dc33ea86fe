import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Task,
} from 'meilisearch';
import { AppError, UnavailableError, ValidationError } from '../domain/errors.js';

const SERVICE = 'meilisearch';

/**
 * Maps a meilisearch-js error to an AppError: unreachable or timed out ->
 * UnavailableError, a rejected search parameter (bad filter or sort) ->
 * ValidationError, anything else -> AppError('search_failed'). The original is kept as `cause`.
 */
export function wrapMeiliError(err: unknown, action: string): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError) {
    return new UnavailableError(SERVICE, `${action}: ${err.message}`, err);
  }
  if (err instanceof MeilisearchTaskTimeOutError) {
    return new UnavailableError(
      SERVICE,
      `${action}: task ${err.cause.taskUid} not done after ${err.cause.timeout} ms`,
      err,
    );
  }
  if (err instanceof MeilisearchApiError) {
    const code = err.cause?.code ?? 'unknown';
    const status = err.response.status;
    if (status === 401 || status === 403) {
      return new UnavailableError(SERVICE, `${action}: API key rejected (${code})`, err);
    }
    if (status === 400 && /^invalid_search_/.test(code)) {
      return new ValidationError(`${action}: ${err.message}`, { code }, err);
    }
    return new AppError('search_failed', `${SERVICE}: ${action}: ${err.message}`, {
      cause: err,
      details: { code },
    });
  }
  return new AppError('search_failed', `${SERVICE}: ${action}: ${(err as Error)?.message ?? String(err)}`, {
    cause: err,
  });
}

/** Throws unless the task succeeded; Meilisearch reports failures on the task, not on the request. */
export function assertTaskSucceeded(task: Task, action: string): Task {
  if (task.status === 'succeeded') return task;
  const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
  throw new AppError(
    'search_task_failed',
    `${SERVICE}: ${action}: task ${task.uid} ${task.status} (${reason})`,
    {
      details: { taskUid: task.uid, indexUid: task.indexUid, type: task.type, error: task.error },
    },
  );
}

/** Whether a wrapped error means the engine could not be reached at all (not a refusal or a bad request). */
export function isUnreachable(err: unknown): boolean {
  const cause = err instanceof AppError ? err.cause : err;
  return cause instanceof MeilisearchRequestError || cause instanceof MeilisearchRequestTimeOutError;
}

/**
 * Runs a start-up step against Meilisearch, retrying while the engine cannot be reached, for at
 * most `waitMs` (a worker restarted during a short outage waits instead of exiting; a process
 * supervisor still sees a failure after that). A refusal (wrong key) or any other error fails at once.
 */
export async function whenReachable<T>(
  step: () => Promise<T>,
  opts: { waitMs: number; url?: string; log?: (msg: string) => void; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const started = Date.now();
  let delay = 250;
  let told = false;
  for (;;) {
    try {
      return await step();
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      const waited = Date.now() - started;
      if (waited >= opts.waitMs) {
        throw new UnavailableError(
          SERVICE,
          `not reachable${opts.url ? ` at ${opts.url}` : ''} after ${Math.round(waited / 1000)} s (SEARCH_START_WAIT_MS=${opts.waitMs}): ${(err as Error).message}`,
          err,
        );
      }
      if (!told)
        opts.log?.(`Meilisearch is not reachable yet; waiting up to ${Math.round(opts.waitMs / 1000)} s`);
      told = true;
      await sleep(Math.min(delay, Math.max(0, opts.waitMs - waited)));
      delay = Math.min(delay * 2, 5000);
    }
  }
}
