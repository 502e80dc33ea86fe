import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  bestF1Threshold,
  expectedCalibrationError,
  positiveF1,
  randomBaseline,
  seededRandom,
} from './metrics.js';

describe('averagePrecision', () => {
  it('is 1 for a perfect ranking and averages precision at each hit', () => {
    expect(averagePrecision([0.9, 0.8, 0.1], [1, 1, 0])).toBe(1);
    // hits at ranks 2 and 3: (1/2 + 2/3) / 2
    expect(averagePrecision([0.9, 0.8, 0.7], [0, 1, 1])).toBeCloseTo((0.5 + 2 / 3) / 2, 10);
    expect(averagePrecision([0.5, 0.4], [0, 0])).toBe(0);
  });
});

describe('positiveF1 and bestF1Threshold', () => {
  it('counts predictions at or above the threshold as positive', () => {
    const r = positiveF1([0.9, 0.6, 0.4, 0.2], [1, 0, 1, 0], 0.5);
    expect(r.precision).toBe(0.5);
    expect(r.recall).toBe(0.5);
    expect(r.f1).toBe(0.5);
  });
  it('picks the threshold with the best F1', () => {
    expect(bestF1Threshold([0.9, 0.8, 0.3, 0.2], [1, 1, 0, 0])).toBe(0.8);
  });
});

describe('expectedCalibrationError', () => {
  it('is 0 when scores equal observed rates and grows with miscalibration', () => {
    const labels = [1, 0, 1, 0];
    expect(expectedCalibrationError([0.5, 0.5, 0.5, 0.5], labels)).toBeCloseTo(0, 10);
    expect(expectedCalibrationError([0.95, 0.95, 0.95, 0.95], labels)).toBeCloseTo(0.45, 10);
  });
});

describe('randomBaseline and seededRandom', () => {
  it('gives a MAP near the positive rate, reproducibly', () => {
    const rnd = seededRandom(1);
    const labels = Array.from({ length: 1000 }, () => (rnd() < 0.2 ? 1 : 0));
    const rate = labels.filter(Boolean).length / labels.length;
    const r = randomBaseline(labels, 20);
    expect(r.map).toBeGreaterThan(rate - 0.03);
    expect(r.map).toBeLessThan(rate + 0.03);
    expect(randomBaseline(labels, 20)).toEqual(r);
  });
});
