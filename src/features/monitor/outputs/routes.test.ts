// The outputs through the routes, with a real organisation and signed-in members: exports (and who may
// make them), reports, feeds; and, generated over every output, that a victim's name, a source's contact
// and an exact point never leave in any of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, orgAudit, signInAs, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import type { Actor } from '../../../platform/access.ts';
import { sampleEvent, VICTIM, WITNESS_CONTACT } from '../fixtures.ts';
import { PUBLIC_FIELDS, type MonitorEvent } from '../model.ts';
import { publishEvent, recordEvents } from '../service.ts';
import { COLUMN_IDS } from './table.ts';

let env: TestEnv;
let orgId: string;
const cookies = { admin: '', member: '', viewer: '', stranger: '' };
let digital: MonitorEvent;
let detention: MonitorEvent;
let publicIds: string[];

const actor = (role: 'admin' | 'member'): Actor => ({
  kind: 'user',
  userId: `${role}-actor`,
  sessionId: `s-${role}`,
  platformRole: null,
  mfa: true,
  memberships: new Map([[orgId, { role, requireMfa: false }]]),
});
const SECRETS = [VICTIM, 'Kvyatkovskaya', 'Ostrova', WITNESS_CONTACT, '555-0199', '53.6779', '23.8295', '53.68'];

beforeAll(async () => {
  env = await testEnv({ seed: false, clock: new TestClock(new Date('2026-04-02T08:00:00Z')) });
  orgId = await newOrg(env, 'Viasna Outputs');
  for (const role of ['admin', 'member', 'viewer'] as const)
    cookies[role] = await signInAs(env, await addMember(env, orgId, role));
  cookies.stranger = await signInAs(env, await addMember(env, await newOrg(env, 'Elsewhere'), 'owner'));
  // Two events naming the same victim and witness, at the exact point: one digital attack with a URL source.
  [detention, digital] = (await withOrgKey(env, orgId, () =>
    recordEvents(env.ctx, actor('member'), orgId, [
      sampleEvent(),
      sampleEvent({
        title: `Phishing of ${VICTIM}'s account (ask ${WITNESS_CONTACT})`,
        place: { country: 'BY', region: `Hrodna, near ${VICTIM}`, point: { lat: 53.6779, lon: 23.8295 } },
        acts: [{ type: 'online-attack', mode: 'commission', right: 'digital', note: `Told by ${VICTIM}` }],
        sources: [{ ...sampleEvent().sources[0]!, kind: 'media', url: 'https://phish.example/login' }],
      }),
    ]),
  )) as [MonitorEvent, MonitorEvent];
  const published = await withOrgKey(env, orgId, () =>
    Promise.all(
      [detention, digital].map((e) =>
        publishEvent(env.ctx, actor('admin'), orgId, e.id, { state: 'public', fields: [...PUBLIC_FIELDS] }),
      ),
    ),
  );
  publicIds = published.map((e) => e.publication.publicId!);
}, 60_000);
afterAll(() => env.close());

const get = (url: string, cookie = '') => env.app.request(url, cookie ? { headers: { cookie } } : {});
const base = () => `/en/orgs/${orgId}/monitor`;
const all = COLUMN_IDS.join(',');

describe('exports', () => {
  it('sends the chosen columns as a CSV attachment with each event address and an HXL row', async () => {
    const res = await get(`${base()}/export.csv?columns=id,url,types&hxl=on`, cookies.member);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="events.csv"');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['id,url,types', '#event+id,#meta+url,#event+type']);
    expect(lines).toContain(
      `${digital.id},http://localhost/en/orgs/${orgId}/monitor/events/${digital.id},online-attack`,
    );
    const entries = await orgAudit(env, orgId);
    expect(entries.some((e) => e.action === 'monitor.export.csv' && e.objectId === '2')).toBe(true);
  });

  it('sends the form choice to the file of its format, and keeps exports from viewers and people from members', async () => {
    const form = await get(`${base()}/export`, cookies.member);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('name="columns" value="region"');
    expect(page).not.toContain('name="people"'); // a member may not include people
    expect(await (await get(`${base()}/export`, cookies.admin)).text()).toContain('name="people"');
    const chosen = await get(`${base()}/export?format=stix&tlp=red&columns=id`, cookies.member);
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe(`${base()}/export.stix.json?tlp=red&columns=id`);
    expect((await get(`${base()}/export?format=toString`, cookies.member)).status).toBe(200);
    expect((await get(`${base()}/export.csv`, cookies.viewer)).status).toBe(403);
    expect((await get(`${base()}/export.csv?people=on&columns=people`, cookies.member)).status).toBe(403);
    const inside = await get(`${base()}/export.csv?people=on&columns=id,people,contacts`, cookies.admin);
    expect(await inside.text()).toContain(WITNESS_CONTACT);
    expect((await get(`${base()}/export.json`, cookies.stranger)).status).toBe(404);
    expect((await get(`${base()}/export.stix.json?tlp=purple`, cookies.member)).status).toBe(400);
  });

  it('bundles only digital attacks as STIX, with an indicator for the URL source and the chosen marking', async () => {
    const res = await get(`${base()}/export.stix.json?tlp=green&producer=organisation`, cookies.member);
    expect(res.headers.get('content-type')).toBe('application/stix+json;version=2.1');
    const bundle = (await res.json()) as { objects: { type: string; name?: string; pattern?: string }[] };
    expect(bundle.objects.filter((o) => o.type === 'incident')).toHaveLength(1);
    expect(bundle.objects.find((o) => o.type === 'indicator')?.pattern).toBe(
      "[url:value = 'https://phish.example/login']",
    );
    expect(bundle.objects.find((o) => o.type === 'identity')?.name).toBe('Viasna Outputs');
    expect(bundle.objects.find((o) => o.type === 'marking-definition')?.name).toBe('TLP:GREEN');
  });
});

