import { Redis } from 'ioredis';
import { UnavailableError } from '../domain/errors.js';
import { errorMessage } from './payload.js';

const CONNECT_TIMEOUT_MS = 3000;
// ioredis keeps a timer this long after disconnecting a socket that never opened; keep exit prompt.
const DISCONNECT_TIMEOUT_MS = 200;
const PING_TIMEOUT_MS = 3000;

/** The Redis clients one BullMQ adapter owns, with fail-fast helpers. */
export interface RedisConnections {
  /** Shared by every Queue (producer side). */
  command: Redis;
  /** Template for Workers: BullMQ duplicates it, so it never connects itself. */
  worker(): Redis;
  report(err: Error): void;
  ping(): Promise<void>;
  /** Runs fn within ms; hangs and driver errors become UnavailableError('redis', …). */
  guard<T>(what: string, ms: number, fn: () => Promise<T>): Promise<T>;
  disconnect(): void;
}

/** Hides the password of a Redis URL in messages. */
export const redactUrl = (url: string) => url.replace(/\/\/([^@/]*)@/, '//***@');

/** Runs fn, rejecting with UnavailableError('redis') if it takes longer than ms. */
export async function timeoutRedis<T>(
  what: string,
  ms: number,
  fn: () => Promise<T>,
  hint = () => '',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnavailableError('redis', `${what} timed out after ${ms} ms${hint()}`)),
      ms,
    );
  });
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a graceful close; on timeout runs `force` (if any) and gives up waiting. */
export async function closeWithin(ms: number, close: () => Promise<void>, force?: () => Promise<void>) {
  try {
    await timeoutRedis('close', ms, close);
  } catch {
    if (force) await timeoutRedis('forced close', 2000, force).catch(() => {});
  }
}

/**
 * Creates the producer connection at once (so ping() reports a bad URL early)
 * and the worker template on first use. Workers need maxRetriesPerRequest:null
 * (BullMQ refuses blocking connections otherwise); the producer keeps a small
 * retry budget so calls fail instead of queueing forever while Redis is down.
 */
export function createRedisConnections(url: string, onError?: (err: Error) => void): RedisConnections {
  const where = redactUrl(url);
  let lastError: Error | undefined;
  let workerTemplate: Redis | undefined;
  const report = (err: Error) => {
    lastError = err;
    onError?.(err);
  };
  const hint = () => (lastError ? ` (${where}: ${lastError.message})` : ` (${where})`);

  const guard = <T>(what: string, ms: number, fn: () => Promise<T>): Promise<T> =>
    timeoutRedis(
      what,
      ms,
      async () => {
        try {
          return await fn();
        } catch (err) {
          // While disconnected ioredis only says "max retries reached"; the connect error is the useful part.
          const reason =
            command.status !== 'ready' && lastError
              ? `cannot reach ${where}: ${lastError.message}`
              : `${errorMessage(err)}${hint()}`;
          throw new UnavailableError('redis', `${what} failed: ${reason}`, err);
        }
      },
      hint,
    );

  const command = new Redis(url, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 2,
  });
  command.on('error', report);
  command.on('ready', () => {
    lastError = undefined;
  });

  return {
    command,
    worker() {
      if (!workerTemplate) {
        workerTemplate = new Redis(url, {
          connectTimeout: CONNECT_TIMEOUT_MS,
          disconnectTimeout: DISCONNECT_TIMEOUT_MS,
          maxRetriesPerRequest: null,
          lazyConnect: true,
        });
        workerTemplate.on('error', report);
      }
      return workerTemplate;
    },
    report,
    async ping() {
      if (command.status === 'end') throw new UnavailableError('redis', 'the connection is closed');
      await guard('PING', PING_TIMEOUT_MS, () => command.ping());
    },
    guard,
    disconnect() {
      command.disconnect();
      workerTemplate?.disconnect();
    },
  };
}
