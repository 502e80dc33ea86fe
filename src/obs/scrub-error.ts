/**
 * Fields of a PostgreSQL error (as `pg` builds it from the server's ErrorResponse) that may
 * quote row values or statement parameters, i.e. applicant data: `detail` ("Key (tckn)=(…)"),
 * `where` ("unnamed portal parameter $2 = '…'"), `hint`, `internalQuery`, and positions into it.
 */
const pgDataFields = ['detail', 'where', 'hint', 'internalQuery', 'position', 'internalPosition'];
/** Parameters some wrappers attach to an error: statement values. */
const paramFields = ['parameters', 'params', 'values'];
const maxDepth = 8;

/** A PostgreSQL server error: `pg`'s DatabaseError, recognised by shape (obs does not import pg). */
function isPgServerError(err: Error): err is Error & { code: string } {
  const e = err as Error & { severity?: unknown; code?: unknown };
  return typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

/**
 * A data exception (SQLSTATE class 22) quotes the offending input after the colon:
 * `invalid input syntax for type bigint: "…"`. Other messages name only objects.
 */
function scrubMessage(code: string, message: string): string {
  if (!code.startsWith('22')) return message;
  const colon = message.indexOf(': ');
  return colon < 0 ? message : `${message.slice(0, colon)}: [redacted]`;
}

/**
 * A copy of `err` fit for a log line: PostgreSQL errors anywhere in its `cause` chain lose the
 * fields and message parts that may carry personal data; code, severity, table, column and
 * constraint stay. The original error is not changed (callers still branch on it).
 */
export function scrubError(err: unknown, depth = 0): unknown {
  if (!(err instanceof Error) || depth > maxDepth) return err;
  const cause = (err as { cause?: unknown }).cause;
  const cleanCause = scrubError(cause, depth + 1);
  const pg = isPgServerError(err);
  const hasParams = paramFields.some((f) => Object.hasOwn(err, f));
  if (!pg && !hasParams && cleanCause === cause) return err;

  const clean = Object.create(Object.getPrototypeOf(err)) as Error & Record<string, unknown>;
  for (const key of Reflect.ownKeys(err))
    Object.defineProperty(clean, key, Object.getOwnPropertyDescriptor(err, key)!);
  for (const f of paramFields) delete clean[f];
  if (pg) {
    for (const f of pgDataFields) delete clean[f];
    const message = scrubMessage(err.code, err.message);
    if (message !== err.message) {
      clean.message = message;
      if (typeof err.stack === 'string') clean.stack = err.stack.split(err.message).join(message);
    }
  }
  if (cleanCause !== cause) clean.cause = cleanCause;
  return clean;
}
