// Scores forecast candidates on the early split only (origins 1994, 1996, ..., 2004, each trained
// on the years before it): the place where settings and features are chosen, so that nothing from
// the backtest's origins (2005 on) is looked at for a choice. Run:
//   node --import tsx bench/forecast-explore.ts '<json list of candidates>'
// a candidate: { "name": "...", "params": {...GbmParams overrides}, "drop": ["feature prefix or
// suffix", ...], "strict": false, "trainFrom": 1980 }. Params are overrides of DEFAULT_PARAMS: to
// score a candidate without bagging or recency weights give "bags": 1 or "halfLife": null.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBacktest, scoreBacktest } from '../src/features/countries/forecast/backtest.ts';
import { buildFeatures, type FeatureMatrix } from '../src/features/countries/forecast/features.ts';
import { DEFAULT_PARAMS, type GbmParams } from '../src/features/countries/forecast/model.ts';
import { findVdemDir, readVdemDir } from '../src/features/countries/forecast/vdem-csv.ts';

interface Candidate {
  name: string;
  params?: Partial<GbmParams>;
  drop?: string[];
  strict?: boolean;
  trainFrom?: number;
}

const EARLY_ORIGINS = [1994, 1996, 1998, 2000, 2002, 2004];
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dir = process.env.VDEM_DIR ?? findVdemDir(root);
if (!dir) throw new Error('V-Dem files not found');
const data = readVdemDir(dir);
const full = buildFeatures(data.rows, data.cutpoints, data.regions);

const dropped = (m: FeatureMatrix, drop: string[]): FeatureMatrix => {
  const keep = m.names.flatMap((n, i) => (drop.some((d) => n === d || n.endsWith(`.${d}`)) ? [] : [i]));
  return { names: keep.map((i) => m.names[i]!), columns: keep.map((i) => m.columns[i]!), rows: m.rows };
};

const candidates = JSON.parse(process.argv[2] ?? '[{"name":"default"}]') as Candidate[];
for (const c of candidates) {
  const params: Record<string, unknown> = { ...DEFAULT_PARAMS, ...c.params };
  for (const [key, value] of Object.entries(params)) if (value === null) delete params[key];
  const cpu0 = process.cpuUsage();
  const forecasts = runBacktest(
    data,
    {
      origins: EARLY_ORIGINS,
      strict: c.strict ?? false,
      params: params as unknown as GbmParams,
      ...(c.trainFrom === undefined ? {} : { trainFrom: c.trainFrom }),
    },
    dropped(full, c.drop ?? []),
  );
  const cpu = process.cpuUsage(cpu0);
  const [up, down] = scoreBacktest(forecasts);
  const f = (v: number) => v.toFixed(3);
  console.log(
    `${c.name}${c.strict ? ' (strict)' : ''}: up ${f(up!.rocAuc)} / ${f(up!.prAuc)}, down ${f(down!.rocAuc)} / ${f(down!.prAuc)}, ` +
      `log-loss ${f(up!.logLoss)} / ${f(down!.logLoss)}, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`,
  );
}
