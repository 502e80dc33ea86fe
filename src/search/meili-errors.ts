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
