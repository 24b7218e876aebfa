// The monitor on a seized disk (issue 13, docs/decisions/0021): after events are recorded, edited and
// searched through the pages, no name, contact, description, country, violation type, date or point of
// an unpublished event appears in any table or in the database's files; no monitor row carries the
// organisation's id; the search index holds only keyed hashes; sealed documents come in padded sizes;
// and the server key opens none of them. A member who signs in reads and finds them all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VICTIM, WITNESS_CONTACT } from '../src/features/monitor/fixtures.ts';
import { createSealer, derivedKeys, sealAt } from '../src/platform/sealer.ts';
import { addMember, newOrg, signInAs } from './helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from './helpers/context.ts';
import { databaseFiles, filesHolding } from './helpers/db-files.ts';
import { databaseText } from './helpers/db-text.ts';

const STORY = 'pangolin-harbour-5521 taken from the print shop on Lenina street';
const SECOND = 'quetzal-ferry-8093 second arrest at dawn';
let env: TestEnv;
let orgId: string;
let cookie: string;
let eventPath: string;

const form = (story: string) => ({
  title: `Arrest of ${VICTIM}`,
  description: story,
  start: '2026-02-09',
  country: 'KG',
  region: 'Naryn',
  lat: '41.4287',
  lon: '75.9911',
  'act.0.type': 'detention-of-journalist',
  'act.0.mode': 'commission',
  'party.0.role': 'victim',
  'party.0.kind': 'person',
  'party.0.name': VICTIM,
  'party.1.role': 'source',
  'party.1.kind': 'person',
  'party.1.name': 'Witness at the shop',
  'party.1.contact': WITNESS_CONTACT,
  'party.2.role': 'perpetrator',
  'party.2.kind': 'group',
  'party.2.category': 'military',
});

beforeAll(async () => {
  env = await testEnv({ seed: false });
  orgId = await newOrg(env, 'Monitor Seizure Org');
  cookie = await signInAs(env, await addMember(env, orgId, 'owner'));
  const saved = await postForm(env, `/en/orgs/${orgId}/monitor/events`, form(STORY), { cookie });
  expect(saved.status).toBe(303);
  eventPath = saved.headers.get('location')!.split('?')[0]!;
  expect((await postForm(env, eventPath, form(SECOND), { cookie })).status).toBe(303);
}, 60_000);
afterAll(() => env.close());

const PLAIN = [
  VICTIM,
  'Kvyatkovskaya',
  WITNESS_CONTACT,
  STORY,
  SECOND,
  'pangolin',
  'quetzal',
  'Naryn',
  '41.4287',
  '75.9911',
];

describe('a seized disk', () => {
  it('holds no plain word, name, place, type or date of an unpublished event, in any table or file', async () => {
    const text = await databaseText(env);
    for (const [table, json] of Object.entries(text))
      for (const s of PLAIN) expect(json, `${table} holds ${s}`).not.toContain(s);
    // The monitor's own tables do not say where, what, when or whose either.
    const monitor = Object.entries(text).filter(([t]) => t.startsWith('monitor_'));
    expect(monitor.length).toBeGreaterThanOrEqual(4);
    for (const [table, json] of monitor)
      for (const s of ['"KG"', 'detention-of-journalist', 'military', '2026-02', orgId])
        expect(json, `${table} holds ${s}`).not.toContain(s);
    const files = await databaseFiles(env);
    if (files) expect(Object.values(filesHolding(files, PLAIN)).flat()).toEqual([]);
  });

  it('keeps only keyed hashes in the search index, and sealed documents in padded sizes the server key cannot open', async () => {
    const terms = (await env.ctx.db.selectFrom('monitor_events').select('id').execute()).map((r) => r.id);
    expect(terms).toHaveLength(1);
    const rows = await env.ctx.db.selectFrom('monitor_versions').selectAll().execute();
    expect(rows).toHaveLength(1);
    const event = await env.ctx.db.selectFrom('monitor_events').selectAll().executeTakeFirstOrThrow();
    const version = rows[0]!;
    // Padded to whole KiB before sealing: the two versions differ in text but not in size.
    expect(event.doc.length).toBe(version.doc.length);
    const server = createSealer(derivedKeys(env.ctx.serverKey));
    await expect(server.open(sealAt.org(orgId, 'monitor_events', 'doc', event.id), event.doc)).rejects.toThrow();
    await expect(env.ctx.sealer.open(sealAt.org(orgId, 'monitor_events', 'doc', event.id), event.doc)).rejects.toThrow(
      /not held/,
    );
    const index = JSON.stringify((await databaseText(env)).monitor_fts ?? '');
    for (const word of ['arrest', 'print', 'shop', 'dawn', 'lenina']) expect(index).not.toContain(word);
  });

  it('yet the member reads the event back, finds it by a word of its text, and sees the earlier version', async () => {
    const page = await (await env.app.request(eventPath, { headers: { cookie } })).text();
    expect(page).toContain(SECOND);
    expect(page).toContain(VICTIM);
    const found = await (
      await env.app.request(`/en/orgs/${orgId}/monitor?q=dawn&country=KG`, { headers: { cookie } })
    ).text();
    expect(found).toContain(`Arrest of ${VICTIM}`);
    const versions = await (await env.app.request(`${eventPath}/versions`, { headers: { cookie } })).text();
    expect(versions).toContain(STORY);
  });
});
