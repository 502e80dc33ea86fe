import type { SparseRow } from './logreg.js';

/** A fitted TF-IDF vocabulary over distinct feature names (binary term frequency). */
export interface Vectoriser {
  index: Map<number, number>;
  /** Feature ids in vocabulary order. */
  names: number[];
  idf: Float64Array;
  /** idf given to features outside the vocabulary (as if seen in one document); they count in the norm only. */
  defaultIdf: number;
}

/** Smoothed idf: ln((1 + N) / (1 + df)) + 1, as in scikit-learn. */
export function idfOf(n: number, df: number): number {
  return Math.log((1 + n) / (1 + df)) + 1;
}

/** Vocabulary of features found in at least `minDf` documents, in sorted order (deterministic). */
export function fitVectoriser(docs: readonly number[][], minDf: number): Vectoriser {
  const df = new Map<number, number>();
  for (const d of docs) for (const f of d) df.set(f, (df.get(f) ?? 0) + 1);
  const names = [...df.entries()]
    .filter(([, c]) => c >= minDf)
    .map(([f]) => f)
    .sort((x, y) => x - y);
  const index = new Map(names.map((f, i) => [f, i]));
  const idf = Float64Array.from(names, (f) => idfOf(docs.length, df.get(f)!));
  return { index, names, idf, defaultIdf: idfOf(docs.length, 1) };
}

/** L2-normalised TF-IDF row of one document's distinct features. */
export function vectorise(v: Vectoriser, doc: readonly number[]): SparseRow {
  const idx: number[] = [];
  const val: number[] = [];
  let sumSq = 0;
  for (const f of doc) {
    const j = v.index.get(f);
    const w = j === undefined ? v.defaultIdf : v.idf[j]!;
    sumSq += w * w;
    if (j !== undefined) {
      idx.push(j);
      val.push(w);
    }
  }
  const norm = sumSq > 0 ? Math.sqrt(sumSq) : 1;
  return { idx: Int32Array.from(idx), val: Float64Array.from(val, (x) => x / norm) };
}

/** Binary (0/1) rows over the vocabulary: the plain bag-of-words encoding of the baseline. */
export function binaryRow(v: Vectoriser, doc: readonly number[]): SparseRow {
  const idx = doc.map((f) => v.index.get(f) ?? -1).filter((j) => j >= 0);
  return { idx: Int32Array.from(idx), val: new Float64Array(idx.length).fill(1) };
}
