/** Average precision of a ranking by descending score (ties broken by input order). */
export function averagePrecision(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
  let hits = 0;
  let sum = 0;
  order.forEach((idx, rank) => {
    if (labels[idx] === 1) {
      hits++;
      sum += hits / (rank + 1);
    }
  });
  return hits ? sum / hits : 0;
}

/** Precision, recall and F1 of the positive class at a score threshold. */
export function positiveF1(scores: readonly number[], labels: readonly number[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const pred = s >= threshold;
    if (pred && labels[i] === 1) tp++;
    else if (pred) fp++;
    else if (labels[i] === 1) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/** The threshold (among observed scores) with the best positive-class F1. */
export function bestF1Threshold(scores: readonly number[], labels: readonly number[]): number {
  let best = 0.5;
  let bestF1 = -1;
  for (const t of [...new Set(scores)].sort((a, b) => a - b)) {
    const { f1 } = positiveF1(scores, labels, t);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = t;
    }
  }
  return best;
}

/** Deterministic pseudo-random generator (mulberry32) for reproducible baselines and test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Expected calibration error: mean |mean score − positive rate| over equal-width bins, weighted by size. */
export function expectedCalibrationError(
  scores: readonly number[],
  labels: readonly number[],
  bins = 10,
): number {
  const sum = new Float64Array(bins);
  const pos = new Float64Array(bins);
  const cnt = new Float64Array(bins);
  scores.forEach((s, i) => {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(s * bins)));
    sum[b]! += s;
    pos[b]! += labels[i] === 1 ? 1 : 0;
    cnt[b]!++;
  });
  let e = 0;
  for (let b = 0; b < bins; b++) if (cnt[b]) e += Math.abs(sum[b]! - pos[b]!) / scores.length;
  return e;
}

/** Mean MAP and positive-class F1 of a random ranking (mean over `runs` seeded permutations). */
export function randomBaseline(labels: readonly number[], runs = 100, seed = 42) {
  const rnd = seededRandom(seed);
  const rate = labels.filter((l) => l === 1).length / labels.length;
  let map = 0;
  let f1 = 0;
  for (let k = 0; k < runs; k++) {
    const s = labels.map(() => rnd());
    map += averagePrecision(s, labels) / runs;
    f1 += positiveF1(s, labels, 1 - rate).f1 / runs;
  }
  return { map, f1 };
}
