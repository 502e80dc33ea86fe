/**
 * A generated stream of occurrence times for surge tests and the benchmark: topics
 * with rates from quiet (a few a day) to busy (several an hour), a daily rhythm,
 * day-to-day overdispersion (a gamma-distributed daily factor) and an optional
 * planted spike. Deterministic for a seed.
 */

import { seededRandom } from '../nlp/metrics.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const rng = seededRandom;

function poisson(lambda: number, r: () => number): number {
  // Knuth's method is fine for the small rates here; split large ones.
  if (lambda > 30) return poisson(lambda / 2, r) + poisson(lambda / 2, r);
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

/** Gamma(shape k, mean 1) by summing exponentials (k integer). */
function gammaMean1(k: number, r: () => number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s -= Math.log(1 - r());
  return s / k;
}

/** Stream options: `start` defaults to 2026-01-05 00:00 UTC. */
export interface StreamOptions {
  topics: number;
  days: number;
  seed: number;
  start?: number;
  spike?: { key: string; at: number; perHour: number; hours: number };
}

/** Occurrence times (ms, sorted) per key `topic-<n>`. */
export function generateStream(o: StreamOptions): Map<string, number[]> {
  const r = rng(o.seed);
  const start = o.start ?? Date.UTC(2026, 0, 5);
  const out = new Map<string, number[]>();
  for (let k = 0; k < o.topics; k++) {
    // Log-uniform base rate between 0.05 and 5 per hour.
    const base = 0.05 * 100 ** r();
    const phase = r() * 24;
    const times: number[] = [];
    for (let d = 0; d < o.days; d++) {
      const dayFactor = gammaMean1(4, r);
      for (let h = 0; h < 24; h++) {
        const rhythm = 1 + 0.6 * Math.sin(((h + phase) / 24) * 2 * Math.PI);
        const n = poisson(base * dayFactor * rhythm, r);
        const hourStart = start + d * DAY + h * HOUR;
        for (let i = 0; i < n; i++) times.push(hourStart + Math.floor(r() * HOUR));
      }
    }
    out.set(`topic-${k}`, times);
  }
  if (o.spike) {
    const times = out.get(o.spike.key) ?? [];
    const n = Math.round(o.spike.perHour * o.spike.hours);
    for (let i = 0; i < n; i++) times.push(o.spike.at + Math.floor(r() * o.spike.hours * HOUR));
    out.set(o.spike.key, times);
  }
  for (const t of out.values()) t.sort((a, b) => a - b);
  return out;
}
