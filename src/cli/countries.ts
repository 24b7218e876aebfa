// `amparo countries import-vdem <dir>`: V-Dem's country-year indicators from DemSpaces' output files
// (dv_data_1968_on.csv, cutpoints.csv, region-mapping.csv), as the operator. Idempotent: a second
// import changes nothing and says so. A progress bar on standard error at a terminal, a line per tenth
// otherwise. `amparo countries forecast` then trains on the imported data and stores the forecasts.
import type { Command } from 'commander';
import { readEnv, terminalLocale } from '../config/env.ts';
import fs from 'node:fs';
import {
  backtestCsv,
  importVdem,
  makeForecasts,
  type ForecastProgress,
  type ImportProgress,
  type ImportReport,
} from '../features/countries/service.ts';
import { cliOperator } from '../platform/access.ts';
import { translator, type Translate } from '../platform/i18n/index.ts';
import { progressReporter, valueOf, withContext } from './shared.ts';

export function registerCountries(program: Command): void {
  const countries = program.command('countries').description('country data: civic space indicators');
  countries
    .command('import-vdem <dir>')
    .description('import the V-Dem indicators (DemSpaces output files) from a directory, idempotently')
    .action(async (dir: string) => {
      const t = translator(terminalLocale(readEnv()));
      await withContext(async (ctx) => {
        const report = valueOf(await importVdem(ctx, cliOperator, dir, progress(t)));
        summarise(t, report);
      });
    });
  countries
    .command('forecast')
    .description('train on the imported V-Dem data and store the current two-year forecasts, idempotently')
    .option('--backtest', "also run DemSpaces' walk-forward backtest and store its scores for the pages (slow)")
    .action(async (opts: { backtest?: boolean }) => {
      const t = translator(terminalLocale(readEnv()));
      await withContext(async (ctx) => {
        const onProgress = ({ stage, countryYears }: ForecastProgress) =>
          process.stderr.write(`${t(`countries.forecast.${stage}`, { rows: countryYears })}\n`);
        const r = valueOf(
          await makeForecasts(ctx, cliOperator, { onProgress, ...(opts.backtest ? { backtest: {} } : {}) }),
        );
        const values = { countries: r.countries, forecasts: r.forecasts, year: r.fromYear };
        process.stdout.write(`${t(r.changed ? 'countries.forecast.done' : 'countries.forecast.unchanged', values)}\n`);
        const [up, down] = ['up', 'down'].map((d) => r.scores?.find((s) => s.direction === d));
        if (up && down) {
          const f = (v: number) => v.toFixed(3);
          const scores = { upRoc: f(up.rocAuc), upPr: f(up.prAuc), downRoc: f(down.rocAuc), downPr: f(down.prAuc) };
          process.stdout.write(`${t('countries.forecast.scoresLine', scores)}\n`);
        }
      });
    });
  registerBacktest(countries);
}

function registerBacktest(countries: Command): void {
  countries
    .command('backtest')
    .description("write every walk-forward backtest forecast (origins 2005-2021) in DemSpaces' CSV layout")
    .requiredOption('--out <file.csv>', 'the file to write')
    .option('--strict', 'use no information from after each origin (episodes recoded on data up to it)')
    .action(async (opts: { out: string; strict?: boolean }) => {
      const t = translator(terminalLocale(readEnv()));
      await withContext(async (ctx) => {
        const csv = valueOf(await backtestCsv(ctx, cliOperator, { strict: opts.strict === true }));
        fs.writeFileSync(opts.out, csv);
        process.stdout.write(
          `${t('countries.backtest.written', { rows: csv.split('\n').length - 2, file: opts.out })}\n`,
        );
      });
    });
}

function progress(t: Translate) {
  const report = progressReporter();
  return ({ done, total }: ImportProgress) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    report(percent, t('countries.import.progress', { rows: done, total }), done >= total);
  };
}

function summarise(t: Translate, r: ImportReport): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (r.unknownCodes.length > 0) out(t('countries.import.unknownCodes', { codes: r.unknownCodes.join(', ') }));
  if (r.inserted + r.updated + r.cutpointsChanged === 0) out(t('countries.import.unchanged', { rows: r.rows }));
  else out(t('countries.import.done', { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged }));
}
