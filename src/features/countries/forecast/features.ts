// Features for the forecast, built from the six indices alone and only from what was known at the
// end of each year (the row's year and before): levels, one-, two- and five-year changes, the
// spread and the largest rise and fall of the last five years, years since the last large move,
// "no room to move" markers near 0 and 1 (as DemSpaces' no_up_/no_down_ markers), the region's and
// the world's average change that year, the share of the region's countries rising or falling that
// year, the distance from the country's own average so far, how many of the six spaces are rising,
// falling or were in an episode last year, the region, and how long the country has been in the data.
import { MIN_F } from './episodes.ts';
import { HISTORY_FEATURES, episodeHistory } from './history.ts';
import { SPACES, byCountry, type CountryYear, type Cutpoint, type Space } from './vdem-csv.ts';

export interface FeatureMatrix {
  names: string[];
  /** Column-major: columns[f][row]. */
  columns: Float64Array[];
  /** The rows in the order of the columns. */
  rows: CountryYear[];
}

const PER_SPACE = [
  'level',
  'change1',
  'change2',
  'change5',
  'spread5',
  'maxRise5',
  'maxFall5',
  'previousChange1',
  'spread10',
  'moves10',
  'belowMax10',
  'aboveMin10',
  'risingNow',
  'fallingNow',
  'noUp',
  'noDown',
  'yearsSinceRise',
  'yearsSinceFall',
  'regionChange1',
  'regionLevel',
  'worldChange1',
  ...HISTORY_FEATURES,
  'fromMean',
  'regionRisingShare',
  'regionFallingShare',
] as const;

/** Across the six spaces: how many are rising or falling now, or were in an episode last year. */
const ACROSS = ['spacesRising', 'spacesFalling', 'spacesUpEpisode', 'spacesDownEpisode'] as const;

export const FEATURE_NAMES: string[] = [
  ...SPACES.flatMap((s) => PER_SPACE.map((f) => `${s}.${f}`)),
  ...ACROSS,
  'region',
  'yearsInData',
  'year',
];

