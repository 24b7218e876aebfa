import { describe, expect, it } from 'vitest';
import { rocAuc } from './metrics.ts';
import { seededRandom } from '../../../platform/prng.ts';
import { DEFAULT_PARAMS, applyBins, explainGbm, fitBins, predictGbm, trainGbm } from './model.ts';

function toyData(n: number, seed: number) {
  const random = seededRandom(seed);
  const a = Float64Array.from({ length: n }, () => random());
  const b = Float64Array.from({ length: n }, () => random());
  const noise = Float64Array.from({ length: n }, () => random());
  // the event is likely when a is high and b is low; noise carries nothing
  const chance = Float64Array.from({ length: n }, (_, i) => (a[i]! > 0.7 && b[i]! < 0.5 ? 0.8 : 0.05));
  const y = Float64Array.from(chance, (c) => (random() < c ? 1 : 0));
  return { columns: [a, b, noise], y, chance };
}

describe('gradient-boosted trees', () => {
  const { columns, y, chance } = toyData(1200, 7);
  const train = Array.from({ length: 800 }, (_, i) => i);
  const test = Array.from({ length: 400 }, (_, i) => 800 + i);
  const bins = fitBins(columns, train);
  const binned = applyBins(bins, columns);
  const params = { ...DEFAULT_PARAMS, featureSample: 1 };

  it('learns an interaction it was not told about and ranks held-out rows well', () => {
    const model = trainGbm(bins, binned, y, train, params);
    const p = predictGbm(model, binned, test);
    const truth = test.map((i) => y[i] as 0 | 1);
    // the best possible ranking is by the true chance; an uninformed model would score 0.5
    const best = rocAuc(
      truth,
      test.map((i) => chance[i]!),
    );
    expect(best).toBeGreaterThan(0.8);
    expect(rocAuc(truth, p)).toBeGreaterThan(best - 0.03);
    expect(p.every((v) => v > 0 && v < 1)).toBe(true);
  });

  it('is deterministic: same seed, same forecasts; another seed, other forecasts', () => {
    const p1 = predictGbm(trainGbm(bins, binned, y, train, params), binned, test);
    const p2 = predictGbm(trainGbm(bins, binned, y, train, params), binned, test);
    expect(p2).toEqual(p1);
    const p3 = predictGbm(trainGbm(bins, binned, y, train, { ...params, seed: params.seed + 1 }), binned, test);
    expect(p3).not.toEqual(p1);
  });

  it('bins by quantiles of the training rows only', () => {
    const column = Float64Array.from([1, 2, 3, 4, 100, 200]);
    const b = fitBins([column], [0, 1, 2, 3]);
    expect(Math.max(...b.cuts[0]!)).toBeLessThanOrEqual(4);
    expect(applyBins(b, [column])[0]![5]).toBe(b.cuts[0]!.length);
  });
});

describe('explaining a forecast', () => {
  it('feature contributions and the bias add up to the forecast, and the signal outweighs the noise', () => {
    const { columns, y } = toyData(1200, 11);
    const train = Array.from({ length: 1000 }, (_, i) => i);
    const bins = fitBins(columns, train);
    const binned = applyBins(bins, columns);
    const model = trainGbm(bins, binned, y, train, { ...DEFAULT_PARAMS, featureSample: 1 });
    let signal = 0;
    let noise = 0;
    for (const row of [1000, 1001, 1002, 1003, 1004, 1005]) {
      const [p] = predictGbm(model, binned, [row]);
      const { bias, contributions } = explainGbm(model, binned, row);
      const logit = bias + contributions.reduce((a, b) => a + b, 0);
      expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(p!, 10);
      signal += Math.abs(contributions[0]!) + Math.abs(contributions[1]!);
      noise += Math.abs(contributions[2]!);
    }
    expect(signal).toBeGreaterThan(3 * noise);
  });
});
