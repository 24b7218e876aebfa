// DemSpaces' test protocol: for each origin year T (2005-2021), train on the country-years before T
// and forecast year T, i.e. an opening or closing in T+1 or T+2; scores are pooled over the six
// spaces and all origins, separately for openings (up) and closings (down).
//
// The default variant follows DemSpaces: training rows take their targets from the full data, so
// the rows of T-1 and T-2 carry outcomes from T and T+1, after the origin. The strict variant uses
// nothing after T: the episodes are recoded on the data up to T (the coder looks one year ahead, so
// T's own coding changes too), and only training rows whose two-year window has closed by T count.
import { codeAllSpaces, type CodedYear, type Direction } from './episodes.ts';
import { buildFeatures, type FeatureMatrix } from './features.ts';
import { logLoss, prAuc, rocAuc } from './metrics.ts';
import { DEFAULT_PARAMS, applyBins, fitBins, predictGbm, recencyWeights, trainGbm, type GbmParams } from './model.ts';
import { SPACES, type Space, type VdemData } from './vdem-csv.ts';

export const DIRECTIONS: readonly Direction[] = ['up', 'down'];
export const ORIGINS: readonly number[] = Array.from({ length: 17 }, (_, i) => 2005 + i);

export interface BacktestForecast {
  space: Space;
  direction: Direction;
  /** The origin year: the data known at its end; the forecast is for origin+1 and origin+2. */
  fromYear: number;
  gwcode: number;
  p: number;
  truth: 0 | 1;
}

export interface BacktestOptions {
  origins?: readonly number[];
  spaces?: readonly Space[];
  strict?: boolean;
  /** Train on years from this one on (default: all, 1968 on). */
  trainFrom?: number;
  params?: GbmParams;
}

type Targets = Record<Space, Map<string, CodedYear>>;

function targetsOf(coded: Record<Space, CodedYear[]>): Targets {
  return Object.fromEntries(
    SPACES.map((s) => [s, new Map(coded[s].map((c) => [`${c.gwcode}/${c.year}`, c]))]),
  ) as Targets;
}

const label = (c: CodedYear | undefined, d: Direction) => (d === 'up' ? c?.upNext2 : c?.downNext2) ?? null;

export function runBacktest(
  data: VdemData,
  options: BacktestOptions = {},
  features?: FeatureMatrix,
): BacktestForecast[] {
  const origins = options.origins ?? ORIGINS;
  const spaces = options.spaces ?? SPACES;
  const params = options.params ?? DEFAULT_PARAMS;
  const matrix = features ?? buildFeatures(data.rows, data.cutpoints, data.regions);
  const truth = targetsOf(codeAllSpaces(data.rows, data.cutpoints));
  const keys = matrix.rows.map((r) => `${r.gwcode}/${r.year}`);
  const years = matrix.rows.map((r) => r.year);
  const out: BacktestForecast[] = [];
  for (const origin of origins) {
    const known = options.strict
      ? targetsOf(
          codeAllSpaces(
            data.rows.filter((r) => r.year <= origin),
            data.cutpoints,
          ),
        )
      : truth;
    const before: number[] = [];
    const at: number[] = [];
    const from = options.trainFrom ?? -Infinity;
    matrix.rows.forEach((r, i) => (r.year < origin && r.year >= from ? before : r.year === origin ? at : []).push(i));
    const weights = recencyWeights(years, origin - 1, params.halfLife);
    const bins = fitBins(matrix.columns, before);
    const binned = applyBins(bins, matrix.columns);
    for (const space of spaces) {
      for (const direction of DIRECTIONS) {
        const y = new Float64Array(keys.length);
        const train: number[] = [];
        for (const i of before) {
          const v = label(known[space].get(keys[i]!), direction);
          if (v === null) continue;
          y[i] = v;
          train.push(i);
        }
        const test = at.filter((i) => label(truth[space].get(keys[i]!), direction) !== null);
        const model = trainGbm(bins, binned, y, train, params, weights);
        const p = predictGbm(model, binned, test);
        test.forEach((i, k) => {
          out.push({
            space,
            direction,
            fromYear: origin,
            gwcode: matrix.rows[i]!.gwcode,
            p: p[k]!,
            truth: label(truth[space].get(keys[i]!), direction)!,
          });
        });
      }
    }
  }
  return out;
}

export interface Scores {
  direction: Direction;
  n: number;
  events: number;
  rocAuc: number;
  prAuc: number;
  logLoss: number;
}

/** Pooled scores per direction. */
export function scoreBacktest(forecasts: readonly BacktestForecast[]): Scores[] {
  return DIRECTIONS.map((direction) => {
    const rows = forecasts.filter((f) => f.direction === direction);
    const t = rows.map((f) => f.truth);
    const p = rows.map((f) => f.p);
    return {
      direction,
      n: rows.length,
      events: t.filter((v) => v === 1).length,
      rocAuc: rocAuc(t, p),
      prAuc: prAuc(t, p),
      logLoss: logLoss(t, p),
    };
  });
}

/**
 * Backtest forecasts in DemSpaces' own column layout (outcome,from_year,for_years,gwcode,p_up,
 * p_same,p_down), one row per space, origin and country, so they can be scored beside DemSpaces'
 * published test forecasts. p_same is what is left, 1 - p_up - p_down, floored at 0.
 */
export function toDemspacesCsv(forecasts: readonly BacktestForecast[]): string {
  const rows = new Map<string, { space: Space; fromYear: number; gwcode: number; up?: number; down?: number }>();
  for (const f of forecasts) {
    const key = `${f.space}/${f.fromYear}/${f.gwcode}`;
    const row = rows.get(key) ?? { space: f.space, fromYear: f.fromYear, gwcode: f.gwcode };
    row[f.direction] = f.p;
    rows.set(key, row);
  }
  const lines = ['outcome,from_year,for_years,gwcode,p_up,p_same,p_down'];
  const sorted = [...rows.values()].sort(
    (a, b) => SPACES.indexOf(a.space) - SPACES.indexOf(b.space) || a.fromYear - b.fromYear || a.gwcode - b.gwcode,
  );
  for (const r of sorted) {
    const up = r.up ?? Number.NaN;
    const down = r.down ?? Number.NaN;
    const same = Math.max(0, 1 - up - down);
    const show = (v: number) => (Number.isNaN(v) ? 'NA' : v.toFixed(6));
    lines.push(
      [r.space, r.fromYear, `"${r.fromYear + 1} - ${r.fromYear + 2}"`, r.gwcode, show(up), show(same), show(down)].join(
        ',',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
