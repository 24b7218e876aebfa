import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, buildFeatures } from './features.ts';
import { SPACES, type CountryYear, type Cutpoint, type Space } from './vdem-csv.ts';

const cut5 = Object.fromEntries(SPACES.map((s) => [s, { up: 0.05, down: 0.05 }])) as Record<Space, Cutpoint>;
const row = (gwcode: number, year: number, v: number): CountryYear => ({
  gwcode,
  year,
  countryName: '',
  iso3: '',
  values: Object.fromEntries(SPACES.map((s) => [s, v])) as Record<Space, number>,
});
const series = (gwcode: number, values: number[]) => values.map((v, i) => row(gwcode, 2000 + i, v));

function valueOf(m: ReturnType<typeof buildFeatures>, gwcode: number, year: number, name: string): number {
  const i = m.rows.findIndex((r) => r.gwcode === gwcode && r.year === year);
  return m.columns[FEATURE_NAMES.indexOf(name)]![i]!;
}

describe('forecast features', () => {
  const rows = [...series(2, [0.5, 0.52, 0.6, 0.62, 0.98]), ...series(20, [0.3, 0.3, 0.1, 0.02, 0.02])];
  const regions = new Map([
    [2, 5],
    [20, 5],
  ]);
  const m = buildFeatures(rows, cut5, regions);

  it('levels, changes, markers and region averages from the row and its past', () => {
    expect(valueOf(m, 2, 2002, 'v2xcs_ccsi.level')).toBe(0.6);
    expect(valueOf(m, 2, 2002, 'v2xcs_ccsi.change1')).toBeCloseTo(0.08, 12);
    expect(valueOf(m, 2, 2002, 'v2xcs_ccsi.change2')).toBeCloseTo(0.1, 12);
    expect(valueOf(m, 2, 2002, 'v2xcs_ccsi.previousChange1')).toBeCloseTo(0.02, 12);
    expect(valueOf(m, 2, 2002, 'v2xcs_ccsi.yearsSinceRise')).toBe(0);
    expect(valueOf(m, 2, 2003, 'v2xcs_ccsi.yearsSinceRise')).toBe(1);
    expect(valueOf(m, 2, 2004, 'v2xcs_ccsi.noUp')).toBe(1);
    // 2002: +0.08 in one year; 2003: +0.02 after +0.08, a two-year rise of 0.1 with both steps > 0.005
    expect(valueOf(m, 2, 2002, 'v2xcs_ccsi.risingNow')).toBe(1);
    expect(valueOf(m, 2, 2003, 'v2xcs_ccsi.risingNow')).toBe(1);
    expect(valueOf(m, 2, 2001, 'v2xcs_ccsi.risingNow')).toBe(0);
    expect(valueOf(m, 20, 2002, 'v2xcs_ccsi.fallingNow')).toBe(1);
    expect(valueOf(m, 2, 2003, 'v2xcs_ccsi.noUp')).toBe(0);
    expect(valueOf(m, 20, 2003, 'v2xcs_ccsi.noDown')).toBe(1);
    expect(valueOf(m, 20, 2003, 'v2xcs_ccsi.maxFall5')).toBeCloseTo(-0.2, 12);
    // region 5, year 2002: changes +0.08 and -0.2
    expect(valueOf(m, 20, 2002, 'v2xcs_ccsi.regionChange1')).toBeCloseTo(-0.06, 12);
    expect(valueOf(m, 2, 2000, 'region')).toBe(5);
    expect(valueOf(m, 2, 2003, 'yearsInData')).toBe(3);
  });

  it('uses nothing after the row: changing a later year leaves earlier rows alone', () => {
    const changed = rows.map((r) => (r.gwcode === 2 && r.year === 2004 ? row(2, 2004, 0.1) : r));
    const m2 = buildFeatures(changed, cut5, regions);
    for (let i = 0; i < m.rows.length; i++) {
      if (m.rows[i]!.year === 2004) continue;
      for (let f = 0; f < FEATURE_NAMES.length; f++) expect(m2.columns[f]![i], FEATURE_NAMES[f]).toBe(m.columns[f]![i]);
    }
    expect(valueOf(m2, 2, 2004, 'v2xcs_ccsi.level')).toBe(0.1);
  });

  it("each row's features are the same when the data end at the row's year", () => {
    for (const year of [2001, 2002, 2003]) {
      const cut = buildFeatures(
        rows.filter((r) => r.year <= year),
        cut5,
        regions,
      );
      for (const gwcode of [2, 20]) {
        for (const name of FEATURE_NAMES)
          expect(valueOf(cut, gwcode, year, name), name).toBe(valueOf(m, gwcode, year, name));
      }
    }
  });

  it("the country's own past episodes, coded by DemSpaces' rule up to the year before", () => {
    const expected: [number, number, string, number][] = [
      // country 2 rises +0.02, +0.08, +0.02 in 2001-2003: 2001 is an opening year by the look-ahead
      // rule (known once 2002 is), 2002 by the one-year rule, 2003 by the two-year rule (known in 2004)
      [2, 2001, 'upEpisodeLastYear', 0],
      [2, 2001, 'yearsSinceUpEpisode', 30],
      [2, 2002, 'upEpisodeLastYear', 1],
      [2, 2003, 'upEpisodeRate', 1],
      [2, 2004, 'upEpisodeYears10', 3],
      [2, 2004, 'yearsSinceUpEpisode', 0],
      [2, 2004, 'downEpisodeYears10', 0],
      // country 20 falls -0.2 in 2002 and -0.08 in 2003 (2001, flat, is not marked)
      [20, 2002, 'yearsSinceDownEpisode', 30],
      [20, 2004, 'downEpisodeRate', 2 / 3],
      [20, 2004, 'downEpisodeYears10', 2],
      [20, 2004, 'yearsSinceDownEpisode', 0],
      [20, 2004, 'upEpisodeLastYear', 0],
    ];
    for (const [gwcode, year, name, value] of expected) {
      expect(valueOf(m, gwcode, year, `v2xcs_ccsi.${name}`), `${gwcode} ${year} ${name}`).toBeCloseTo(value, 12);
    }
  });
});
