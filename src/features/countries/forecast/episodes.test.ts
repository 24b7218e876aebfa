import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesOneCountry, codeAllSpaces, codeSpace, episodeCoder } from './episodes.ts';
import {
  SPACES,
  findVdemDir,
  parseCsv,
  parseDecimalAsReadr,
  parseDvData,
  readVdemDir,
  type CountryYear,
} from './vdem-csv.ts';

describe('episode coder (DemSpaces ERT-lite rule)', () => {
  it('codes a one-year change beyond the cutpoint, and leaves the incomplete windows undecided', () => {
    expect(episodeCoder([0.5, 0.5, 0.5, 0.56, 0.56, 0.56], 0.05, 'up')).toEqual([null, null, 0, 1, 0, null]);
    expect(episodeCoder([0.5, 0.5, 0.5, 0.56, 0.56, 0.56], 0.05, 'down')).toEqual([null, null, 0, 0, 0, null]);
    expect(episodeCoder([0.5, 0.5, 0.5, 0.44, 0.44, 0.44], 0.05, 'down')).toEqual([null, null, 0, 1, 0, null]);
    // a change of exactly the cutpoint is not beyond it
    expect(episodeCoder([0.5, 0.5, 0.5, 0.75, 0.75, 0.75], 0.25, 'up')).toEqual([null, null, 0, 0, 0, null]);
  });

  it('codes a two-year change when both yearly steps exceed a tenth of the cutpoint, on both years', () => {
    expect(episodeCoder([0.5, 0.5, 0.5, 0.53, 0.56, 0.56, 0.56], 0.05, 'up')).toEqual([null, null, 0, 1, 1, 0, null]);
    // the second step (0.004) is below a tenth of the cutpoint: only the simple one-year rule fires
    expect(episodeCoder([0.5, 0.5, 0.5, 0.552, 0.556, 0.556], 0.05, 'up')).toEqual([null, null, 0, 1, 0, null]);
    // a gradual two-year change with a step below the minimum is no episode at all
    expect(episodeCoder([0.5, 0.5, 0.5, 0.548, 0.552, 0.552], 0.05, 'up')).toEqual([null, null, 0, 0, 0, null]);
    // the last year is coded when its own one-year change is beyond the cutpoint
    expect(episodeCoder([0.5, 0.5, 0.5, 0.5, 0.6], 0.05, 'up')).toEqual([null, null, 0, 0, 1]);
  });

  it('combines both directions into same / up / down, undecided where either is', () => {
    expect(changesOneCountry([0.5, 0.5, 0.6, 0.6, 0.5, 0.5], 0.05)).toEqual([null, null, 'up', 'same', 'down', null]);
  });

  it('codes targets two years ahead, missing at the end of the data and 0 for a state that ended', () => {
    const row = (gwcode: number, year: number, v: number): CountryYear => ({
      gwcode,
      year,
      countryName: '',
      iso3: '',
      values: {
        v2xcs_ccsi: v,
        v2x_freexp_altinf: v,
        v2xcl_rol: v,
        v2x_veracc_osp: v,
        v2x_horacc_osp: v,
        v2x_pubcorr: v,
      },
    });
    const rows = [
      ...[0.5, 0.5, 0.5, 0.5, 0.6, 0.6, 0.6].map((v, i) => row(2, 2000 + i, v)),
      // ends in 2004 with a closing in its last year: DemSpaces' pmax gives NA, filled with 0
      ...[0.5, 0.5, 0.5, 0.5, 0.3].map((v, i) => row(9, 2000 + i, v)),
    ];
    const coded = codeSpace(rows, 'v2xcs_ccsi', { up: 0.05, down: 0.05 });
    const first2 = ['first year of independence', 'first year of independence'];
    const a = coded.filter((c) => c.gwcode === 2);
    expect(a.map((c) => c.change)).toEqual([...first2, 'same', 'same', 'up', 'same', 'same']);
    expect(a.map((c) => c.upNext2)).toEqual([0, 0, 1, 1, 0, null, null]);
    const b = coded.filter((c) => c.gwcode === 9);
    expect(b.map((c) => c.change)).toEqual([...first2, 'same', 'same', 'down']);
    expect(b.map((c) => c.downNext2)).toEqual([0, 0, 1, 0, 0]);
  });

  it('reads decimals as readr does (digits scaled by a power of ten)', () => {
    expect(parseDecimalAsReadr('0.40900000000000003')).toBe(0.409);
    expect(Number('0.40900000000000003')).not.toBe(0.409);
    expect(parseDecimalAsReadr('0.883')).toBe(0.883);
    expect(parseDecimalAsReadr('-1.5')).toBe(-1.5);
  });
});