const CAP_YEARS = 20;

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function sd(values: number[]): number {
  const m = mean(values);
  return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Builds the feature matrix for `rows` (any order; every country's earlier years must be present). */
export function buildFeatures(
  rows: readonly CountryYear[],
  cutpoints: Record<Space, Cutpoint>,
  regions: ReadonlyMap<number, number>,
): FeatureMatrix {
  const ordered = [...byCountry(rows).values()].flat();
  const n = ordered.length;
  const columns = FEATURE_NAMES.map(() => new Float64Array(n));
  const col = new Map(FEATURE_NAMES.map((name, i) => [name, columns[i]!]));
  const set = (name: string, i: number, v: number) => (col.get(name)![i] = v);

  // yearly region and world averages of the one-year change, and the region's average level
  const yearly = new Map<string, { sum: number; count: number }>();
  const add = (key: string, v: number) => {
    const cell = yearly.get(key) ?? { sum: 0, count: 0 };
    cell.sum += v;
    cell.count++;
    yearly.set(key, cell);
  };
  const avg = (key: string) => {
    const cell = yearly.get(key);
    return cell ? cell.sum / cell.count : 0;
  };

  let i = 0;
  const perRow: { row: CountryYear; index: number; history: CountryYear[] }[] = [];
  for (const group of byCountry(rows).values()) {
    const episodes = SPACES.map((s) =>
      episodeHistory(
        group.map((r) => r.values[s]),
        cutpoints[s].up,
      ),
    );
    const sums = SPACES.map(() => 0);
    group.forEach((row, k) => {
      SPACES.forEach((s, j) => HISTORY_FEATURES.forEach((name, h) => set(`${s}.${name}`, i, episodes[j]![k]![h]!)));
      SPACES.forEach((s, j) => {
        sums[j] = sums[j]! + row.values[s];
        set(`${s}.fromMean`, i, row.values[s] - sums[j]! / (k + 1));
      });
      perRow.push({ row, index: i++, history: group.slice(Math.max(0, k - 10), k + 1) });
    });
  }
  for (const { row, history } of perRow) {
    const region = regions.get(row.gwcode) ?? 0;
    for (const s of SPACES) {
      const prev = history.at(-2);
      const d1 = prev ? row.values[s] - prev.values[s] : 0;
      add(`r${region}.${row.year}.${s}.d1`, d1);
      add(`r${region}.${row.year}.${s}.level`, row.values[s]);
      add(`w.${row.year}.${s}.d1`, d1);
    }
  }

  const since = new Map<string, number>();
  const firstYear = new Map<number, number>();
  for (const row of ordered) if (!firstYear.has(row.gwcode)) firstYear.set(row.gwcode, row.year);
  for (const { row, index, history } of perRow) {
    const region = regions.get(row.gwcode) ?? 0;
    for (const s of SPACES) {
      const cp = cutpoints[s].up;
      const levels10 = history.map((h) => h.values[s]);
      const diffs10 = levels10.slice(1).map((x, k) => x - levels10[k]!);
      const levels = levels10.slice(-6);
      const v = row.values[s];
      const diffs = diffs10.slice(-5);
      const d1 = diffs.at(-1) ?? 0;
      const at = (back: number) => levels[levels.length - 1 - back];
      const d0 = diffs.at(-2) ?? 0;
      set(`${s}.previousChange1`, index, d0);
      // the episode rule as far as it can be applied at t: a one-year move beyond the cutpoint, or a
      // two-year one with both steps above a tenth of it
      const d2 = diffs.length >= 2 ? d1 + d0 : 0;
      set(`${s}.risingNow`, index, d1 > cp || (d2 > cp && d1 > cp * MIN_F && d0 > cp * MIN_F) ? 1 : 0);
      set(`${s}.fallingNow`, index, d1 < -cp || (d2 < -cp && d1 < -cp * MIN_F && d0 < -cp * MIN_F) ? 1 : 0);
      set(`${s}.spread10`, index, sd(diffs10));
      set(`${s}.moves10`, index, diffs10.filter((d) => Math.abs(d) > cp / 2).length);
      set(`${s}.belowMax10`, index, Math.max(...levels10) - v);
      set(`${s}.aboveMin10`, index, v - Math.min(...levels10));
      set(`${s}.level`, index, v);
      set(`${s}.change1`, index, d1);
      set(`${s}.change2`, index, at(2) === undefined ? v - levels[0]! : v - at(2)!);
      set(`${s}.change5`, index, v - levels[0]!);
      set(`${s}.spread5`, index, sd(levels));
      set(`${s}.maxRise5`, index, diffs.length ? Math.max(...diffs) : 0);
      set(`${s}.maxFall5`, index, diffs.length ? Math.min(...diffs) : 0);
      set(`${s}.noUp`, index, v > 1 - cp ? 1 : 0);
      set(`${s}.noDown`, index, v < cp ? 1 : 0);
      for (const [name, moved] of [
        ['yearsSinceRise', d1 > cp],
        ['yearsSinceFall', d1 < -cp],
      ] as const) {
        const key = `${row.gwcode}.${s}.${name}`;
        const years = moved ? 0 : Math.min(CAP_YEARS, (since.get(key) ?? CAP_YEARS) + 1);
        since.set(key, years);
        set(`${s}.${name}`, index, years);
      }
      set(`${s}.regionChange1`, index, avg(`r${region}.${row.year}.${s}.d1`));
      set(`${s}.regionLevel`, index, avg(`r${region}.${row.year}.${s}.level`));
      set(`${s}.worldChange1`, index, avg(`w.${row.year}.${s}.d1`));
    }
    for (const [name, d] of [
      ['spacesRising', 'risingNow'],
      ['spacesFalling', 'fallingNow'],
      ['spacesUpEpisode', 'upEpisodeLastYear'],
      ['spacesDownEpisode', 'downEpisodeLastYear'],
    ] as const)
      set(
        name,
        index,
        SPACES.reduce((sum, s) => sum + col.get(`${s}.${d}`)![index]!, 0),
      );
    for (const s of SPACES) {
      add(`r${region}.${row.year}.${s}.rising`, col.get(`${s}.risingNow`)![index]!);
      add(`r${region}.${row.year}.${s}.falling`, col.get(`${s}.fallingNow`)![index]!);
    }
    set('region', index, region);
    set('year', index, row.year);
    set('yearsInData', index, Math.min(CAP_YEARS * 2, row.year - firstYear.get(row.gwcode)!));
  }
  for (const { row, index } of perRow) {
    const region = regions.get(row.gwcode) ?? 0;
    for (const s of SPACES) {
      set(`${s}.regionRisingShare`, index, avg(`r${region}.${row.year}.${s}.rising`));
      set(`${s}.regionFallingShare`, index, avg(`r${region}.${row.year}.${s}.falling`));
    }
  }
  return { names: FEATURE_NAMES, columns, rows: ordered };
}
