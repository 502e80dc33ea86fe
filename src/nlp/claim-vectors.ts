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

/**
 * The same vector as {@link tfidfVector}, for the query side of a match: built
 * by sorting the hashes instead of counting them in `Map`s (once per tagged
 * text, so it must not allocate per feature). Keys sorted ascending.
 */
export function queryVector(
  f: ClaimFeatures,
  prefixShare: number,
  idf: (h: number) => number,
): { keys: Uint32Array; weights: Float64Array } {
  const a = prefixShare > 0 ? sortedSide(f.prefixes, Math.sqrt(prefixShare), idf) : EMPTY;
  const b = prefixShare < 1 ? sortedSide(f.grams, Math.sqrt(1 - prefixShare), idf) : EMPTY;
  const keys = new Uint32Array(a.n + b.n);
  const weights = new Float64Array(a.n + b.n);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.n || j < b.n) {
    if (j >= b.n || (i < a.n && a.keys[i]! < b.keys[j]!)) {
      keys[n] = a.keys[i]!;
      weights[n++] = a.weights[i++]!;
    } else if (i >= a.n || b.keys[j]! < a.keys[i]!) {
      keys[n] = b.keys[j]!;
      weights[n++] = b.weights[j++]!;
    } else {
      keys[n] = a.keys[i]!;
      weights[n++] = a.weights[i++]! + b.weights[j++]!;
    }
  }
  return { keys: keys.subarray(0, n), weights: weights.subarray(0, n) };
}

interface Side {
  keys: Uint32Array;
  weights: Float64Array;
  n: number;
}
const EMPTY: Side = { keys: new Uint32Array(0), weights: new Float64Array(0), n: 0 };

function sortedSide(hashes: number[], scale: number, idf: (h: number) => number): Side {
  const sorted = Uint32Array.from(hashes).sort();
  const keys = new Uint32Array(sorted.length);
  const weights = new Float64Array(sorted.length);
  let n = 0;
  let norm = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    const x = (1 + Math.log(j - i)) * idf(sorted[i]!);
    keys[n] = sorted[i]!;
    weights[n++] = x;
    norm += x * x;
    i = j;
  }
  const k = scale / (Math.sqrt(norm) || 1);
  for (let i = 0; i < n; i++) weights[i]! *= k;
  return { keys, weights, n };
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
