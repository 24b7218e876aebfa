// `amparo countries forecast` as a service on a small slice of the shared V-Dem data, on the configured
// database: nothing to forecast before an import; then the forecasts of the model in forecast/current.ts
// stored for every country, space and direction, the same as the model gives on the files themselves;
// a rerun that changes nothing; the same forecasts again from scratch; and the backtest scores kept.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { anonymous, cliOperator } from '../../platform/access.ts';
import { vdemSubset } from './fixtures.ts';
import { forecastLatest } from './forecast/current.ts';
import { DEFAULT_PARAMS } from './forecast/model.ts';
import { readVdemDir } from './forecast/vdem-csv.ts';
import * as fq from './forecast-queries.ts';
import { backtestCsv, countryForecast, makeForecasts } from './forecast-service.ts';
import { INDEX_NAMES } from './model.ts';
import { importVdem } from './service.ts';

const COUNTRIES = ['BLR', 'GEO', 'ARM', 'AZE', 'UKR', 'RUS', 'POL', 'LTU'];
const params = { ...DEFAULT_PARAMS, trees: 8 };

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  env = await testEnv({ seed: false });
  dir = vdemSubset(COUNTRIES);
}, 60_000);
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await env.close();
});

/** The slice imported (idempotently) and no forecast stored: each test starts from here. */
async function fresh() {
  expect((await importVdem(env.ctx, cliOperator, dir)).ok).toBe(true);
  await env.ctx.db.deleteFrom('vdem_forecast_runs').execute();
  await env.ctx.db.deleteFrom('vdem_forecasts').execute();
}
const forecastAudits = async () =>
  (await env.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'countries.forecast').execute())
    .length;

describe('amparo countries forecast (service)', () => {
  it('says there is nothing to forecast before an import, and no page has a forecast', async () => {
    const empty = await testEnv({ seed: false }); // a database of its own: no test here runs first by design
    try {
      expect(await makeForecasts(empty.ctx, cliOperator, { params })).toMatchObject({
        ok: false,
        problems: { data: { key: 'countries.forecast.noData' } },
      });
      expect(await countryForecast(empty.ctx, anonymous, 'BY')).toBeNull();
    } finally {
      await empty.close();
    }
  });

  it('stores the model’s forecasts for every country, space and direction, and a rerun changes nothing', async () => {
    await fresh();
    const auditsBefore = await forecastAudits();
    const stages: string[] = [];
    const first = await makeForecasts(env.ctx, cliOperator, { params, onProgress: (p) => stages.push(p.stage) });
    if (!first.ok) throw new Error('forecast failed');
    expect(stages).toEqual(['reading', 'training', 'storing']);

    // The model run directly on the files gives what was stored from the database.
    const expected = forecastLatest(readVdemDir(dir), params);
    const stored = await fq.allForecasts(env.ctx.db);
    expect(first.value).toMatchObject({ changed: true, countries: COUNTRIES.length, forecasts: expected.length });
    expect(stored).toHaveLength(expected.length);
    for (const f of expected) {
      const row = stored.find((r) => r.space === f.space && r.direction === f.direction && r.iso2 === byIso3(f.iso3));
      expect(row, `${f.iso3} ${f.space} ${f.direction}`).toBeDefined();
      expect(Number(row!.probability)).toBeCloseTo(f.p, 12);
      expect(JSON.parse(row!.factors)).toEqual(f.factors);
      expect(Number(row!.from_year)).toBe(f.fromYear);
    }
    const rates = new Set(stored.map((r) => `${r.space}/${r.direction}/${r.base_rate}`));
    expect(rates.size).toBe(12);
    expect(stored.every((r) => Number(r.base_rate) > 0 && Number(r.base_rate) < 1)).toBe(true);

    const again = await makeForecasts(env.ctx, cliOperator, { params });
    expect(again).toMatchObject({ ok: true, value: { changed: false, dataRevision: first.value.dataRevision } });
    expect(await fq.allForecasts(env.ctx.db)).toEqual(stored);
    expect(await forecastAudits()).toBe(auditsBefore + 1);
  }, 60_000);

  it('is deterministic: made again from scratch, the forecasts are the same', async () => {
    await fresh();
    expect((await makeForecasts(env.ctx, cliOperator, { params })).ok).toBe(true);
    const before = await fq.allForecasts(env.ctx.db);
    await env.ctx.db.deleteFrom('vdem_forecast_runs').execute();
    await env.ctx.db.deleteFrom('vdem_forecasts').execute();
    expect((await makeForecasts(env.ctx, cliOperator, { params })).ok).toBe(true);
    expect(await fq.allForecasts(env.ctx.db)).toEqual(before);
  }, 60_000);

  it('gives a country its forecasts per space for anyone, and keeps the backtest scores when measured', async () => {
    await fresh();
    expect((await makeForecasts(env.ctx, cliOperator, { params })).ok).toBe(true);
    const belarus = await countryForecast(env.ctx, anonymous, 'BY');
    expect(belarus?.spaces.map((s) => s.index)).toEqual(INDEX_NAMES);
    expect(belarus?.scores).toBeNull();
    for (const s of belarus!.spaces)
      for (const f of [s.up, s.down]) expect(f.probability > 0 && f.probability < 1 && f.baseRate > 0).toBe(true);

    const measured = await makeForecasts(env.ctx, cliOperator, { params, backtest: { origins: [2015] } });
    if (!measured.ok) throw new Error('forecast failed');
    expect(measured.value.changed).toBe(true);
    expect(measured.value.scores?.map((s) => s.direction)).toEqual(['up', 'down']);
    const withScores = await countryForecast(env.ctx, anonymous, 'BY');
    expect(withScores?.scores).toEqual(measured.value.scores);
    expect(withScores?.spaces).toEqual(belarus?.spaces);
  }, 60_000);
});

const ISO2: Record<string, string> = {
  BLR: 'BY',
  GEO: 'GE',
  ARM: 'AM',
  AZE: 'AZ',
  UKR: 'UA',
  RUS: 'RU',
  POL: 'PL',
  LTU: 'LT',
};
const byIso3 = (iso3: string) => ISO2[iso3];

describe('amparo countries backtest --out (service)', () => {
  it("writes every walk-forward forecast in DemSpaces' own column layout", async () => {
    await fresh();
    const result = await backtestCsv(env.ctx, cliOperator, { origins: [2012], params });
    if (!result.ok) throw new Error('the backtest found no data');
    const [header, ...lines] = result.value.trim().split('\n');
    expect(header).toBe('outcome,from_year,for_years,gwcode,p_up,p_same,p_down');
    const rows = lines.map((l) => l.split(','));
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(INDEX_NAMES));
    for (const r of rows) {
      expect([r[1], r[2]]).toEqual(['2012', '"2013 - 2014"']);
      const [up, same, down] = r.slice(4).map(Number);
      expect(up! + same! + down!).toBeCloseTo(1, 5);
    }
    // One row per space and country that has the origin year in the slice.
    const countries = new Set(rows.map((r) => r[3]));
    expect(rows).toHaveLength(countries.size * INDEX_NAMES.length);
    expect(countries.size).toBeGreaterThan(1);
  });
});
