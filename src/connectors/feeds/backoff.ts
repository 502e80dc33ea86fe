/** Longest wait between polls of a failing feed. */
export const MAX_BACKOFF_MS = 24 * 60 * 60_000;

/**
 * Delay before the next poll: the interval while the feed is healthy, then
 * doubling with each consecutive failure (capped), so a broken site is not hammered.
 */
export function nextPollDelayMs(intervalMs: number, failures: number, maxMs = MAX_BACKOFF_MS): number {
  if (failures <= 0) return intervalMs;
  return Math.min(maxMs, Math.max(intervalMs, intervalMs * 2 ** Math.min(failures, 20)));
}
