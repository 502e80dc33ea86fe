import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../domain/errors.js';
import { isStorageError } from '../obs/data-dir.js';
import type { Logger } from '../obs/logger.js';

/** The machine-readable error body of every 4xx/5xx answer. */
export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** One mapping from errors to HTTP, used by `app.onError`. */
export function createErrorHandler(logger: Pick<Logger, 'error' | 'warn'>) {
  return (err: Error, c: Context) => {
    // RFC 6750: a 401 names the scheme the API expects.
    if ((err instanceof AppError || err instanceof HTTPException) && err.status === 401)
      c.header('WWW-Authenticate', 'Bearer realm="kopru"');
    if (err instanceof AppError) {
      if (err.status >= 500) logger.error({ err, reqId: c.get('requestId') }, err.message);
      return c.json(errorBody(err.code, err.message, err.details), err.status as 400);
    }
    if (err instanceof HTTPException) {
      const code =
        err.status === 413 ? 'payload_too_large' : err.status === 401 ? 'unauthorized' : 'http_error';
      return c.json(errorBody(code, err.message || 'request failed'), err.status);
    }
    if (isStorageError(err)) {
      logger.error(
        { err, reqId: c.get('requestId') },
        'storage full or read-only (check DATA_DIR and the database disk)',
      );
      c.header('retry-after', '60');
      return c.json(
        errorBody(
          'storage_unavailable',
          'the server cannot store data right now (disk full or read-only); try again later',
        ),
        503,
      );
    }
    logger.error({ err, reqId: c.get('requestId') }, 'unhandled error');
    return c.json(errorBody('internal_error', 'internal server error'), 500);
  };
}
