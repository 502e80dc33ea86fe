/**
 * Sparse binary logistic regression with an L2 penalty (bias not penalised),
 * fitted by L-BFGS on the full batch. Deterministic: same data, same order,
 * same weights. natural's LogisticRegressionClassifier keeps dense
 * document x feature matrices, far too slow for a 50k-feature vocabulary.
 */

/** A sparse row: feature indices and their values (same length). */
export interface SparseRow {
  idx: Int32Array;
  val: Float64Array;
}

/** Training options. */
export interface LogRegOptions {
  /** L2 strength λ of (λ/2)·‖w‖² added to the mean log-loss. */
  l2: number;
  /** Maximum L-BFGS iterations. */
  maxIter?: number;
  /** Stop when the gradient's max-norm falls below this. */
  tolerance?: number;
}

/** Fitted weights over feature indices and the bias. */
export interface LogRegFit {
  weights: Float64Array;
  bias: number;
}

/** Raw score (logit) of one row. */
export function logit(fit: LogRegFit, row: SparseRow): number {
  let z = fit.bias;
  for (let k = 0; k < row.idx.length; k++) z += fit.weights[row.idx[k]!]! * row.val[k]!;
  return z;
}

/** Logistic function, safe for large |z|. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Fits weights for `dim` features on rows with 0/1 labels. */
export function trainLogReg(
  rows: readonly SparseRow[],
  labels: readonly number[],
  dim: number,
  opts: LogRegOptions,
) {
  const { l2, maxIter = 200, tolerance = 1e-5 } = opts;
  const n = rows.length;
  // Parameter vector: weights then bias at index dim.
  const loss = (p: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let f = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      let z = p[dim]!;
      for (let k = 0; k < r.idx.length; k++) z += p[r.idx[k]!]! * r.val[k]!;
      const y = labels[i]!;
      // log(1 + e^z) - y·z, computed stably
      f += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
      const e = (sigmoid(z) - y) / n;
      for (let k = 0; k < r.idx.length; k++) g[r.idx[k]!]! += e * r.val[k]!;
      g[dim]! += e;
    }
    f /= n;
    for (let j = 0; j < dim; j++) {
      f += 0.5 * l2 * p[j]! * p[j]!;
      g[j]! += l2 * p[j]!;
    }
    return f;
  };
  const p = lbfgs(loss, new Float64Array(dim + 1), maxIter, tolerance);
  return { weights: p.subarray(0, dim), bias: p[dim]! } satisfies LogRegFit;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

/** Minimises a smooth convex function (limited-memory BFGS, m = 8, backtracking Armijo search). */
export function lbfgs(
  fn: (x: Float64Array, grad: Float64Array) => number,
  x0: Float64Array,
  maxIter: number,
  tolerance: number,
): Float64Array {
  const m = 8;
  const x = Float64Array.from(x0);
  const g = new Float64Array(x.length);
  let f = fn(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const xNew = new Float64Array(x.length);
  const gNew = new Float64Array(x.length);
  for (let it = 0; it < maxIter; it++) {
    let gMax = 0;
    for (const v of g) gMax = Math.max(gMax, Math.abs(v));
    if (gMax < tolerance) break;
    // Two-loop recursion: d = -H·g
    const d = Float64Array.from(g, (v) => -v);
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = dot(S[k]!, d) / dot(Y[k]!, S[k]!);
      alpha[k] = a;
      for (let j = 0; j < d.length; j++) d[j]! -= a * Y[k]![j]!;
    }
    if (S.length) {
      const last = S.length - 1;
      const gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let j = 0; j < d.length; j++) d[j]! *= gamma;
    }
    for (let k = 0; k < S.length; k++) {
      const b = dot(Y[k]!, d) / dot(Y[k]!, S[k]!);
      for (let j = 0; j < d.length; j++) d[j]! += S[k]![j]! * (alpha[k]! - b);
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      for (let j = 0; j < d.length; j++) d[j] = -g[j]!;
      slope = dot(g, d);
      S.length = 0;
      Y.length = 0;
    }
    let step = S.length ? 1 : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    let fNew = f;
    for (let ls = 0; ls < 40; ls++, step /= 2) {
      for (let j = 0; j < x.length; j++) xNew[j] = x[j]! + step * d[j]!;
      fNew = fn(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
    }
    if (!(fNew < f)) break;
    const s = new Float64Array(x.length);
    const y = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) {
      s[j] = xNew[j]! - x[j]!;
      y[j] = gNew[j]! - g[j]!;
    }
    if (dot(s, y) > 1e-12) {
      S.push(s);
      Y.push(y);
      if (S.length > m) {
        S.shift();
        Y.shift();
      }
    }
    x.set(xNew);
    g.set(gNew);
    const converged = f - fNew < 1e-10 * Math.max(1, Math.abs(f));
    f = fNew;
    if (converged) break;
  }
  return x;
}

/** Platt scaling: fits p = σ(a·z + b) to held-out logits and labels (no penalty). */
export function fitPlatt(logits: readonly number[], labels: readonly number[]): { a: number; b: number } {
  const rows = logits.map((z) => ({ idx: Int32Array.of(0), val: Float64Array.of(z) }));
  const fit = trainLogReg(rows, labels, 1, { l2: 0, maxIter: 100, tolerance: 1e-8 });
  return { a: fit.weights[0]!, b: fit.bias };
}
