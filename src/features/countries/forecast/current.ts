// The current forecasts: one model per space and direction trained on every country-year whose
// two-year outcome is known, applied to the latest year in the data, each forecast with the
// features that moved it most (by the trees' own structure, in log-odds). This is the pure part of
// `amparo countries forecast`; storing and showing the forecasts belong to the countries feature.
import { codeAllSpaces, type Direction } from './episodes.ts';
import { FEATURE_NAMES, buildFeatures } from './features.ts';
import {
  DEFAULT_PARAMS,
  applyBins,
  explainGbm,
  fitBins,
  predictGbm,
  recencyWeights,
  trainGbm,
  type GbmParams,
} from './model.ts';
import { SPACES, type Space, type VdemData } from './vdem-csv.ts';

export interface Factor {
  /** A feature name, `<space>.<feature>` or `region` / `yearsInData` / `year`. */
  feature: string;
  /** The row's value of the feature. */
  value: number;
  /** Log-odds the feature added to this forecast (negative: it lowered the probability). */
  effect: number;
}

export interface CurrentForecast {
  gwcode: number;
  iso3: string;
  countryName: string;
  space: Space;
  direction: Direction;
  /** The latest year in the data; the forecast is for fromYear+1 and fromYear+2. */
  fromYear: number;
  p: number;
  factors: Factor[];
}

export function forecastLatest(data: VdemData, params: GbmParams = DEFAULT_PARAMS, topFactors = 3): CurrentForecast[] {
  const matrix = buildFeatures(data.rows, data.cutpoints, data.regions);
  const coded = codeAllSpaces(data.rows, data.cutpoints);
  const latest = Math.max(...matrix.rows.map((r) => r.year));
  const keys = matrix.rows.map((r) => `${r.gwcode}/${r.year}`);
  const rowsAt = matrix.rows.flatMap((r, i) => (r.year === latest ? [i] : []));
  const all = matrix.rows.map((_, i) => i);
  const bins = fitBins(matrix.columns, all);
  const binned = applyBins(bins, matrix.columns);
  // weighted as in the backtest, where the origin's year before is the latest training year
  const weights = recencyWeights(
    matrix.rows.map((r) => r.year),
    latest - 1,
    params.halfLife,
  );
  const out: CurrentForecast[] = [];
  for (const space of SPACES) {
    const targets = new Map(coded[space].map((c) => [`${c.gwcode}/${c.year}`, c]));
    for (const direction of ['up', 'down'] as const) {
      const y = new Float64Array(keys.length);
      const train: number[] = [];
      keys.forEach((key, i) => {
        const c = targets.get(key);
        const v = direction === 'up' ? c?.upNext2 : c?.downNext2;
        if (v === null || v === undefined) return;
        y[i] = v;
        train.push(i);
      });
      const model = trainGbm(bins, binned, y, train, params, weights);
      const p = predictGbm(model, binned, rowsAt);
      rowsAt.forEach((i, k) => {
        const row = matrix.rows[i]!;
        const { contributions } = explainGbm(model, binned, i);
        const factors = [...contributions]
          .map((effect, f) => ({ feature: FEATURE_NAMES[f]!, value: matrix.columns[f]![i]!, effect }))
          .filter((f) => f.effect !== 0)
          .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.feature.localeCompare(b.feature))
          .slice(0, topFactors);
        out.push({
          gwcode: row.gwcode,
          iso3: row.iso3,
          countryName: row.countryName,
          space,
          direction,
          fromYear: latest,
          p: p[k]!,
          factors,
        });
      });
    }
  }
  return out;
}
