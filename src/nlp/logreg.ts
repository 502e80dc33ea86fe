/**
 * Sparse binary logistic regression (L2, full-batch gradient descent with
 * AdaGrad steps). Deterministic: same data, same order, same weights.
 * natural's LogisticRegressionClassifier keeps dense document x feature
 * matrices, which is too slow and memory-hungry for a 10k-feature vocabulary.
 */
export interface LogRegModel {
  bias: number;
  weights: Record<string, number>;
}

/** Training options. */
export interface LogRegOptions {
  epochs?: number;
  l2?: number;
  learningRate?: number;
  /** Weight of positive examples (class imbalance). */
  positiveWeight?: number;
  /** Drop features seen in fewer documents than this. */
  minCount?: number;
}

/** Trains on binary feature lists with 0/1 labels. */
export function trainLogReg(docs: string[][], labels: number[], opts: LogRegOptions = {}): LogRegModel {
  const { epochs = 200, l2 = 1e-3, learningRate = 0.5, positiveWeight = 1, minCount = 2 } = opts;
  const counts = new Map<string, number>();
  for (const d of docs) for (const f of d) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocab = [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const X = docs.map((d) => Int32Array.from(d.map((f) => index.get(f) ?? -1).filter((i) => i >= 0)));
  const w = new Float64Array(vocab.length);
  const g2 = new Float64Array(vocab.length).fill(1e-8);
  let b = 0;
  let gb2 = 1e-8;
  const n = docs.length;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = new Float64Array(vocab.length);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      let z = b;
      for (let k = 0; k < x.length; k++) z += w[x[k]!]!;
      const p = 1 / (1 + Math.exp(-z));
      const y = labels[i]!;
      const sw = y === 1 ? positiveWeight : 1;
      const err = (p - y) * sw;
      gb += err;
      for (let k = 0; k < x.length; k++) grad[x[k]!]! += err;
    }
    for (let j = 0; j < w.length; j++) {
      const gj = grad[j]! / n + l2 * w[j]!;
      g2[j]! += gj * gj;
      w[j]! -= (learningRate * gj) / Math.sqrt(g2[j]!);
    }
    gb /= n;
    gb2 += gb * gb;
    b -= (learningRate * gb) / Math.sqrt(gb2);
  }
  const weights: Record<string, number> = {};
  vocab.forEach((f, j) => {
    const v = Math.round(w[j]! * 1e5) / 1e5;
    if (v !== 0) weights[f] = v;
  });
  return { bias: Math.round(b * 1e5) / 1e5, weights };
}

/** Probability of the positive class. */
export function predictLogReg(model: LogRegModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
