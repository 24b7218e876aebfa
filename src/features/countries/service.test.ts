// The V-Dem import on the configured database (SQLite, or PostgreSQL with DATABASE_URL): every row of
// the shared file once, a second import that changes nothing, an edited file that updates only what
// changed, and clear problems for a wrong directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { anonymous, cliOperator } from '../../platform/access.ts';
import { UnauthenticatedError } from '../../platform/errors.ts';
import { VDEM_DIR, vdemSubset } from './fixtures.ts';
import * as q from './queries.ts';
import { countryProfile, importVdem, type ImportProgress } from './service.ts';

let env: TestEnv;
const made: string[] = [];
beforeAll(async () => {
  if (!VDEM_DIR) return;
  env = await testEnv({ seed: false });
}, 60_000);
afterAll(async () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  await env?.close();
});

/** Rows and distinct countries of the shared file, counted here independently of the importer. */
function countFile(): { rows: number; countries: number } {
  const lines = fs.readFileSync(path.join(VDEM_DIR!, 'dv_data_1968_on.csv'), 'utf8').trim().split('\n').slice(1);
  return { rows: lines.length, countries: new Set(lines.map((l) => l.split(',')[4])).size };
}

describe.skipIf(!VDEM_DIR)('amparo countries import-vdem (service)', () => {
  it('imports every country-year of the file, then a second import changes nothing', async () => {
    const progress: ImportProgress[] = [];
    const first = await importVdem(env.ctx, cliOperator, VDEM_DIR!, (p) => progress.push(p));
    const expected = countFile();
    expect(first).toEqual({
      ok: true,
      value: {
        rows: expected.rows,
        inserted: expected.rows,
        updated: 0,
        unchanged: 0,
        cutpointsChanged: 6,
        unknownCodes: [],
      },
    });
    expect(await q.countryYearCount(env.ctx.db)).toBe(expected.rows);
    expect((await q.coveredCountries(env.ctx.db)).length).toBe(expected.countries);
    expect(progress.at(-1)).toEqual({ done: expected.rows, total: expected.rows });
    expect(progress.length).toBeGreaterThan(5);

    const belarus = await q.countryYears(env.ctx.db, 'BY');
    expect(belarus.rows[0]).toMatchObject({ iso3: 'BLR', gwcode: 370, region: 1 });
    const cuts = await q.allCutpoints(env.ctx.db);
    expect(cuts.find((c) => c.indicator === 'v2x_pubcorr')).toEqual({ indicator: 'v2x_pubcorr', up: 0.03, down: 0.03 });

    const audits = async () =>
      (await env.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'countries.import').execute())
        .length;
    expect(await audits()).toBe(1);
    const second = await importVdem(env.ctx, cliOperator, VDEM_DIR!);
    expect(second.ok && second.value).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: expected.rows,
      cutpointsChanged: 0,
    });
    expect(await q.countryYearCount(env.ctx.db)).toBe(expected.rows);
    expect(await audits()).toBe(1);
  }, 60_000);

  it('updates only the rows a new edition changed', async () => {
    const dir = vdemSubset(['GEO']);
    made.push(dir);
    const file = path.join(dir, 'dv_data_1968_on.csv');
    const text = fs.readFileSync(file, 'utf8');
    const line = text.split('\n').find((l) => l.startsWith('372,2020,'))!;
    const cells = line.split(',');
    cells[6] = '0.123';
    fs.writeFileSync(file, text.replace(line, cells.join(',')));
    const result = await importVdem(env.ctx, cliOperator, dir);
    expect(result.ok && result.value).toMatchObject({ inserted: 0, updated: 1, cutpointsChanged: 0 });
    const georgia = await q.countryYears(env.ctx.db, 'GE');
    expect(georgia.years.find((y) => y.year === 2020)?.v2xcs_ccsi).toBe(0.123);
  });

  it('names what is wrong with a directory and imports nothing', async () => {
    const missing = await importVdem(env.ctx, cliOperator, path.join(os.tmpdir(), 'no-such-vdem-dir'));
    expect(missing).toMatchObject({ ok: false, problems: { dir: { key: 'countries.import.noDir' } } });

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-vdem-empty-'));
    made.push(empty);
    const noFiles = await importVdem(env.ctx, cliOperator, empty);
    expect(noFiles.ok).toBe(false);
    expect(!noFiles.ok && Object.values(noFiles.problems)[0]?.key).toBe('countries.import.missingFile');

    const bad = vdemSubset(['ARM']);
    made.push(bad);
    const file = path.join(bad, 'dv_data_1968_on.csv');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines[3] = lines[3]!.replace(/,[^,]+$/, ',1.7');
    fs.writeFileSync(file, lines.join('\n'));
    const before = await q.countryYearCount(env.ctx.db);
    const outOfRange = await importVdem(env.ctx, cliOperator, bad);
    expect(outOfRange).toMatchObject({
      ok: false,
      problems: { 'dv_data_1968_on.csv:4': { key: 'countries.import.badLine', values: { line: 4 } } },
    });
    expect(await q.countryYearCount(env.ctx.db)).toBe(before);
  });

  it('is the operator’s to run; reading is for anyone', async () => {
    await expect(importVdem(env.ctx, anonymous, VDEM_DIR!)).rejects.toThrow(UnauthenticatedError);
    const profile = await countryProfile(env.ctx, anonymous, 'BY');
    expect(profile.loaded).toBe(true);
    expect(profile.indicators?.years.at(-1)?.year).toBe(2023);
  });
});
