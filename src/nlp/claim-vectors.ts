import type { ClaimFeatures } from './claim-features.js';

/** A sparse document vector: feature hashes and their weights (unit length per side, scaled). */
export interface SparseVector {
  keys: Uint32Array;
  weights: Float32Array;
}

/**
 * TF-IDF vector of a text: (1 + ln tf) × idf per side, each side L2-normalised
 * and scaled by the square root of its share, so the dot product of two
 * vectors is share × cosine(prefixes) + (1 − share) × cosine(n-grams).
 */
export function tfidfVector(
  f: ClaimFeatures,
  prefixShare: number,
  idf: (h: number) => number,
): Map<number, number> {
  const out = new Map<number, number>();
  if (prefixShare > 0) addSide(f.prefixes, Math.sqrt(prefixShare), idf, out);
  if (prefixShare < 1) addSide(f.grams, Math.sqrt(1 - prefixShare), idf, out);
  return out;
}

function addSide(
  hashes: number[],
  scale: number,
  idf: (h: number) => number,
  out: Map<number, number>,
): void {
  const tf = new Map<number, number>();
  for (const h of hashes) tf.set(h, (tf.get(h) ?? 0) + 1);
  let norm = 0;
  for (const [h, c] of tf) {
    const x = (1 + Math.log(c)) * idf(h);
    tf.set(h, x);
    norm += x * x;
  }
  const k = scale / (Math.sqrt(norm) || 1);
  for (const [h, x] of tf) out.set(h, (out.get(h) ?? 0) + x * k);
}

/** Compact form of a vector for storage. */
export function toSparse(v: Map<number, number>): SparseVector {
  const keys = new Uint32Array(v.size);
  const weights = new Float32Array(v.size);
  let i = 0;
  for (const [h, w] of v) {
    keys[i] = h;
    weights[i++] = w;
  }
  return { keys, weights };
}

/**
 * Exact dot product of a stored document with the query, and the document's
 * coverage: the share of its (squared) weight on features the query also has,
 * i.e. how much of the claim the post actually says.
 */
export function scoreDoc(doc: SparseVector, query: Map<number, number>): { score: number; coverage: number } {
  let score = 0;
  let covered = 0;
  let total = 0;
  for (let i = 0; i < doc.keys.length; i++) {
    const w = doc.weights[i]!;
    total += w * w;
    const q = query.get(doc.keys[i]!);
    if (q !== undefined) {
      score += q * w;
      covered += w * w;
    }
  }
  return { score, coverage: total > 0 ? covered / total : 0 };
}

/** Indices of the `k` largest values among `items` (by `value`), unordered; a bounded min-heap. */
export function topIndices(items: Int32Array, n: number, value: (i: number) => number, k: number): number[] {
  const heap: number[] = [];
  const v = (j: number) => value(heap[j]!);
  const down = (j: number) => {
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      if (l < heap.length && v(l) < v(m)) m = l;
      if (r < heap.length && v(r) < v(m)) m = r;
      if (m === j) return;
      [heap[j], heap[m]] = [heap[m]!, heap[j]!];
      j = m;
    }
  };
  for (let i = 0; i < n; i++) {
    const x = items[i]!;
    if (heap.length < k) {
      heap.push(x);
      for (let j = heap.length - 1; j > 0; ) {
        const p = (j - 1) >> 1;
        if (v(p) <= v(j)) break;
        [heap[j], heap[p]] = [heap[p]!, heap[j]!];
        j = p;
      }
    } else if (value(x) > v(0)) {
      heap[0] = x;
      down(0);
    }
  }
  return heap;
}
