import { Redis } from 'ioredis';
import { afterAll } from 'vitest';
import { createBullmqQueue, createMemoryQueue } from '../../src/queue/index.js';
import { REDIS_URL, randomId, serviceAvailable } from '../helpers/env.js';
import { schedulerContract } from './scheduler-contract.js';

const prefix = randomId('kopru_test_sched');

const redisUp = await serviceAvailable('redis', async () => {
  const probe = createBullmqQueue({ url: REDIS_URL, prefix });
  try {
    await probe.ping();
  } finally {
    await probe.close(1000);
  }
});

schedulerContract('memory', { open: () => createMemoryQueue(), shared: false });

schedulerContract(
  'bullmq',
  { open: () => createBullmqQueue({ url: REDIS_URL, prefix }), shared: true },
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
