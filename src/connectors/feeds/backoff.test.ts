import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextPollDelayMs } from './backoff.js';

describe('nextPollDelayMs', () => {
  it('keeps the interval while healthy and doubles per failure up to the cap', () => {
    expect(nextPollDelayMs(60_000, 0)).toBe(60_000);
    expect(nextPollDelayMs(60_000, 1)).toBe(120_000);
    expect(nextPollDelayMs(60_000, 3)).toBe(480_000);
    expect(nextPollDelayMs(60_000, 50)).toBe(MAX_BACKOFF_MS);
  });
});
