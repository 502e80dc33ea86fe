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
  out = new Map<number, number>(),
): Map<number, number> {
  if (prefixShare > 0) addSide(f.prefixes, Math.sqrt(prefixShare), idf, out);
  if (prefixShare < 1) addSide(f.grams, Math.sqrt(1 - prefixShare), idf, out);
  return out;
}

// Reused between calls (every caller is synchronous) to spare the garbage collector.
const tf = new Map<number, number>();

function addSide(
  hashes: number[],
  scale: number,
  idf: (h: number) => number,
  out: Map<number, number>,
): void {
  tf.clear();
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

/** Compact form of a vector, sorted by feature hash (so two vectors merge without hashing). */
export function toSparse(v: Map<number, number>): SparseVector {
  const keys = Uint32Array.from(v.keys()).sort();
  const weights = new Float32Array(keys.length);
  for (let i = 0; i < keys.length; i++) weights[i] = v.get(keys[i]!)!;
  return { keys, weights };
}

/**
 * Exact dot product of a stored document with the query (both sorted), and
 * the document's coverage: the share of its (squared) weight on features the
 * query also has, i.e. how much of the claim the post actually says.
 */
export function scoreDoc(doc: SparseVector, query: SparseVector): { score: number; coverage: number } {
  let score = 0;
  let covered = 0;
  let total = 0;
  const dk = doc.keys;
  const qk = query.keys;
  let j = 0;
  for (let i = 0; i < dk.length; i++) {
    const w = doc.weights[i]!;
    total += w * w;
    const h = dk[i]!;
    while (j < qk.length && qk[j]! < h) j++;
    if (j < qk.length && qk[j] === h) {
      score += query.weights[j]! * w;
      covered += w * w;
    }
  }
  return { score, coverage: total > 0 ? covered / total : 0 };
}

/**
 * Indices of the `k` largest `values[items[i]]` for i < n, unordered: a
 * bounded min-heap over typed arrays (called once per query on every touched document).
 */
export function topIndices(items: Int32Array, n: number, values: Float64Array, k: number): number[] {
  const heap = new Int32Array(Math.min(k, n));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const x = items[i]!;
    const vx = values[x]!;
    if (size < heap.length) {
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (values[heap[p]!]! <= vx) break;
        heap[j] = heap[p]!;
        j = p;
      }
      heap[j] = x;
    } else if (size > 0 && vx > values[heap[0]!]!) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && values[heap[r]!]! < values[heap[l]!]! ? r : l;
        if (values[heap[c]!]! >= vx) break;
        heap[j] = heap[c]!;
        j = c;
      }
      heap[j] = x;
    }
  }
  return Array.from(heap.subarray(0, size));
}
