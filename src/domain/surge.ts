/**
 * Surge detection on occurrence time: pure code, no I/O.
 *
 * At each evaluation time `t` (on a fixed grid of `stepMs`) the count of a key's
 * items in the last window `(t - windowMs, t]` is compared with what a trailing
 * baseline of `baselineMs` before that window predicts. The expected count is the
 * largest of the baseline's mean per window, its mean for the same hour of day and
 * the mean of the few hours just before the window, so neither a daily rhythm nor a
 * busy day is taken for a surge (the price: a rise spread evenly over many hours is not one). A surge needs all three: at least
 * `minCount` items, `minRatio` times the expected count, and a Poisson upper tail
 * P(X ≥ count | expected) below `alpha`. An episode then stays open while the count
 * stays at least `closeRatio` times the expected count (hysteresis); a new opening
 * within `cooldownMs` of the close continues the same episode. One episode, one alert.
 */

/** Detector parameters; see `defaultSurgeOptions`. */
export interface SurgeOptions {
  windowMs: number;
  baselineMs: number;
  stepMs: number;
  minCount: number;
  minRatio: number;
  alpha: number;
  closeRatio: number;
  cooldownMs: number;
  /** Floor of the expected count per window, so an empty baseline does not make every item a surge. */
  minExpected: number;
  /** The recent level: the mean of this span before the window, so a busy day is not a surge. */
  recentMs: number;
  /** Less history than this before a window (a fresh install, a key's first import): no verdict. */
  minHistoryMs: number;
}

const HOUR = 3_600_000;

/** The last hour against the seven days before it, checked every 15 minutes. */
export const defaultSurgeOptions: SurgeOptions = {
  windowMs: HOUR,
  baselineMs: 7 * 24 * HOUR,
  stepMs: 15 * 60_000,
  minCount: 6,
  minRatio: 4,
  alpha: 1e-6,
  closeRatio: 2,
  cooldownMs: 3 * HOUR,
  minExpected: 0.1,
  minHistoryMs: 24 * HOUR,
  recentMs: 6 * HOUR,
};

/** One surge episode of a key. */
export interface SurgeEpisode {
  /** The evaluation time at which the surge was first seen (end of the first surging window). */
  detectedAt: number;
  /** The start of that first surging window. */
  windowStart: number;
  /** The last evaluation time still surging; null while the episode is open at the scan's end. */
  endedAt: number | null;
  /** The largest window count in the episode, with its expected count and p-value. */
  peakCount: number;
  expected: number;
  pValue: number;
}

/** P(X ≥ k) for X ~ Poisson(lambda), summed from k upward (stable for small tails). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  // log P(X = k) = k log λ − λ − log k!
  let logTerm = k * Math.log(lambda) - lambda - logFactorial(k);
  let sum = 0;
  for (let i = k; i < k + 1000; i++) {
    const term = Math.exp(logTerm);
    sum += term;
    if (term < sum * 1e-12) break;
    logTerm += Math.log(lambda) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

/** Number of sorted values in [lo, hi). */
function countIn(sorted: readonly number[], lo: number, hi: number): number {
  return lowerBound(sorted, hi) - lowerBound(sorted, lo);
}

function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The window count, the expected count and the test's p-value at evaluation time `t`.
 * `historyStart`: when the monitored history begins (the baseline is the part after it);
 * with less than `minHistoryMs` of it the expected count is infinite (no verdict).
 */
export function evaluateAt(
  times: readonly number[],
  t: number,
  o: SurgeOptions = defaultSurgeOptions,
  historyStart = Number.NEGATIVE_INFINITY,
) {
  const winStart = t - o.windowMs;
  // (t - window, t]: occurrence times equal to t count in this window.
  const count = countIn(times, winStart + 1, t + 1);
  const baseStart = Math.max(winStart - o.baselineMs, historyStart);
  const covered = winStart - baseStart;
  if (covered < o.minHistoryMs) return { count, expected: Number.POSITIVE_INFINITY, pValue: 1 };
  const mean = (countIn(times, baseStart + 1, winStart + 1) * o.windowMs) / covered;
  // The same window on each of the previous days inside the baseline.
  const days = Math.floor(covered / (24 * HOUR));
  let sameHour = 0;
  for (let d = 1; d <= days; d++)
    sameHour += countIn(times, winStart - d * 24 * HOUR + 1, t - d * 24 * HOUR + 1);
  const recentStart = Math.max(winStart - o.recentMs, baseStart);
  const recent =
    winStart > recentStart
      ? (countIn(times, recentStart + 1, winStart + 1) * o.windowMs) / (winStart - recentStart)
      : 0;
  const expected = Math.max(o.minExpected, mean, days > 0 ? sameHour / days : 0, recent);
  return { count, expected, pValue: poissonUpperTail(count, expected) };
}

/** Whether a window is a surge by the three conditions. */
export function isSurge(
  e: { count: number; expected: number; pValue: number },
  o: SurgeOptions = defaultSurgeOptions,
) {
  return e.count >= o.minCount && e.count >= o.minRatio * e.expected && e.pValue < o.alpha;
}

/**
 * Scans one key's occurrence times (ms, sorted ascending) at every grid point in
 * [from, to] and returns its surge episodes. Grid points are multiples of `stepMs`
 * since the epoch, so two scans over overlapping ranges see the same windows.
 * `open`: an episode already open before `from` (from an earlier scan) to continue.
 */
export function scanSurges(
  times: readonly number[],
  from: number,
  to: number,
  o: SurgeOptions = defaultSurgeOptions,
  open?: SurgeEpisode | null,
  historyStart = Number.NEGATIVE_INFINITY,
): SurgeEpisode[] {
  const out: SurgeEpisode[] = [];
  let cur: SurgeEpisode | null = open ? { ...open, endedAt: null } : null;
  let lastSurging = cur ? (open?.endedAt ?? from) : Number.NEGATIVE_INFINITY;
  let closed: SurgeEpisode | null = null;
  const first = Math.ceil(from / o.stepMs) * o.stepMs;
  for (let t = first; t <= to; t += o.stepMs) {
    const e = evaluateAt(times, t, o, historyStart);
    if (cur) {
      if (e.count >= o.closeRatio * e.expected && e.count >= Math.ceil(o.minCount / 2)) {
        lastSurging = t;
        if (e.count > cur.peakCount)
          Object.assign(cur, { peakCount: e.count, expected: e.expected, pValue: e.pValue });
      } else {
        cur.endedAt = lastSurging;
        out.push(cur);
        closed = cur;
        cur = null;
      }
    } else if (isSurge(e, o)) {
      if (closed && t - (closed.endedAt ?? t) <= o.cooldownMs) {
        // Within the cool-down: the same episode goes on.
        out.pop();
        cur = { ...closed, endedAt: null };
        if (e.count > cur.peakCount)
          Object.assign(cur, { peakCount: e.count, expected: e.expected, pValue: e.pValue });
      } else {
        cur = {
          detectedAt: t,
          windowStart: t - o.windowMs,
          endedAt: null,
          peakCount: e.count,
          expected: e.expected,
          pValue: e.pValue,
        };
      }
      lastSurging = t;
    }
  }
  if (cur) out.push(cur);
  return out;
}
