import { type DestinationStream, type Logger, pino } from 'pino';

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

/** Structured JSON logger (pino) with secrets and personal data redacted. */
export function createLogger(
  opts: { level?: string; name?: string; destination?: DestinationStream } = {},
): Logger {
  return pino(
    {
      name: opts.name ?? 'kopru',
      level: opts.level ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    opts.destination ?? pino.destination(1),
  );
}
