import { describe, expect, it } from 'vitest';
import { runBacktest, scoreBacktest, toDemspacesCsv, type BacktestForecast } from './backtest.ts';
import { DEFAULT_PARAMS } from './model.ts';
import { SPACES, findVdemDir, readVdemDir, type Space } from './vdem-csv.ts';

describe('DemSpaces CSV layout', () => {
  it('one row per space, origin and country with both directions and what is left', () => {
    const f = (direction: 'up' | 'down', p: number): BacktestForecast => ({
      space: 'v2xcs_ccsi',
      direction,
      fromYear: 2010,
      gwcode: 2,
      p,
      truth: 0,
    });
    expect(toDemspacesCsv([f('up', 0.1), f('down', 0.25)])).toBe(
      'outcome,from_year,for_years,gwcode,p_up,p_same,p_down\nv2xcs_ccsi,2010,"2011 - 2012",2,0.100000,0.650000,0.250000\n',
    );
  });
});

const dir = findVdemDir();

describe.skipIf(!dir)('backtest on a slice of the V-Dem data', () => {
  // the Americas and Europe (gwcode < 400) from 1990 on keep the test fast
  const all = dir
    ? readVdemDir(dir)
    : ({ rows: [], cutpoints: new Map(), regions: new Map() } as unknown as ReturnType<typeof readVdemDir>);
  const data = { ...all, rows: all.rows.filter((r) => r.gwcode < 400 && r.year >= 1990) };
  const options = {
    origins: [2010],
    spaces: ['v2xcs_ccsi'] as Space[],
    params: { ...DEFAULT_PARAMS, trees: 8 },
  };
  // every value after the origin replaced: the strict forecasts must not move, DemSpaces' may
  const rewritten = {
    ...data,
    rows: data.rows.map((r) =>
      r.year > 2010
        ? { ...r, values: Object.fromEntries(SPACES.map((s) => [s, 1 - r.values[s]])) as typeof r.values }
        : r,
    ),
  };

  it('forecasts the origin year for every country with a known outcome, and scores them', () => {
    const forecasts = runBacktest(data, options);
    expect(forecasts.length).toBe(2 * data.rows.filter((r) => r.year === 2010).length);
    expect(forecasts.every((f) => f.fromYear === 2010 && f.p > 0 && f.p < 1)).toBe(true);
    const scores = scoreBacktest(forecasts);
    expect(scores.map((s) => s.direction)).toEqual(['up', 'down']);
    for (const s of scores) expect(s.rocAuc).toBeGreaterThan(0.6);
  });

  it('the strict variant uses nothing after the origin; the DemSpaces protocol does', () => {
    const strict = runBacktest(data, { ...options, strict: true }).map((f) => f.p);
    const strictRewritten = runBacktest(rewritten, { ...options, strict: true }).map((f) => f.p);
    expect(strictRewritten).toEqual(strict);
    const protocol = runBacktest(data, options).map((f) => f.p);
    const protocolRewritten = runBacktest(rewritten, options).map((f) => f.p);
    expect(protocolRewritten).not.toEqual(protocol);
  });
});
