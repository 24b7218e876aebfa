// `amparo monitor import`, run as a person would: a member signs in with AMPARO_PASSWORD and the events
// land under the organisation's key, all of them or none.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS, searchEvents } from '../src/features/monitor/service.ts';
import { addMember, memberActor, newOrg, PASSWORD, withOrgKey, type Person } from './helpers/accounts.ts';
import { runAmparo } from './helpers/cli.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
let orgId: string;
let member: Person;
let viewer: Person;
beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgId = await newOrg(env, 'Import CLI Test');
  member = await addMember(env, orgId, 'member');
  viewer = await addMember(env, orgId, 'viewer');
});
afterAll(() => env.close());

const reader = () => memberActor(orgId, 'viewer', 'reader');
const count = async () =>
  (await withOrgKey(env, orgId, () => searchEvents(env.ctx, reader(), orgId, NO_FILTERS, { limit: 1, offset: 0 })))
    .total;

function csvFile(name: string, lines: string[]): string {
  const file = path.join(env.dataDir, name);
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  return file;
}

const GOOD = [
  'Post ID,Survey,Post Date,Post Title,Description,Categories,Where',
  '1,Incidents,2025-02-01 10:00:00,Journalist held at the border,"Held for 6 hours, phone searched",Detention of a journalist,Brest',
  '2,Incidents,2025-02-03,Website blocked,,censorship,',
  '3,Incidents,2025-02,Rally banned,,Protest ban,Minsk',
];

const importing = (file: string, who: Person, more: string[] = [], password = PASSWORD) =>
  runAmparo(
    env,
    [
      'monitor',
      'import',
      file,
      '--org',
      orgId,
      '--email',
      who.email,
      '--preset',
      'ushahidi',
      '--country',
      'BY',
      ...more,
    ],
    { AMPARO_PASSWORD: password, LANG: 'en_GB.UTF-8' },
  );

describe('amparo monitor import', () => {
  it('checks in a dry run, reports bad rows without importing, then imports a clean file', async () => {
    const good = csvFile('good.csv', GOOD);
    const before = await count();
    const dry = await importing(good, member, ['--map', 'region=Where', '--dry-run']);
    expect(dry.stdout).toMatch(/Dry run: 3 rows checked, no problems found/);
    expect(dry.code).toBe(0);
    expect(await count()).toBe(before);

    const bad = csvFile('bad.csv', [...GOOD, '4,Incidents,yesterday,,,Telepathy,']);
    const failed = await importing(bad, member, ['--map', 'region=Where']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('Row 5, Post Date: Not a date: yesterday.');
    expect(failed.stdout).toContain('Row 5, Post Title: No title.');
    expect(failed.stdout).toContain('Row 5, Categories: Unknown violation type: Telepathy.');
    expect(failed.stdout).toMatch(/3 problems in 4 rows read\. Nothing was imported\./);
    expect(await count()).toBe(before);

    const done = await importing(good, member, ['--map', 'region=Where']);
    expect(done.stdout).toMatch(/Imported 3 events\./);
    expect(done.stderr).toMatch(/3 rows read \(100%\)/);
    expect(done.code).toBe(0);
    expect(await count()).toBe(before + 3);
  }, 60_000);

  it('refuses a wrong password, a viewer and a bad flag, importing nothing', async () => {
    const good = csvFile('again.csv', GOOD);
    const before = await count();
    const wrong = await importing(good, member, [], 'not the password');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/do not match an account/);
    const seen = await importing(good, viewer);
    expect(seen.code).toBe(1);
    expect(await count()).toBe(before);
    const flag = await importing(good, member, ['--map', 'colour=Where']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/--map takes field=Column/);
    const absent = await importing(path.join(env.dataDir, 'absent.csv'), member);
    expect(absent).toMatchObject({ code: 2, stderr: expect.stringMatching(/^amparo: no such file: .*absent\.csv\n$/) });
  }, 60_000);
});