const dir = findVdemDir();

describe.skipIf(!dir)('against DemSpaces own coding (../shared/data/vdem/dv-lists)', () => {
  const read = (name: string) => fs.readFileSync(path.join(dir!, name), 'utf8');
  const show = (v: 0 | 1 | null) => (v === null ? 'NA' : String(v));

  function mismatches(coded: ReturnType<typeof codeAllSpaces>) {
    const result: Record<string, { compared: number; different: number }> = {};
    for (const space of SPACES) {
      const mine = new Map(coded[space].map((c) => [`${c.gwcode}/${c.year}`, c]));
      const theirs = parseCsv(read(`dv-lists/${space}.csv`));
      let different = 0;
      for (const r of theirs) {
        const m = mine.get(`${r.gwcode}/${r.year}`);
        const same =
          m !== undefined &&
          m.change === r[`dv_${space}_change`] &&
          show(m.upNext2) === r[`dv_${space}_up_next2`] &&
          show(m.downNext2) === r[`dv_${space}_down_next2`];
        if (!same) different++;
      }
      expect(mine.size).toBe(theirs.length);
      result[space] = { compared: theirs.length, different };
    }
    return result;
  }

  it('matches dv-lists row for row in all six spaces, and dv-summary.csv count for count', () => {
    const data = readVdemDir(dir!);
    const coded = codeAllSpaces(data.rows, data.cutpoints);
    const result = mismatches(coded);
    const compared = Object.values(result).reduce((n, r) => n + r.compared, 0);
    expect(compared).toBe(SPACES.length * data.rows.length);
    expect(compared).toBeGreaterThan(50_000);
    for (const space of SPACES) expect(result[space], space).toEqual({ compared: data.rows.length, different: 0 });
    console.log(`episode coder: ${compared} country-year-space rows compared with dv-lists, 0 different`);

    for (const r of parseCsv(read('dv-lists/dv-summary.csv'))) {
      const space = SPACES.find((s) => r.space === `dv_${s}_change`)!;
      const count = (c: string) => coded[space].filter((x) => x.change === c).length;
      expect([count('first year of independence'), count('same'), count('up'), count('down')]).toEqual(
        ['first year of independence', 'same', 'up', 'down'].map((k) => Number(r[k])),
      );
    }
  });

  it('needs readr-style decimals: correctly rounded parsing changes some public-corruption events', () => {
    const data = readVdemDir(dir!);
    const text = read('dv_data_1968_on.csv');
    const exact = parseDvData(text);
    const header = text.split('\n', 1)[0]!.split(',');
    const col = header.indexOf('v2x_pubcorr');
    const raw = new Map(
      text
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [`${c[0]}/${c[1]}`, Number(c[col])]),
    );
    for (const row of exact) row.values.v2x_pubcorr = raw.get(`${row.gwcode}/${row.year}`)!;
    const result = mismatches(codeAllSpaces(exact, data.cutpoints));
    expect(result.v2x_pubcorr!.different).toBeGreaterThan(0);
    expect(result.v2xcs_ccsi!.different).toBe(0);
  });
});
