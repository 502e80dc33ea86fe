import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubError } from './scrub-error.js';

export type { Logger };

/** Keys whose values never reach a log line. */
const redactPaths = [
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'masterKey',
  '*.masterKey',
  'applicant',
  '*.applicant',
  'DATABASE_URL',
  'REDIS_URL',
  'MEILI_MASTER_KEY',
  'ADMIN_PASSWORD',
];

/**
 * Structured JSON logger (pino) with secrets and personal data redacted; errors logged under
 * `err` lose the PostgreSQL fields that quote row values or parameters (see scrubError).
 */
export function createLogger(
  opts: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: opts.name ?? 'kopru',
      level: opts.level ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: (err: Error) => pino.stdSerializers.err(scrubError(err) as Error) },
      // `logger.error(err)` also takes the error's message as the line's msg.
      hooks: {
        logMethod(args, method) {
          if (args[0] instanceof Error) args[0] = scrubError(args[0]) as Error;
          return method.apply(this, args);
        },
      },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination(1),
  );
}
