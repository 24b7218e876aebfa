// The monitor through its pages, as a browser without JavaScript uses them: record (a failed save keeps
// everything), add a row, verify by a second person, publish chosen fields, read the public pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs } from '../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { VICTIM, WITNESS_CONTACT } from './fixtures.ts';

let env: TestEnv;
let orgId: string;
let author: string;
let colleague: string;
let admin: string;
beforeAll(async () => {
  env = await testEnv();
  orgId = await newOrg(env, 'Monitor Route Org');
  author = await signInAs(env, await addMember(env, orgId, 'member'));
  colleague = await signInAs(env, await addMember(env, orgId, 'member'));
  admin = await signInAs(env, await addMember(env, orgId, 'admin'));
}, 60_000);
afterAll(() => env.close());

const get = (url: string, cookie?: string) => env.app.request(url, cookie ? { headers: { cookie } } : {});
const post = (url: string, cookie: string, fields: Record<string, string | string[]>) =>
  postForm(env, url, fields, { cookie });

const filled = {
  title: `Detention of ${VICTIM}`,
  description: `Police detained ${VICTIM} at the vigil in Hrodna.`,
  start: '2026-03-14',
  country: 'BY',
  region: 'Hrodna',
  lat: '53.6779',
  lon: '23.8295',
  'act.0.type': 'detention-of-protesters',
  'act.0.mode': 'commission',
  'act.0.right': '',
  'party.0.role': 'victim',
  'party.0.kind': 'person',
  'party.0.name': VICTIM,
  'party.1.role': 'source',
  'party.1.kind': 'person',
  'party.1.name': 'A witness',
  'party.1.contact': WITNESS_CONTACT,
  'party.2.role': 'perpetrator',
  'party.2.kind': 'group',
  'party.2.category': 'police',
  'source.0.kind': 'witness',
  'source.0.description': 'Seen at the vigil.',
  'source.0.reliability': 'probably-true',
};

describe('the monitor pages', () => {
  it('record: a failed save keeps every value, a row can be added, a good save lands on the event', async () => {
    const base = `/en/orgs/${orgId}/monitor`;
    const missing = await post(`${base}/events`, author, { ...filled, 'act.0.type': '', start: '14/03/2026' });
    expect(missing.status).toBe(422);
    const page = await missing.text();
    expect(page).toContain('Write the date as 2026');
    expect(page).toContain('Choose at least one violation');
    expect(page).toContain(WITNESS_CONTACT);
    expect(page).toContain('value="Hrodna"');

    const more = await post(`${base}/events`, author, { ...filled, more: 'party' });
    expect(more.status).toBe(200);
    const withRow = await more.text();
    expect(withRow).toContain('name="party.5.name"'); // three filled, two spare rows, one more
    expect(withRow).not.toContain('name="party.6.name"');

    const saved = await post(`${base}/events`, author, filled);
    expect(saved.status).toBe(303);
    const url = saved.headers.get('location')!;
    expect(url).toMatch(/\/monitor\/events\/[a-z0-9]+\?done=recorded$/);
    const shown = await (await get(url, author)).text();
    expect(shown).toContain(VICTIM);
    expect(shown).toContain('Detention of protesters');
    expect(shown).toContain('someone else must mark it verified');

    const list = await (await get(`${base}?q=vigil&country=BY&type=detention-of-protesters`, author)).text();
    expect(list).toContain(`Detention of ${VICTIM}`);
    const none = await (await get(`${base}?q=vigil&country=RU`, author)).text();
    expect(none).not.toContain(`Detention of ${VICTIM}`);
  });

  it('verify by a second person, publish chosen fields, and the public pages show no name, contact or point', async () => {
    const base = `/en/orgs/${orgId}/monitor`;
    const saved = await post(`${base}/events`, author, filled);
    const eventPath = saved.headers.get('location')!.split('?')[0]!;
    const own = await post(`${eventPath}/verify`, author, { state: 'verified' });
    expect(own.status).toBe(409);
    expect(await own.text()).toContain('a second person must verify it');
    expect((await post(`${eventPath}/verify`, colleague, { state: 'verified' })).status).toBe(303);
    expect((await post(`${eventPath}/publish`, author, { state: 'public', fields: ['title'] })).status).toBe(403);
    const published = await post(`${eventPath}/publish`, admin, {
      state: 'public',
      fields: ['title', 'description', 'dates', 'region', 'acts', 'perpetrators', 'sources', 'verification'],
    });
    expect(published.status).toBe(303);
    const page = await (await get(eventPath, admin)).text();
    const publicUrl = /href="(\/en\/monitor\/events\/[a-z0-9]+)"/.exec(page)![1]!;
    const versions = await (await get(`${eventPath}/versions`, author)).text();
    expect(versions).toContain('changed: verification');
    expect(versions).toMatch(/by Test member; changed: verification/);

    const pages = [publicUrl, '/en/monitor', '/en/monitor/countries/BY', '/ar/monitor/countries/BY', '/ru/monitor'];
    for (const url of pages) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      for (const secret of [VICTIM, 'Kvyatkovskaya', WITNESS_CONTACT, '53.6779', '23.8295'])
        expect(text, url).not.toContain(secret);
    }
    // The monitor's country page leads to the country's own page (indicators, laws, support).
    expect(await (await get('/en/monitor/countries/BY')).text()).toContain(
      '<a href="/en/countries/BY">Belarus: indicators, laws and support</a>',
    );
    const eventPage = await (await get(publicUrl)).text();
    expect(eventPage).toContain('at the vigil in Hrodna');
    expect(eventPage).toContain('Verified');
    // Deleting needs an admin and the confirmation box; then the event and its public copy are gone.
    expect((await post(`${eventPath}/delete`, author, { confirm: 'yes' })).status).toBe(403);
    const unconfirmed = await post(`${eventPath}/delete`, admin, {});
    expect(unconfirmed.headers.get('location')).toMatch(/done=confirmDelete$/);
    expect((await get(eventPath, admin)).status).toBe(200);
    const index = await (await get('/en/monitor')).text();
    expect(index).toMatch(/<svg[^>]*role="img"/);
    expect(index).toMatch(/Belarus<\/a><\/th>\s*<td>1<\/td>/);
    const deleted = await post(`${eventPath}/delete`, admin, { confirm: 'yes' });
    expect(deleted.headers.get('location')).toBe(`${base}?done=deleted`);
    expect((await get(eventPath, admin)).status).toBe(404);
    expect((await get(publicUrl)).status).toBe(404);
  });
});
