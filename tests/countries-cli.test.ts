// `amparo countries import-vdem <dir>`, run as an operator would: a subset of the shared V-Dem files
// imported, a second run that changes nothing and says so, and one clear line for a wrong directory;
// then `amparo countries forecast` on it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../src/config/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VDEM_DIR, vdemSubset } from '../src/features/countries/fixtures.ts';
import { runAmparo } from './helpers/cli.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
let dir: string;
beforeAll(async () => {
  if (!VDEM_DIR) return;
  env = await testEnv({ seed: false });
  dir = vdemSubset(['BLR', 'GEO']);
});
afterAll(async () => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  await env?.close();
});

const run = (args: string[]) => runAmparo(env, ['countries', 'import-vdem', ...args], { LANG: 'en_GB.UTF-8' });
const rowsIn = (d: string) =>
  fs.readFileSync(path.join(d, 'dv_data_1968_on.csv'), 'utf8').trim().split('\n').length - 1;

describe.skipIf(!VDEM_DIR)('amparo countries import-vdem', () => {
  it('imports, reports progress, and a second run changes nothing and says so', async () => {
    const rows = rowsIn(dir);
    const first = await run([dir]);
    expect(first.stderr).toContain(`${rows} of ${rows} country-years`);
    expect(first).toMatchObject({
      code: 0,
      stdout: `Imported the V-Dem indicators: ${rows} new country-years, 0 updated, 0 unchanged.\n`,
    });
    const second = await run([dir]);
    expect(second).toMatchObject({
      code: 0,
      stdout: `Nothing changed: the ${rows} country-years were already imported.\n`,
    });
    expect(await env.ctx.db.selectFrom('vdem_country_years').select('iso3').execute()).toHaveLength(rows);
  }, 60_000);

  it('forecast: trains on the imported data and stores the forecasts, and a rerun changes nothing', async () => {
    const forecast = () => runAmparo(env, ['countries', 'forecast'], { LANG: 'en_GB.UTF-8' });
    const first = await forecast();
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Training the models on ${rowsIn(dir)} country-years…`);
    const stored = await env.ctx.db.selectFrom('vdem_forecasts').select(['iso2', 'from_year']).execute();
    expect(new Set(stored.map((r) => r.iso2))).toEqual(new Set(['BY', 'GE']));
    const year = Math.max(...stored.map((r) => Number(r.from_year)));
    expect(first.stdout).toBe(`Stored ${stored.length} forecasts for 2 countries, from the data up to ${year}.\n`);
    const second = await forecast();
    expect(second).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Nothing changed: the \d+ forecasts/) });
  }, 60_000);

  it('names a wrong directory, or the file it lacks, and exits 1', async () => {
    const missing = await run([path.join(env.dataDir, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such directory');
    expect(missing.stderr).toContain('dv_data_1968_on.csv, cutpoints.csv and region-mapping.csv');
    const empty = await run([env.dataDir]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/The directory has no (dv_data_1968_on|cutpoints|region-mapping)\.csv/);
  }, 60_000);

  // util-linux `script` runs the command on a pseudo-terminal, as an operator at a terminal would.
  it.skipIf(!fs.existsSync('/usr/bin/script'))(
    'draws a progress bar in place at a terminal',
    async () => {
      const other = vdemSubset(['ARM']);
      try {
        const command = [process.execPath, path.join(projectRoot, 'bin/amparo.js'), 'countries', 'import-vdem', other]
          .map((a) => `'${a}'`)
          .join(' ');
        const { stdout } = await promisify(execFile)('/usr/bin/script', ['-qec', command, '/dev/null'], {
          env: { ...env.childEnv, LANG: 'en_GB.UTF-8' },
        });
        const rows = rowsIn(other);
        expect(stdout).toContain(`\r[${'#'.repeat(30)}] ${rows} of ${rows} country-years`);
        expect(stdout).toContain(`Imported the V-Dem indicators: ${rows} new country-years`);
      } finally {
        fs.rmSync(other, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
