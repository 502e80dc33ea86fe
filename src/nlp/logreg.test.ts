import { describe, expect, it } from 'vitest';
import { fitPlatt, lbfgs, logit, type SparseRow, sigmoid, trainLogReg } from './logreg.js';
import { seededRandom } from './metrics.js';

const row = (pairs: Array<[number, number]>): SparseRow => ({
  idx: Int32Array.from(pairs.map((p) => p[0])),
  val: Float64Array.from(pairs.map((p) => p[1])),
});

describe('lbfgs', () => {
  it('finds the minimum of a convex quadratic', () => {
    const x = lbfgs(
      (p, g) => {
        g[0] = 2 * (p[0]! - 3);
        g[1] = 20 * (p[1]! + 1);
        return (p[0]! - 3) ** 2 + 10 * (p[1]! + 1) ** 2;
      },
      new Float64Array(2),
      100,
      1e-9,
    );
    expect(x[0]).toBeCloseTo(3, 5);
    expect(x[1]).toBeCloseTo(-1, 5);
  });
});

describe('trainLogReg', () => {
  const rnd = seededRandom(7);
  // Feature 0 signals the positive class, feature 1 the negative one, feature 2 is noise.
  const rows: SparseRow[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 400; i++) {
    const y = rnd() < 0.3 ? 1 : 0;
    const pairs: Array<[number, number]> = [[2, rnd()]];
    if (rnd() < (y ? 0.8 : 0.1)) pairs.unshift([0, 1]);
    if (rnd() < (y ? 0.1 : 0.7)) pairs.splice(1, 0, [1, 1]);
    rows.push(row(pairs));
    labels.push(y);
  }

  it('learns the sign of informative features and ignores noise', () => {
    const fit = trainLogReg(rows, labels, 3, { l2: 1e-3 });
    expect(fit.weights[0]).toBeGreaterThan(1);
    expect(fit.weights[1]).toBeLessThan(-1);
    expect(Math.abs(fit.weights[2]!)).toBeLessThan(1);
  });
  it('shrinks weights as the penalty grows and is deterministic', () => {
    const weak = trainLogReg(rows, labels, 3, { l2: 1e-4 });
    const strong = trainLogReg(rows, labels, 3, { l2: 1 });
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!));
    expect(trainLogReg(rows, labels, 3, { l2: 1e-4 })).toEqual(weak);
  });
  it('has a mean predicted probability close to the base rate (unpenalised bias)', () => {
    const fit = trainLogReg(rows, labels, 3, { l2: 1e-3 });
    const mean = rows.reduce((s, r) => s + sigmoid(logit(fit, r)), 0) / rows.length;
    const rate = labels.reduce((a, b) => a + b, 0) / labels.length;
    expect(mean).toBeCloseTo(rate, 2);
  });
});

describe('sigmoid and fitPlatt', () => {
  it('is stable at extreme logits', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });
  it('recovers a known scaling of the logits', () => {
    const rnd = seededRandom(3);
    const z: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const s = rnd() * 8 - 4;
      z.push(s);
      y.push(rnd() < sigmoid(0.5 * s - 1) ? 1 : 0);
    }
    const { a, b } = fitPlatt(z, y);
    expect(a).toBeGreaterThan(0.35);
    expect(a).toBeLessThan(0.65);
    expect(b).toBeGreaterThan(-1.3);
    expect(b).toBeLessThan(-0.7);
  });
});
