// DemSpaces' target, coded from the published rule (vdeminstitute/demspaces, the "ERT-lite" episode
// coder in demspaces.dev/R/episode-coder.R, applied by create-data/scripts/2-create-dv-data.Rmd):
//
// - a year is an opening ("up") when the index rose by more than the cutpoint since last year, or
//   when it rose by more than the cutpoint over two years with both yearly rises above a tenth of
//   the cutpoint (looking back: t-2..t; or looking ahead: t-1..t+1, so the year the change began is
//   not marked); closings ("down") are the same on the negated index;
// - a country's first two years are "first year of independence"; its last year, when the look-ahead
//   window cannot be filled, is "same" unless the simple one-year rule fires;
// - the targets are an event in either of the next two years; they are missing (null) for the last
//   two years of the data, and for a country that ends earlier they are 0 where a year is missing.
//
// Positions, not calendar years, define "previous" and "next", as in the R code (lag/lead).
import { SPACES, byCountry, type CountryYear, type Cutpoint, type Space } from './vdem-csv.ts';

/** DemSpaces' default minimum yearly change, as a fraction of the cutpoint (min_f). */
export const MIN_F = 0.1;

export type Direction = 'up' | 'down';
export type Change = 'first year of independence' | 'same' | 'up' | 'down';

const above = (v: number | null | undefined, threshold: number): boolean =>
  v !== null && v !== undefined && v > threshold;

/** 1 where an episode year is coded, 0 where not, null where the window is incomplete. */
export function episodeCoder(
  series: readonly number[],
  cp: number,
  direction: Direction,
  minF = MIN_F,
): (0 | 1 | null)[] {
  const x = direction === 'down' ? series.map((v) => -1 * v) : [...series];
  const n = x.length;
  const ep: (0 | 1 | null)[] = x.map(() => 0);
  if (n > 0) ep[0] = null;
  if (n > 1) ep[1] = null;
  if (n > 0) ep[n - 1] = null;
  const xd1 = x.map((v, i) => (i >= 1 ? v - x[i - 1]! : null));
  const xd2 = x.map((v, i) => (i >= 2 ? v - x[i - 2]! : null));
  const small = cp * minF;
  for (let i = 0; i < n; i++) {
    // two years looking back: t-2..t above cp, both yearly changes above the minimum
    if (above(xd2[i], cp) && above(xd1[i], small) && above(xd1[i - 1], small)) ep[i] = 1;
    // two years looking ahead: t-1..t+1 above cp, both yearly changes above the minimum
    if (above(xd2[i + 1], cp) && above(xd1[i], small) && above(xd1[i + 1], small)) ep[i] = 1;
  }
  for (let i = 0; i < n; i++) if (above(xd1[i], cp)) ep[i] = 1;
  return ep;
}

/** One country's yearly change coding for one space ("same", "up", "down", or null if undecided). */
export function changesOneCountry(
  series: readonly number[],
  cp: number,
  minF = MIN_F,
): ('same' | 'up' | 'down' | null)[] {
  const up = episodeCoder(series, cp, 'up', minF);
  const down = episodeCoder(series, cp, 'down', minF);
  return series.map((_, i) => {
    if (up[i] === 1 && down[i] === 1) throw new Error('episode coded both up and down');
    if (up[i] === 1) return 'up';
    if (down[i] === 1) return 'down';
    return up[i] === null || down[i] === null ? null : 'same';
  });
}

export interface CodedYear {
  gwcode: number;
  year: number;
  change: Change | null;
  /** An opening in year+1 or year+2; null where unknown. */
  upNext2: 0 | 1 | null;
  downNext2: 0 | 1 | null;
}

function next2(flags: (0 | 1 | null)[], i: number): 0 | 1 | null {
  const a = flags[i + 1];
  const b = flags[i + 2];
  if (a === undefined || a === null || b === undefined || b === null) return null;
  return a === 1 || b === 1 ? 1 : 0;
}

/** DemSpaces' coding of one space for every country-year, in gwcode/year order. */
export function codeSpace(rows: readonly CountryYear[], space: Space, cutpoint: Cutpoint, minF = MIN_F): CodedYear[] {
  // DemSpaces applies the "up" cutpoint in both directions (the two are equal in its files).
  const cp = cutpoint.up;
  const lastYear = Math.max(...rows.map((r) => r.year));
  const out: CodedYear[] = [];
  for (const group of byCountry(rows).values()) {
    const first = group[0]!.year;
    const last = group[group.length - 1]!.year;
    const changes = changesOneCountry(
      group.map((r) => r.values[space]),
      cp,
      minF,
    );
    const coded: (Change | null)[] = group.map((r, i) => {
      if (r.year < first + 2) return 'first year of independence';
      if (r.year === last && changes[i] === null) return 'same';
      return changes[i]!;
    });
    const flag = (d: Direction) => coded.map((c) => (c === null ? null : c === d ? 1 : 0));
    const up = flag('up');
    const down = flag('down');
    group.forEach((r, i) => {
      // A state that ends before the data do is not censored: its unknown targets are 0.
      const fill = (v: 0 | 1 | null) => (v === null && r.year < lastYear - 1 ? 0 : v);
      out.push({
        gwcode: r.gwcode,
        year: r.year,
        change: coded[i]!,
        upNext2: fill(next2(up, i)),
        downNext2: fill(next2(down, i)),
      });
    });
  }
  return out;
}

/** All six spaces. */
export function codeAllSpaces(
  rows: readonly CountryYear[],
  cutpoints: Record<Space, Cutpoint>,
  minF = MIN_F,
): Record<Space, CodedYear[]> {
  return Object.fromEntries(SPACES.map((s) => [s, codeSpace(rows, s, cutpoints[s], minF)])) as Record<
    Space,
    CodedYear[]
  >;
}
