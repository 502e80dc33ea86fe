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
  hashes: ArrayLike<number>,
  scale: number,
  idf: (h: number) => number,
  out: Map<number, number>,
): void {
  tf.clear();
  for (let i = 0; i < hashes.length; i++) tf.set(hashes[i]!, (tf.get(hashes[i]!) ?? 0) + 1);
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
 * The query of a match spread over an array indexed by feature id (0 where the
 * query lacks the feature), so that scoring a stored document is one array read
 * per document feature: no hashing and no probing (the documents in a
 * {@link DocArena} store feature ids). Gives exactly {@link scoreDoc}'s result:
 * the same products (query weights rounded to 32-bit floats) summed in the
 * same order (the document's ascending keys). One instance is reused for every
 * query (callers are synchronous); {@link clear} resets only what was loaded.
 */
export class DenseQuery {
  private weights = new Float64Array(1024);
  private loaded = new Int32Array(256);
  private n = 0;
  /** Results of the last {@link scoreRun} call. */
  score = 0;
  coverage = 0;

  /** Loads `n` (feature id, weight) pairs; ids below 0 (features no document has) are left out. */
  load(ids: ArrayLike<number>, weights: ArrayLike<number>, n: number, featureCount: number): void {
    this.clear();
    if (this.weights.length < featureCount) {
      let cap = this.weights.length;
      while (cap < featureCount) cap *= 2;
      this.weights = new Float64Array(cap);
    }
    if (this.loaded.length < n) this.loaded = new Int32Array(2 * n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const id = ids[i]!;
      if (id < 0) continue;
      // A weight that rounds to 0 could not be told from "absent"; the smallest positive float keeps it present.
      this.weights[id] = Math.fround(weights[i]!) || Number.MIN_VALUE;
      this.loaded[m++] = id;
    }
    this.n = m;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) this.weights[this.loaded[i]!] = 0;
    this.n = 0;
  }

  /** Sets {@link score} and {@link coverage} for a document stored in a {@link DocArena} (cells `from` to `to`). */
  // `total` is the document's squared norm as {@link DocArena} stores it (the same sum in the same order).
  scoreRun(cells: Float32Array, cellIds: Int32Array, from: number, to: number, total: number): void {
    let score = 0;
    let covered = 0;
    const q = this.weights;
    for (let i = 2 * from; i < 2 * to; i += 2) {
      const x = q[cellIds[i]!]!;
      if (x !== 0) {
        const w = cells[i + 1]!;
        score += x * w;
        covered += w * w;
      }
    }
    this.score = score;
    this.coverage = total > 0 ? covered / total : 0;
  }
}

/**
 * Feature hash → small integer id, as an open-addressing table over typed
 * arrays: a lookup touches one or two cache lines, where a `Map` of a million
 * entries costs several misses (the query side looks up every feature of every text).
 */
export class FeatureTable {
  // Key and id side by side (`cells[2s]`, `cells[2s + 1]`): a lookup reads one cache line, not two.
  private cells = new Int32Array(2 << 16).fill(-1);
  private mask = (1 << 16) - 1;
  size = 0;

  /** The id of a feature hash, or −1. */
  get(h: number): number {
    const x = h | 0;
    const cells = this.cells;
    let slot = Math.imul(x, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= this.mask;
      const v = cells[2 * slot + 1]!;
      if (v < 0 || cells[2 * slot] === x) return v;
      slot++;
    }
  }

  /** Sets the id of a feature hash (ids are non-negative). */
  set(h: number, id: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    const x = h | 0;
    const cells = this.cells;
    let slot = Math.imul(x, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= this.mask;
      if (cells[2 * slot + 1]! < 0) {
        this.size++;
        break;
      }
      if (cells[2 * slot] === x) break;
      slot++;
    }
    cells[2 * slot] = x;
    cells[2 * slot + 1] = id;
  }

  private grow(): void {
    const old = this.cells;
    this.cells = new Int32Array(2 * old.length).fill(-1);
    this.mask = old.length - 1;
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1]! >= 0) this.set(old[i]!, old[i + 1]!);
  }
}

/**
 * Stored document vectors in one buffer: document `d` occupies cells
 * `start[d]` to `start[d + 1]` (exclusive) in its keys' ascending order, each
 * cell the key's feature id (`keys[2i]`) and its weight (`cells[2i + 1]`, a 32-bit float).
 */
export class DocArena {
  private buf = new ArrayBuffer(1 << 16);
  keys = new Int32Array(this.buf);
  cells = new Float32Array(this.buf);
  start: number[] = [0];
  /** Each document's squared norm over its stored (32-bit) weights. */
  norm2: number[] = [];

