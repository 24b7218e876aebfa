// The civic-space forecast backtest (issue 15, §3): DemSpaces' protocol on the shared V-Dem files
// (origins 2005-2021, train on the years before, forecast the origin year's next two years), scores
// pooled over the six spaces, for openings (up) and closings (down), next to DemSpaces' published
// targets; then the strict variant that uses nothing after the origin; then a rerun of three origins
// that must give the same forecasts bit for bit. The files come from VDEM_DIR or
// ../shared/data/vdem beside the checkout. Every forecast is written to
// bench/out/forecast-backtest.csv in DemSpaces' column layout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  runBacktest,
  scoreBacktest,
  toDemspacesCsv,
  type BacktestForecast,
} from '../src/features/countries/forecast/backtest.ts';
import { buildFeatures } from '../src/features/countries/forecast/features.ts';
import { SPACES, findVdemDir, readVdemDir } from '../src/features/countries/forecast/vdem-csv.ts';
import type { Figure } from './lib.ts';

const TARGET_ROC = 0.89;
const TARGET_PR = 0.6;
const RERUN_ORIGINS = [2005, 2013, 2021];
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function scoreFigures(label: string, forecasts: BacktestForecast[]): Figure[] {
  return scoreBacktest(forecasts).flatMap((s) => {
    const name = `${label}, ${s.direction === 'up' ? 'opening (up)' : 'closing (down)'}`;
    const note = `${s.n} forecasts, ${s.events} events`;
    return [
      { label: `${name} ROC-AUC`, value: s.rocAuc, unit: '', digits: 3, target: { op: '>=', value: TARGET_ROC }, note },
      { label: `${name} PR-AUC`, value: s.prAuc, unit: '', digits: 3, target: { op: '>=', value: TARGET_PR } },
      { label: `${name} log-loss`, value: s.logLoss, unit: '', digits: 3, detail: true },
    ] satisfies Figure[];
  });
}

export async function forecastBench(): Promise<Figure[]> {
  const dir = process.env.VDEM_DIR ?? findVdemDir(root);
  if (!dir) throw new Error('V-Dem files not found: set VDEM_DIR or put them in ../shared/data/vdem');
  const data = readVdemDir(dir);
  const features = buildFeatures(data.rows, data.cutpoints, data.regions);
  const figures: Figure[] = [];

  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const main = runBacktest(data, {}, features);
  const mainSeconds = (performance.now() - t0) / 1000;
  figures.push(...scoreFigures('DemSpaces protocol', main));
  for (const space of SPACES) {
    const [up, down] = scoreBacktest(main.filter((f) => f.space === space));
    figures.push({
      label: `${space} ROC-AUC up / down`,
      value: up!.rocAuc,
      unit: '',
      digits: 3,
      detail: true,
      note: `down ${down!.rocAuc.toFixed(3)}; PR-AUC up ${up!.prAuc.toFixed(3)}, down ${down!.prAuc.toFixed(3)}`,
    });
  }
  figures.push({
    label: 'DemSpaces protocol: 204 models trained and applied',
    value: mainSeconds,
    unit: 's',
    detail: true,
  });

  t0 = performance.now();
  const strict = runBacktest(data, { strict: true }, features);
  figures.push(...scoreFigures('strict (nothing after the origin)', strict));
  figures.push({ label: 'strict: 204 models', value: (performance.now() - t0) / 1000, unit: 's', detail: true });

  const again = runBacktest(data, { origins: RERUN_ORIGINS }, features);
  const first = main.filter((f) => RERUN_ORIGINS.includes(f.fromYear));
  const differing =
    again.filter((f, i) => {
      const g = first[i];
      return !g || g.p !== f.p || g.gwcode !== f.gwcode || g.space !== f.space || g.direction !== f.direction;
    }).length + Math.abs(first.length - again.length);
  figures.push({
    label: 'rerun: forecasts that differ from the first run',
    value: differing,
    unit: '',
    digits: 0,
    target: { op: '<=', value: 0 },
    note: `origins ${RERUN_ORIGINS.join(', ')}, ${again.length} forecasts compared bit for bit`,
  });

  const cpu = process.cpuUsage(cpu0);
  figures.push({
    label: 'CPU time for both backtests and the rerun',
    value: (cpu.user + cpu.system) / 1e6,
    unit: 's',
    detail: true,
    note: 'wall time above grows with the load of the machine',
  });

  const out = path.join(root, 'bench', 'out');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'forecast-backtest.csv'), toDemspacesCsv(main));
  return figures;
}
