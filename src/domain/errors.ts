/**
 * Application errors. Every error that crosses a boundary is an AppError with a
 * stable machine-readable `code`; the web layer maps them to HTTP in one place.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(
    code: string,
    message: string,
    opts: { status?: number; cause?: unknown; details?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = opts.status ?? 500;
    this.details = opts.details;
  }
}

/** Input that does not satisfy a schema. `details` carries the per-field issues. */
export class ValidationError extends AppError {
  constructor(message: string, details?: unknown, cause?: unknown) {
    super('validation_failed', message, { status: 400, details, cause });
  }
}

/** Missing or invalid credentials. */
export class AuthError extends AppError {
  constructor(message = 'authentication required', code = 'unauthorized') {
    super(code, message, { status: 401 });
  }
}

/** Authenticated but not allowed. */
export class ForbiddenError extends AppError {
  constructor(message = 'forbidden') {
    super('forbidden', message, { status: 403 });
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super('not_found', message, { status: 404 });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, { status: 409, details });
  }
}

/** A configured dependency (database, queue, search) cannot be reached or failed. */
export class UnavailableError extends AppError {
  constructor(service: string, message: string, cause?: unknown) {
    super('service_unavailable', `${service}: ${message}`, { status: 503, cause, details: { service } });
  }
}

/** Configuration that cannot be used; start-up stops with this message. */
export class ConfigError extends AppError {
  constructor(message: string, details?: unknown) {
    super('config_invalid', message, { status: 500, details });
  }
}
