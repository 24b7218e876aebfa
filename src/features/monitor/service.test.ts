import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberActor, newOrg, withOrgKey } from '../../../tests/helpers/accounts.ts';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { anonymous, type Actor, type OrgRole } from '../../platform/access.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { sampleEvent, VICTIM, WITNESS_CONTACT } from './fixtures.ts';
import { PUBLIC_FIELDS } from './model.ts';
import {
  editEvent,
  eventVersions,
  getEvent,
  NO_FILTERS,
  OwnVerificationError,
  publicCountryEvents,
  publicEvent,
  publishEvent,
  recordEvents,
  searchEvents,
  verifyEvent,
} from './service.ts';

let env: TestEnv;
let orgId: string;
let otherOrg: string;
beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgId = await newOrg(env, 'Viasna Test');
  otherOrg = await newOrg(env, 'Other Test');
});
afterAll(() => env.close());

const person = (userId: string, role: OrgRole, org = orgId): Actor => memberActor(org, role, userId);
let author: Actor, colleague: Actor, admin: Actor;
beforeAll(() => {
  [author, colleague, admin] = [person('author', 'member'), person('colleague', 'member'), person('admin', 'admin')];
});
const page = { limit: 20, offset: 0 };

describe('the monitor service', () => {
  it('records, finds by word and facet, keeps versions, and verifies only by a second person', async () => {
    const [e] = await withOrgKey(env, orgId, () => recordEvents(env.ctx, author, orgId, [sampleEvent()]));
    const id = e!.id;
    const find = (f: Partial<typeof NO_FILTERS>) =>
      withOrgKey(env, orgId, () => searchEvents(env.ctx, author, orgId, { ...NO_FILTERS, ...f }, page)).then((p) =>
        p.events.map((x) => x.id),
      );
    expect(await find({ q: 'courthouse' })).toEqual([id]);
    expect(await find({ q: 'détained' })).toEqual([id]);
    expect(await find({ q: 'detention vigil' })).toEqual([id]);
    expect(await find({ q: 'stadium' })).toEqual([]);
    expect(await find({ countries: ['BY'], rights: ['assembly'], perpetrators: ['police'] })).toEqual([id]);
    expect(await find({ countries: ['RU'] })).toEqual([]);
    expect(await find({ from: '2026-03', to: '2026-03' })).toEqual([id]);
    expect(await find({ from: '2025-01', to: '2026-02' })).toEqual([]);
    expect(await find({ from: '2020-01', to: '2027-12' })).toEqual([id]);

    await withOrgKey(env, orgId, () =>
      editEvent(env.ctx, colleague, orgId, id, { ...sampleEvent(), title: 'Detention after the vigil in Hrodna' }),
    );
    await expect(withOrgKey(env, orgId, () => verifyEvent(env.ctx, author, orgId, id, 'verified'))).rejects.toThrow(
      OwnVerificationError,
    );
    await withOrgKey(env, orgId, () => verifyEvent(env.ctx, colleague, orgId, id, 'verified'));
    expect(await find({ verification: ['verified'] })).toEqual([id]);
    expect(await find({ verification: ['unverified'] })).toEqual([]);
    const versions = await withOrgKey(env, orgId, () => eventVersions(env.ctx, author, orgId, id));
    expect(versions.map((v) => [v.version, v.by, v.changed])).toEqual([
      [2, 'user:colleague', ['verification']],
      [1, 'user:colleague', ['title']],
    ]);
    expect(versions[1]!.event.title).toBe(sampleEvent().title);
    const now = await withOrgKey(env, orgId, () => getEvent(env.ctx, author, orgId, id));
    expect([now.version, now.verification.state, now.verification.by]).toEqual([3, 'verified', 'user:colleague']);
  });

  it('publishes only the chosen fields, never names, contacts or points, and unpublishes', async () => {
    const [e] = await withOrgKey(env, orgId, () => recordEvents(env.ctx, author, orgId, [sampleEvent()]));
    await expect(
      withOrgKey(env, orgId, () => publishEvent(env.ctx, author, orgId, e!.id, { state: 'public', fields: [] })),
    ).rejects.toThrow(ForbiddenError);
    const published = await withOrgKey(env, orgId, () =>
      publishEvent(env.ctx, admin, orgId, e!.id, { state: 'public', fields: [...PUBLIC_FIELDS] }),
    );
    const publicId = published.publication.publicId!;
    const shown = await publicEvent(env.ctx, anonymous, publicId);
    const text = JSON.stringify(shown);
    for (const secret of [VICTIM, 'Kvyatkovskaya', WITNESS_CONTACT, 'Field monitor 7', '53.6779', '23.8295'])
      expect(text).not.toContain(secret);
    expect(shown).toMatchObject({ country: 'BY', region: 'Hrodna', verification: 'unverified', sourceCount: 1 });
    expect(shown.description).toContain('outside the courthouse');
    expect(shown.perpetrators).toEqual(['police']);
    expect((await publicCountryEvents(env.ctx, anonymous, { country: 'BY' })).map((p) => p.id)).toContain(publicId);

    const fewer = await withOrgKey(env, orgId, () =>
      publishEvent(env.ctx, admin, orgId, e!.id, { state: 'public', fields: ['acts'] }),
    );
    expect(fewer.publication.publicId).toBe(publicId);
    expect(await publicEvent(env.ctx, anonymous, publicId)).toMatchObject({
      title: null,
      description: null,
      region: null,
      start: { date: '2026', precision: 'year' },
    });
    await withOrgKey(env, orgId, () => publishEvent(env.ctx, admin, orgId, e!.id, { state: 'private', fields: [] }));
    await expect(publicEvent(env.ctx, anonymous, publicId)).rejects.toThrow(NotFoundError);
  });

  it('another organisation sees nothing: not found, and no match in its searches', async () => {
    const [e] = await withOrgKey(env, orgId, () => recordEvents(env.ctx, author, orgId, [sampleEvent()]));
    const outsider = person('outsider', 'owner', otherOrg);
    await expect(withOrgKey(env, orgId, () => getEvent(env.ctx, outsider, orgId, e!.id))).rejects.toThrow(
      NotFoundError,
    );
    await expect(withOrgKey(env, otherOrg, () => getEvent(env.ctx, outsider, otherOrg, e!.id))).rejects.toThrow(
      NotFoundError,
    );
    const theirs = await withOrgKey(env, otherOrg, () =>
      searchEvents(env.ctx, outsider, otherOrg, { ...NO_FILTERS, q: 'courthouse' }, page),
    );
    expect(theirs.events).toEqual([]);
    await expect(searchEvents(env.ctx, anonymous, orgId, NO_FILTERS, page)).rejects.toThrow();
  });

  it('records many events in batches, all or none: sealing failing in a later batch leaves no row', async () => {
    const org = await newOrg(env, 'Batch Test');
    const writer = person('writer', 'member', org);
    const many = Array.from({ length: 1_201 }, (_, i) => sampleEvent({ title: `Detention number ${i}` }));
    const stored = async () => {
      const rows = await sql<{ n: number | string }>`select (select count(*) from monitor_events) as n
        union all select (select count(*) from monitor_fts)`.execute(env.ctx.db);
      return rows.rows.map((r) => Number(r.n));
    };
    const before = await stored();
    const sealer = env.ctx.sealer;
    let sealed = 0;
    // The third batch fails while the second is being written (on PostgreSQL).
    env.ctx.sealer = {
      ...sealer,
      seal: (at, text) => (++sealed === 1_101 ? Promise.reject(new Error('sealing failed')) : sealer.seal(at, text)),
    };
    try {
      await expect(withOrgKey(env, org, () => recordEvents(env.ctx, writer, org, many))).rejects.toThrow(
        'sealing failed',
      );
    } finally {
      env.ctx.sealer = sealer;
    }
    expect(sealed).toBe(1_101);
    expect(await stored()).toEqual(before);

    const recorded = await withOrgKey(env, org, () => recordEvents(env.ctx, writer, org, many));
    expect(await stored()).toEqual(before.map((n) => n + 1_201));
    for (const i of [10, 499, 500, 1_200]) {
      const found = await withOrgKey(env, org, () =>
        searchEvents(env.ctx, writer, org, { ...NO_FILTERS, q: `number ${i}` }, page),
      );
      expect(found.events.map((e) => [e.id, e.title])).toEqual([[recorded[i]!.id, `Detention number ${i}`]]);
    }
  });
});
