import { describe, expect, it } from 'vitest';
import { forecastLatest } from './current.ts';
import { DEFAULT_PARAMS } from './model.ts';
import { SPACES, findVdemDir, readVdemDir } from './vdem-csv.ts';

const dir = findVdemDir();

describe.skipIf(!dir)('current forecasts on a slice of the V-Dem data', () => {
  const all = dir
    ? readVdemDir(dir)
    : ({ rows: [], cutpoints: new Map(), regions: new Map() } as unknown as ReturnType<typeof readVdemDir>);
  const data = { ...all, rows: all.rows.filter((r) => r.gwcode < 200 && r.year >= 1995) };
  const params = { ...DEFAULT_PARAMS, trees: 10 };

  it('forecasts every country of the latest year in each space and direction, with its main factors', () => {
    const forecasts = forecastLatest(data, params);
    const latest = Math.max(...data.rows.map((r) => r.year));
    const countries = data.rows.filter((r) => r.year === latest).length;
    expect(forecasts.length).toBe(countries * SPACES.length * 2);
    expect(forecasts.every((f) => f.fromYear === latest && f.p > 0 && f.p < 1)).toBe(true);
    const withFactors = forecasts.filter((f) => f.factors.length > 0);
    expect(withFactors.length).toBeGreaterThan(forecasts.length / 2);
    for (const f of withFactors) {
      expect(f.factors.length).toBeLessThanOrEqual(3);
      const sizes = f.factors.map((x) => Math.abs(x.effect));
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
    expect(forecastLatest(data, params)).toEqual(forecasts);
  });
});