describe('reports and feeds', () => {
  it('reports a country and period to viewers, as a print view and as Markdown', async () => {
    const res = await get(`${base()}/report?country=by&from=2026-03&to=2026-03`, cookies.viewer);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Civic space report: Belarus');
    expect(html).toContain('2 events, resting on 2 sources');
    const md = await get(`${base()}/report.md?country=BY&from=2026-03&to=2026-03`, cookies.viewer);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toMatch(/1\. \*\*2026-03-14\*\*/);
    expect((await get(`${base()}/report?country=Belarus`, cookies.viewer)).status).toBe(422);
    expect((await get(`${base()}/report?country=BY&from=2026-05&to=2026-04`, cookies.viewer)).status).toBe(422);
    expect((await get(`${base()}/report?country=BY`, cookies.stranger)).status).toBe(404);
    expect((await get(`${base()}/report.md?country=Belarus`, cookies.stranger)).status).toBe(404);
    expect((await get(`${base()}/report.md?country=Belarus`, cookies.viewer)).status).toBe(422);
    const outside = await get(`${base()}/report?country=BY&from=2027`, cookies.viewer);
    expect(await outside.text()).toContain('No events were recorded');
  });

  it('reports public events to anyone, and feeds them per country and type with links to their pages', async () => {
    const html = await (await get('/en/monitor/report?country=BY')).text();
    expect(html).toContain('2 events');
    expect(html).toContain('href="/en/monitor/feeds/country/BY.atom"');
    const feed = await get('/en/monitor/feeds/country/BY.atom');
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    for (const id of publicIds) expect(xml).toContain(`href="http://localhost/en/monitor/events/${id}"`);
    expect(xml).toContain('<updated>2026-04-02T08:00:00.000Z</updated>');
    const byType = await (await get('/en/monitor/feeds/type/online-attack.atom')).text();
    expect(byType.match(/<entry>/g)).toHaveLength(1);
    const none = await (await get('/en/monitor/feeds/country/ZZ.atom')).text();
    expect(none).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
    expect(none).not.toContain('<entry>');
  });
});

describe('no output names, contacts or locates a person', () => {
  const outputs = () => [
    [`${base()}/export.csv?columns=${all}&hxl=on`, cookies.admin],
    [`${base()}/export.json?columns=${all}`, cookies.admin],
    [`${base()}/export.stix.json?producer=organisation`, cookies.admin],
    [`${base()}/report?country=BY`, cookies.viewer],
    [`${base()}/report.md?country=BY`, cookies.viewer],
    ['/en/monitor/report?country=BY', ''],
    ['/en/monitor/report.md?country=BY', ''],
    ['/en/monitor/feeds/country/BY.atom', ''],
    ['/en/monitor/feeds/type/online-attack.atom', ''],
    ['/en/monitor/feeds/type/detention-of-protesters.atom', ''],
    ['/ru/monitor/feeds/country/BY.atom', ''],
  ];

  it('holds for every output built', async () => {
    for (const [url, cookie] of outputs()) {
      const res = await get(url!, cookie);
      expect(res.status, url).toBe(200);
      const text = await res.text();
      expect(text.length, url).toBeGreaterThan(200);
      for (const secret of SECRETS) expect(text, `${url} shows ${secret}`).not.toContain(secret);
      // Not escaped into hiding either: the name's parts, in any case.
      expect(text.toLowerCase(), url).not.toContain('zhanna');
    }
  });
});