  /** Stores a vector; `idOf` gives each key's feature id (a non-negative integer). */
  add(v: SparseVector, idOf: (key: number) => number): void {
    const from = this.start[this.start.length - 1]!;
    const to = from + v.keys.length;
    if (2 * to > this.keys.length) {
      let size = this.buf.byteLength;
      while (size < 8 * to) size *= 2;
      const next = new ArrayBuffer(size);
      new Int32Array(next).set(this.keys.subarray(0, 2 * from));
      this.buf = next;
      this.keys = new Int32Array(next);
      this.cells = new Float32Array(next);
    }
    let norm2 = 0;
    for (let i = 0; i < v.keys.length; i++) {
      this.keys[2 * (from + i)] = idOf(v.keys[i]!);
      this.cells[2 * (from + i) + 1] = v.weights[i]!;
      const w = this.cells[2 * (from + i) + 1]!;
      norm2 += w * w;
    }
    this.start.push(to);
    this.norm2.push(norm2);
  }
}

/**
 * Builds the query vector of a match, the vector {@link tfidfVector} defines (same keys,
 * same weights up to rounding), together with each key's feature id in the index (−1 when the
 * index does not know it): one map lookup per distinct feature gives both the
 * IDF and the posting list. Its buffers are reused by the next call (callers
 * are synchronous), so the result is valid until then.
 */
export class QueryBuilder {
  private sort = new Uint32Array(256);
  private side = [new QuerySide(), new QuerySide()] as const;
  keys = new Uint32Array(256);
  weights = new Float64Array(256);
  feats = new Int32Array(256);
  n = 0;

  constructor(
    private readonly featId: FeatureTable,
    private readonly featIdf: ArrayLike<number>,
    private readonly unseenIdf: number,
  ) {}

  build(f: ClaimFeatures, prefixShare: number): this {
    const a = this.side[0];
    const b = this.side[1];
    a.n = 0;
    b.n = 0;
    if (prefixShare > 0) this.fill(a, f.prefixes, Math.sqrt(prefixShare));
    if (prefixShare < 1) this.fill(b, f.grams, Math.sqrt(1 - prefixShare));
    this.ensure(a.n + b.n);
    const { keys, weights, feats } = this;
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < a.n || j < b.n) {
      if (j >= b.n || (i < a.n && a.keys[i]! < b.keys[j]!)) {
        keys[n] = a.keys[i]!;
        feats[n] = a.feats[i]!;
        weights[n++] = a.weights[i++]!;
      } else if (i >= a.n || b.keys[j]! < a.keys[i]!) {
        keys[n] = b.keys[j]!;
        feats[n] = b.feats[j]!;
        weights[n++] = b.weights[j++]!;
      } else {
        keys[n] = a.keys[i]!;
        feats[n] = a.feats[i]!;
        weights[n++] = a.weights[i++]! + b.weights[j++]!;
      }
    }
    this.n = n;
    return this;
  }

  private ensure(n: number): void {
    if (n <= this.keys.length) return;
    let cap = this.keys.length;
    while (cap < n) cap *= 2;
    this.keys = new Uint32Array(cap);
    this.weights = new Float64Array(cap);
    this.feats = new Int32Array(cap);
  }

  private fill(out: QuerySide, hashes: ArrayLike<number>, scale: number): void {
    if (this.sort.length < hashes.length) this.sort = new Uint32Array(hashes.length * 2);
    const sorted = this.sort.subarray(0, hashes.length);
    sorted.set(hashes);
    sorted.sort();
    out.ensure(sorted.length);
    let n = 0;
    let norm = 0;
    for (let i = 0; i < sorted.length; ) {
      const h = sorted[i]!;
      let j = i + 1;
      while (j < sorted.length && sorted[j] === h) j++;
      const fi = this.featId.get(h);
      const idf = fi < 0 ? this.unseenIdf : this.featIdf[fi]!;
      const x = j - i === 1 ? idf : (1 + Math.log(j - i)) * idf;
      out.keys[n] = h;
      out.feats[n] = fi;
      out.weights[n++] = x;
      norm += x * x;
      i = j;
    }
    const k = scale / (Math.sqrt(norm) || 1);
    for (let i = 0; i < n; i++) out.weights[i]! *= k;
    out.n = n;
  }
}

class QuerySide {
  keys = new Uint32Array(256);
  weights = new Float64Array(256);
  feats = new Int32Array(256);
  n = 0;
  ensure(n: number): void {
    if (n <= this.keys.length) return;
    this.keys = new Uint32Array(n * 2);
    this.weights = new Float64Array(n * 2);
    this.feats = new Int32Array(n * 2);
  }
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
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) out[i] = heap[i]!;
  return out;
}

