// The current forecasts of civic space opening and closing (issue 15, §3), trained by the operator
// from the imported V-Dem data (`amparo countries forecast`) and shown on the country and comparison
// pages. The model itself is forecast/current.ts; this stores its output with the data revision and
// model version, so a rerun on the same data and model changes nothing, and the same data always gives
// the same forecasts (the model is seeded).
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { problem, type Result } from '../../platform/errors.ts';
import { runBacktest, scoreBacktest, toDemspacesCsv, type BacktestOptions, type Scores } from './forecast/backtest.ts';
import { forecastLatest, type Factor } from './forecast/current.ts';
import { codeAllSpaces, type Direction } from './forecast/episodes.ts';
import { FEATURE_NAMES } from './forecast/features.ts';
import { DEFAULT_PARAMS, type GbmParams } from './forecast/model.ts';
import { parseDecimalAsReadr, SPACES as INDICES, type Space, type VdemData } from './forecast/vdem-csv.ts';
import * as fq from './forecast-queries.ts';
import { INDEX_NAMES, type IndexName } from './model.ts';
import * as q from './queries.ts';

export type { Factor } from './forecast/current.ts';

export interface ForecastProgress {
  stage: 'reading' | 'training' | 'backtest' | 'storing';
  countryYears: number;
}

export interface ForecastReport {
  /** false when the stored forecasts were already made from this data with this model. */
  changed: boolean;
  countries: number;
  forecasts: number;
  fromYear: number;
  dataRevision: string;
  /** The pooled backtest scores, when the run measured them. */
  scores: Scores[] | null;
}

export interface ForecastOptions {
  params?: GbmParams;
  /** Also run DemSpaces' walk-forward backtest (slow on the whole data) and store its pooled scores. */
  backtest?: BacktestOptions;
  onProgress?: (p: ForecastProgress) => void;
}

const hash = (text: string, length: number) => createHash('sha256').update(text).digest('hex').slice(0, length);

/** Changes whenever the model's parameters or its features change. */
export const modelVersion = (params: GbmParams = DEFAULT_PARAMS): string =>
  `gbm-${hash(JSON.stringify({ params, features: FEATURE_NAMES }), 12)}`;

/**
 * The imported data as the forecast reads it. Values go through readr's decimal reading, as in
 * DemSpaces' own pipeline (see parseDecimalAsReadr), so the events coded here are the published ones.
 * Country-years with an index missing are left out (DemSpaces' file has none).
 */
function toVdemData(rows: q.CountryYearRow[], cutpoints: Awaited<ReturnType<typeof q.allCutpoints>>): VdemData {
  const regions = new Map<number, number>();
  const data: VdemData['rows'] = [];
  for (const r of rows) {
    if (INDEX_NAMES.some((n) => r[n] === null)) continue;
    const gwcode = Number(r.gwcode);
    if (r.region !== null) regions.set(gwcode, Number(r.region));
    const values = Object.fromEntries(INDICES.map((s) => [s, parseDecimalAsReadr(String(Number(r[s])))]));
    data.push({
      gwcode,
      year: Number(r.year),
      countryName: r.name,
      iso3: r.iso3,
      values: values as Record<Space, number>,
    });
  }
  data.sort((a, b) => a.gwcode - b.gwcode || a.year - b.year);
  const cuts = Object.fromEntries(cutpoints.map((c) => [c.indicator, { up: c.up, down: c.down }]));
  return { rows: data, cutpoints: cuts as VdemData['cutpoints'], regions };
}

/** The share of country-years with a known outcome that were followed by an event within two years. */
function baseRates(data: VdemData): Map<string, number> {
  const coded = codeAllSpaces(data.rows, data.cutpoints);
  const out = new Map<string, number>();
  for (const space of INDICES)
    for (const direction of ['up', 'down'] as const) {
      const known = coded[space].map((c) => (direction === 'up' ? c.upNext2 : c.downNext2)).filter((v) => v !== null);
      out.set(`${space}/${direction}`, known.length === 0 ? 0 : known.filter((v) => v === 1).length / known.length);
    }
  return out;
}

