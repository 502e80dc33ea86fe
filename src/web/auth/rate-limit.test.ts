import { expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

it('limits attempts per key within the window and resets after it', () => {
  let t = 0;
  const rl = createRateLimiter({ max: 2, windowMs: 1000, now: () => t });
  expect([rl.hit('a'), rl.hit('a'), rl.hit('a')]).toEqual([true, true, false]);
  expect(rl.hit('b')).toBe(true);
  t = 1001;
  expect(rl.hit('a')).toBe(true);
});
