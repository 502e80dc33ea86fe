import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnavailableError } from '../../src/domain/errors.js';
import { createBullmqQueue, createMemoryQueue, createQueue } from '../../src/queue/index.js';
import { REDIS_URL, randomId, serviceAvailable } from '../helpers/env.js';
import { queueContract } from './queue-contract.js';

const prefix = randomId('kopru_test_queue');

const redisUp = await serviceAvailable('redis', async () => {
  const probe = createBullmqQueue({ url: REDIS_URL, prefix });
  try {
    await probe.ping();
  } finally {
    await probe.close(1000);
  }
});

queueContract('memory', async () => {
  const queue = createMemoryQueue();
  return {
    queue,
    enqueueRaw: async (def, payload) => queue.enqueueUnchecked(def, payload),
    cleanup: () => queue.close(2000),
  };
});

queueContract(
  'bullmq',
  async () => {
    const queue = createBullmqQueue({ url: REDIS_URL, prefix });
    const raw = new Map<string, Queue>();
    const conn = new Redis(REDIS_URL);
    return {
      queue,
      enqueueRaw: async (def, payload) => {
        const q = raw.get(def.name) ?? new Queue(def.name, { connection: conn, prefix });
        raw.set(def.name, q);
        await q.add(def.name, payload, { attempts: def.attempts, backoff: { type: 'fixed', delay: 10 } });
      },
      cleanup: async () => {
        await queue.close(5000);
        await Promise.all([...raw.values()].map((q) => q.close()));
        conn.disconnect();
      },
    };
  },
  { skip: !redisUp },
);

afterAll(async () => {
  if (!redisUp) return;
  const r = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await r.del(...keys);
  } while (cursor !== '0');
  r.disconnect();
});

describe('bullmq adapter against an unreachable Redis', () => {
  const def = { name: 'job', schema: z.object({ n: z.number() }) };

  it('ping() fails fast with UnavailableError naming redis', async () => {
    const q = createBullmqQueue({ url: 'redis://127.0.0.1:1', prefix: randomId('dead') });
    const started = Date.now();
    const err = await q.ping().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/^redis: /);
    expect(Date.now() - started).toBeLessThan(10_000);
    await q.close(1000);
  });

  it('enqueue() gives up with UnavailableError instead of hanging, and close() returns', async () => {
    const q = createBullmqQueue({ url: 'redis://127.0.0.1:1', prefix: randomId('dead'), opTimeoutMs: 500 });
    q.process(def, async () => {});
    await expect(q.enqueue(def, { n: 1 })).rejects.toBeInstanceOf(UnavailableError);
    await q.close(1000);
  });
});

describe('createQueue', () => {
  it('picks the in-process queue without a Redis URL and BullMQ with one', async () => {
    const mem = createQueue({ prefix: 'x' });
    expect(mem.kind).toBe('memory');
    await mem.close();
    const bull = createQueue({ redisUrl: 'redis://127.0.0.1:1', prefix: randomId('dead') });
    expect(bull.kind).toBe('bullmq');
    await bull.close(1000);
  });
});
