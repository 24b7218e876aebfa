import { describe, expect, it } from 'vitest';
import { logLoss, prAuc, prCurve, rocAuc } from './metrics.ts';

describe('forecast metrics (hand-computed)', () => {
  it('ROC-AUC counts pairs ranked right, ties half', () => {
    // positives 0.9, 0.4; negatives 0.8, 0.1: pairs (0.9>0.8, 0.9>0.1, 0.4<0.8, 0.4>0.1) = 3/4
    expect(rocAuc([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1])).toBeCloseTo(0.75, 12);
    // one positive tied with one of two negatives: (0.5 + 1) / 2
    expect(rocAuc([1, 0, 0], [0.5, 0.5, 0.2])).toBeCloseTo(0.75, 12);
    expect(rocAuc([1, 1, 0], [0.9, 0.8, 0.1])).toBe(1);
    expect(rocAuc([0, 0], [0.9, 0.8])).toBeNaN();
  });

  it('PR curve as yardstick draws it: starts at (0, 1), one point per distinct probability', () => {
    expect(prCurve([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1])).toEqual([
      { threshold: Infinity, recall: 0, precision: 1 },
      { threshold: 0.9, recall: 0.5, precision: 1 },
      { threshold: 0.8, recall: 0.5, precision: 0.5 },
      { threshold: 0.4, recall: 1, precision: 2 / 3 },
      { threshold: 0.1, recall: 1, precision: 0.5 },
    ]);
    // area: 0.5 * (1 + 1) / 2 + 0 + 0.5 * (0.5 + 2/3) / 2 = 0.5 + 0.291666...
    expect(prAuc([1, 0, 1, 0], [0.9, 0.8, 0.4, 0.1])).toBeCloseTo(0.5 + 7 / 24, 12);
    // a tie between a positive and a negative is one point: precision 1/2 at recall 1
    expect(prAuc([1, 0], [0.5, 0.5])).toBeCloseTo((1 + 0.5) / 2, 12);
  });

  it('log-loss is the mean negative log-likelihood, finite at 0 and 1', () => {
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(logLoss([1], [0])).toBeCloseTo(-Math.log(Number.EPSILON), 9);
    expect(Number.isFinite(logLoss([0], [1]))).toBe(true);
  });
});
