import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberActor, newOrg, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import { NO_FILTERS, searchEvents } from '../service.ts';
import { importEvents, type ImportOptions } from './service.ts';

let env: TestEnv;
let orgId: string;
beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgId = await newOrg(env, 'Import Test');
});
afterAll(() => env.close());

const member = () => memberActor(orgId, 'member', 'importer');

const run = (text: string, options: ImportOptions = {}) =>
  withOrgKey(env, orgId, () => importEvents(env.ctx, member(), orgId, [text], options));
const count = async () =>
  (await withOrgKey(env, orgId, () => searchEvents(env.ctx, member(), orgId, NO_FILTERS, { limit: 1, offset: 0 })))
    .total;

const UWAZI = [
  'Title,Date added,date_of_event,Country,Violation_type,Perpetrator,Geolocation,Description',
  'Vigil dispersed,2026-01-02,2025-11-04,Belarus,Protest disruption|Detention of protesters,police,53.9|27.56,"Riot police broke up the vigil,\nthen detained 12."',
  'Newspaper blocked,2026-01-02,2025-12,BY,internet-shutdown,Regulator,,',
].join('\n');

describe('importing events from CSV', () => {
  it('imports an Uwazi-style export, labels and ids alike, and the events are searchable', async () => {
    const before = await count();
    const report = await run(UWAZI, { preset: 'uwazi' });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ rows: 2, imported: 2, dryRun: false });
    expect(report.columns).toMatchObject({ title: 'Title', date: 'date_of_event', location: 'Geolocation' });
    expect(await count()).toBe(before + 2);
    const found = await withOrgKey(env, orgId, () =>
      searchEvents(
        env.ctx,
        member(),
        orgId,
        { ...NO_FILTERS, q: 'vigil', types: ['detention-of-protesters'] },
        { limit: 5, offset: 0 },
      ),
    );
    expect(found.events).toHaveLength(1);
    expect(found.events[0]).toMatchObject({
      start: { date: '2025-11-04', precision: 'day' },
      place: { country: 'BY', point: { lat: 53.9, lon: 27.56 } },
      description: 'Riot police broke up the vigil,\nthen detained 12.',
    });
    expect(found.events[0]!.acts.map((a) => [a.type, a.right])).toEqual([
      ['protest-disruption', 'assembly'],
      ['detention-of-protesters', 'assembly'],
    ]);
  });

  it('a dry run reports every bad row with its line and column, and writes nothing', async () => {
    const before = await count();
    const text = [
      'Post ID,Post Title,Post Date,Categories,Location.lat,Location.lon',
      '1,Good row,2025-03-01,Censorship,,',
      '2,,2025-13-01,Censorship,,',
      '3,Bad type,2025-03-01,Alien abduction,,',
      '4,Bad point,03/04/2025,Censorship,95,10',
    ].join('\r\n');
    const report = await run(text, { preset: 'ushahidi', country: 'ni', dryRun: true });
    expect(report.rows).toBe(4);
    expect(report.imported).toBe(0);
    expect(report.errors.map((e) => [e.row, e.column, e.key.split('.').pop(), e.values?.value])).toEqual([
      [3, 'Post Title', 'missingTitle', undefined],
      [3, 'Post Date', 'badDate', '2025-13-01'],
      [4, 'Categories', 'unknownType', 'Alien abduction'],
      [5, 'Post Date', 'ambiguousDate', '03/04/2025'],
      [5, 'Location.lat', 'badPoint', undefined],
    ]);
    expect(await count()).toBe(before);
    const clean = await run(text.split('\r\n').slice(0, 2).join('\n'), {
      preset: 'ushahidi',
      country: 'NI',
      dryRun: true,
    });
    expect(clean).toMatchObject({ rows: 1, imported: 0, errors: [] });
    expect(await count()).toBe(before);
  });

  it('a real run with one bad row imports none of the good ones', async () => {
    const before = await count();
    const rows = Array.from(
      { length: 30 },
      (_, i) => `Event ${i},2024-05-${String(i + 1).padStart(2, '0')},UA,censorship`,
    );
    rows.splice(17, 0, 'Event X,2024-05-02,Atlantis,censorship');
    const report = await run(['title,date,country,types', ...rows].join('\n'));
    expect(report.rows).toBe(31);
    expect(report.errors).toEqual([
      { row: 19, column: 'country', key: 'monitor.import.error.unknownCountry', values: { value: 'Atlantis' } },
    ]);
    expect(report.imported).toBe(0);
    expect(await count()).toBe(before);
  });

  it('names the columns it cannot find and the quote that never closes', async () => {
    const missing = await run('Name,When\nA,2024', { map: { country: 'Land' } });
    expect(missing.errors.map((e) => [e.key.split('.').pop(), e.values])).toEqual([
      ['noColumn', { field: 'country', column: 'Land' }],
      ['unmapped', { field: 'title' }],
      ['unmapped', { field: 'date' }],
      ['missingTitle', undefined],
      ['missingDate', undefined],
      ['missingCountry', undefined],
    ]);
    const open = await run('title,date,country\nA,2024,UA\n"B,2024,UA\n');
    expect(open.errors).toEqual([{ row: 3, column: null, key: 'monitor.import.error.unclosedQuote' }]);
    expect(open.imported).toBe(0);
  });

  it('refuses a viewer', async () => {
    const viewer = memberActor(orgId, 'viewer');
    await expect(
      withOrgKey(env, orgId, () => importEvents(env.ctx, viewer, orgId, ['title,date\nA,2024'], {})),
    ).rejects.toThrow(ForbiddenError);
  });
});