/** Trains on the imported data and stores the latest forecasts; the same data and model change nothing. */
export async function makeForecasts(
  ctx: AppContext,
  actor: Actor,
  options: ForecastOptions = {},
): Promise<Result<ForecastReport>> {
  const { params = DEFAULT_PARAMS, backtest, onProgress = () => {} } = options;
  requireAccess(actor, 'countries:import');
  const [rows, cutpoints] = await Promise.all([q.allCountryYears(ctx.db), q.allCutpoints(ctx.db)]);
  if (rows.length === 0 || cutpoints.length < INDICES.length)
    return { ok: false, problems: problem('data', 'countries.forecast.noData') };
  const data = toVdemData(rows, cutpoints);
  onProgress({ stage: 'reading', countryYears: data.rows.length });
  const dataRevision = hash(JSON.stringify([data.rows, data.cutpoints, [...data.regions]]), 16);
  const version = modelVersion(params);
  const iso2Of = new Map(rows.map((r) => [r.iso3, r.iso2]));
  const fromYear = Math.max(...data.rows.map((r) => r.year));
  const countries = data.rows.filter((r) => r.year === fromYear).length;
  const run = await fq.latestRun(ctx.db);
  const done = (changed: boolean, scores: Scores[] | null) => ({
    ok: true as const,
    value: { changed, countries, forecasts: countries * INDICES.length * 2, fromYear, dataRevision, scores },
  });
  if (run && run.data_revision === dataRevision && run.model_version === version && (!backtest || run.scores))
    return done(false, run.scores ? (JSON.parse(run.scores) as Scores[]) : null);
  onProgress({ stage: 'training', countryYears: data.rows.length });
  const forecasts = forecastLatest(data, params);
  const rates = baseRates(data);
  const stored: fq.ForecastRow[] = forecasts.map((f) => ({
    iso2: iso2Of.get(f.iso3)!,
    space: f.space,
    direction: f.direction,
    from_year: f.fromYear,
    probability: f.p,
    base_rate: rates.get(`${f.space}/${f.direction}`)!,
    factors: JSON.stringify(f.factors),
  }));
  let scores: Scores[] | null = null;
  if (backtest) {
    onProgress({ stage: 'backtest', countryYears: data.rows.length });
    scores = scoreBacktest(runBacktest(data, { params, ...backtest }));
  }
  onProgress({ stage: 'storing', countryYears: data.rows.length });
  await ctx.db.transaction().execute(async (trx) => {
    const madeAt = ctx.clock.now().toISOString();
    await fq.replaceForecasts(
      trx,
      {
        data_revision: dataRevision,
        model_version: version,
        from_year: fromYear,
        made_at: madeAt,
        scores: scores && JSON.stringify(scores),
      },
      stored,
    );
    await audit(
      trx,
      { actor: actorId(actor), action: 'countries.forecast', objectType: 'vdem', objectId: dataRevision },
      ctx.clock.now(),
    );
  });
  return done(true, scores);
}

export interface SpaceForecast {
  index: IndexName;
  direction: Direction;
  probability: number;
  baseRate: number;
  factors: Factor[];
}

export interface CountryForecast {
  fromYear: number;
  madeAt: string;
  modelVersion: string;
  /** The run's pooled backtest scores (up, down), or null when it did not measure them. */
  scores: Scores[] | null;
  /** Opening and closing per space, in the spaces' order; empty when the run has no forecast for the country. */
  spaces: { index: IndexName; up: SpaceForecast; down: SpaceForecast }[];
}

/** A country's stored forecasts (none when the latest year's data lacks it), or null when nothing is stored. */
export async function countryForecast(ctx: AppContext, actor: Actor, iso2: string): Promise<CountryForecast | null> {
  requireAccess(actor, 'countries:read');
  const [run, rows] = await Promise.all([fq.latestRun(ctx.db), fq.countryForecasts(ctx.db, iso2)]);
  if (!run) return null;
  const find = (index: IndexName, direction: Direction): SpaceForecast => {
    const r = rows.find((x) => x.space === index && x.direction === direction);
    return {
      index,
      direction,
      probability: r ? Number(r.probability) : Number.NaN,
      baseRate: r ? Number(r.base_rate) : Number.NaN,
      factors: r ? (JSON.parse(r.factors) as Factor[]) : [],
    };
  };
  return {
    fromYear: Number(run.from_year),
    madeAt: run.made_at,
    modelVersion: run.model_version,
    scores: run.scores ? (JSON.parse(run.scores) as Scores[]) : null,
    spaces:
      rows.length === 0
        ? []
        : INDEX_NAMES.map((index) => ({ index, up: find(index, 'up'), down: find(index, 'down') })),
  };
}

/**
 * `amparo countries backtest --out <file.csv>`: every walk-forward forecast on the imported data, in
 * DemSpaces' own column layout, to be scored row for row beside their published test forecasts; a
 * problem before an import.
 */
export async function backtestCsv(
  ctx: AppContext,
  actor: Actor,
  options: Pick<BacktestOptions, 'origins' | 'strict' | 'params'> = {},
): Promise<Result<string>> {
  requireAccess(actor, 'countries:import');
  const [rows, cutpoints] = await Promise.all([q.allCountryYears(ctx.db), q.allCutpoints(ctx.db)]);
  if (rows.length === 0) return { ok: false, problems: problem('data', 'countries.forecast.noData') };
  return { ok: true, value: toDemspacesCsv(runBacktest(toVdemData(rows, cutpoints), options)) };
}