/**
 * Posting lists (document, weight) per feature id. Most lists live in three
 * typed arrays (offsets, documents, weights), which the garbage collector never
 * walks and which take 12 bytes a posting. Before the first {@link compact}
 * (while an index is built) postings are collected in flat typed buffers;
 * after it, postings added to a list (a confirmed example) wait in small JS
 * arrays until the next compaction. A list keeps the order its postings were
 * added in.
 */
export class PostingLists {
  /** Postings of compacted feature f: `docs`/`weights` from `start[f]` to `start[f + 1]`. */
  start = new Int32Array(1);
  docs = new Int32Array(0);
  weights = new Float64Array(0);
  private compacted = false;
  private pendingFeature = new Int32Array(1024);
  private pendingDoc = new Int32Array(1024);
  private pendingWeight = new Float64Array(1024);
  private pending = 0;
  private tailDocs = new Map<number, number[]>();
  private tailWeights = new Map<number, number[]>();
  private tailSize = 0;

  add(feature: number, doc: number, weight: number): void {
    if (!this.compacted) {
      if (this.pending === this.pendingFeature.length) this.growPending();
      this.pendingFeature[this.pending] = feature;
      this.pendingDoc[this.pending] = doc;
      this.pendingWeight[this.pending++] = weight;
      return;
    }
    const d = this.tailDocs.get(feature);
    if (d) {
      d.push(doc);
      this.tailWeights.get(feature)!.push(weight);
    } else {
      this.tailDocs.set(feature, [doc]);
      this.tailWeights.set(feature, [weight]);
    }
    this.tailSize++;
  }

  private growPending(): void {
    const n = this.pendingFeature.length * 2;
    const f = new Int32Array(n);
    const d = new Int32Array(n);
    const w = new Float64Array(n);
    f.set(this.pendingFeature);
    d.set(this.pendingDoc);
    w.set(this.pendingWeight);
    this.pendingFeature = f;
    this.pendingDoc = d;
    this.pendingWeight = w;
  }

  /** Compacts when the waiting postings reach a quarter of the compact ones (amortised). */
  maybeCompact(): void {
    if (this.tailSize > Math.max(4096, this.docs.length / 4)) this.compact();
  }

  /** Postings of `feature` added since the last compaction (undefined when none). Call after the first {@link compact}. */
  tail(feature: number): number[] | undefined {
    return this.tailSize ? this.tailDocs.get(feature) : undefined;
  }
  tailWeightsOf(feature: number): number[] {
    return this.tailWeights.get(feature)!;
  }

  /** Number of postings of `feature` (after the first {@link compact}). */
  length(feature: number): number {
    const base = feature + 1 < this.start.length ? this.start[feature + 1]! - this.start[feature]! : 0;
    return base + (this.tailSize ? (this.tailDocs.get(feature)?.length ?? 0) : 0);
  }

  compact(): void {
    const old = this.start.length - 1;
    let features = old;
    for (let i = 0; i < this.pending; i++)
      if (this.pendingFeature[i]! + 1 > features) features = this.pendingFeature[i]! + 1;
    for (const f of this.tailDocs.keys()) if (f + 1 > features) features = f + 1;
    // Counting sort by feature: old postings, then the pending buffer, then the tails, each in order.
    const count = new Int32Array(features + 1);
    for (let f = 0; f < old; f++) count[f + 1] = this.start[f + 1]! - this.start[f]!;
    for (let i = 0; i < this.pending; i++) count[this.pendingFeature[i]! + 1]!++;
    for (const [f, d] of this.tailDocs) count[f + 1]! += d.length;
    for (let f = 0; f < features; f++) count[f + 1]! += count[f]!;
    const start = count;
    const docs = new Int32Array(start[features]!);
    const weights = new Float64Array(start[features]!);
    const cursor = new Int32Array(features);
    for (let f = 0; f < features; f++) {
      cursor[f] = start[f]!;
      if (f < old) {
        const from = this.start[f]!;
        const to = this.start[f + 1]!;
        docs.set(this.docs.subarray(from, to), cursor[f]!);
        weights.set(this.weights.subarray(from, to), cursor[f]!);
        cursor[f]! += to - from;
      }
    }
    for (let i = 0; i < this.pending; i++) {
      const f = this.pendingFeature[i]!;
      const k = cursor[f]!++;
      docs[k] = this.pendingDoc[i]!;
      weights[k] = this.pendingWeight[i]!;
    }
    for (const [f, d] of this.tailDocs) {
      docs.set(d, cursor[f]!);
      weights.set(this.tailWeights.get(f)!, cursor[f]!);
    }
    this.start = start;
    this.docs = docs;
    this.weights = weights;
    this.compacted = true;
    this.pending = 0;
    this.pendingFeature = new Int32Array(0);
    this.pendingDoc = new Int32Array(0);
    this.pendingWeight = new Float64Array(0);
    this.tailDocs.clear();
    this.tailWeights.clear();
    this.tailSize = 0;
  }
}
