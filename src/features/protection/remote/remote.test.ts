// The remote trigger through its pages, on a test clock: 2 of 3 trusted members (and the reported member,
// also trusted, whose own report never counts). One report does nothing; the second destroys the member's
// keys and sessions; the member's own new session cannot stop it; an owner restores access afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, orgAudit, signInAs, userIdOf, type Person } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { databaseText } from '../../../../tests/helpers/db-text.ts';
import { ALERT_RELAY_JOB } from './service.ts';

const clock = new TestClock();
let env: TestEnv;
let orgId: string;
let otherOrg: string;
const people: Record<string, Person> = {};
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};

const userId = (p: Person) => userIdOf(env, p);

const base = () => `/en/orgs/${orgId}/remote-trigger`;
const get = (url: string, who: string) => env.app.request(url, { headers: { cookie: cookies[who]! } });
const post = (url: string, who: string, fields: Record<string, string | string[]> = {}) =>
  postForm(env, url, fields, { cookie: cookies[who]! });
const grantsOf = async (id: string) =>
  (await env.ctx.db.selectFrom('key_grants').select('id').where('user_id', '=', id).execute()).length;
const sessionsOf = async (id: string) =>
  (await env.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length;
const relays = () => env.ctx.db.selectFrom('jobs').select('id').where('kind', '=', ALERT_RELAY_JOB).execute();
const actions = async () => (await orgAudit(env, orgId)).map((e) => e.action);

beforeAll(async () => {
  // Sessions outlive the hours the clock moves, so each test's sign-ins stay open.
  env = await testEnv({ clock, seed: false, config: { sessionIdleMinutes: 10_000, sessionMaxHours: 1000 } });
  orgId = await newOrg(env, 'Red de Guardianes');
  otherOrg = await newOrg(env, 'Otra Casa');
  for (const [name, role] of [
    ['owner', 'owner'],
    ['a', 'member'],
    ['b', 'viewer'],
    ['c', 'admin'],
    ['target', 'owner'],
    ['plain', 'member'],
  ] as const) {
    people[name] = await addMember(env, orgId, role);
    ids[name] = await userId(people[name]!);
  }
  people.outsider = await addMember(env, otherOrg, 'owner');
  ids.outsider = await userId(people.outsider);
  for (const name of Object.keys(people)) cookies[name] = await signInAs(env, people[name]!);
}, 60_000);
afterAll(() => env.close());

describe('settings', () => {
  it('are an owner’s: a threshold above the trusted count is refused, then 2 of 4 is saved', async () => {
    const trusted = [ids.a!, ids.b!, ids.c!, ids.target!];
    const high = await post(`${base()}/settings`, 'owner', { trusted: trusted.slice(0, 1), threshold: '2' });
    expect(high.status).toBe(422);
    expect(await high.text()).toContain('no more reports than there are trusted members');
    expect((await post(`${base()}/settings`, 'c', { trusted, threshold: '1' })).status).toBe(403);
    const saved = await post(`${base()}/settings`, 'owner', { trusted, threshold: '2' });
    expect(saved.status).toBe(303);
    const page = await (await get(base(), 'owner')).text();
    expect(page).toContain('2 reports from the 4 trusted members');
  });

  it('are sealed: the table names no organisation and no member', async () => {
    const text = (await databaseText(env)).remote_trigger!;
    for (const id of [orgId, ...Object.values(ids)]) expect(text).not.toContain(id);
  });

  it('are hidden from other organisations and from members who are not trusted', async () => {
    expect((await get(base(), 'outsider')).status).toBe(404);
    expect((await post(`${base()}/report/${ids.plain}`, 'outsider')).status).toBe(404);
    expect((await get(`${base()}/report/${ids.target}`, 'plain')).status).toBe(403);
    expect((await post(`${base()}/report/${ids.target}`, 'plain')).status).toBe(403);
    const page = await (await get(base(), 'plain')).text();
    expect(page).not.toContain(`/report/`);
    expect(page).not.toContain('Test viewer'); // who is trusted: owners only
  });
});

describe('a detention reported by 2 of the trusted members', () => {
  it('does nothing on the first report, which cannot be made twice', async () => {
    const page = await (await get(`${base()}/report/${ids.target}`, 'a')).text();
    expect(page).toContain('cannot stop or undo it');
    expect(page).toContain('Reports so far: 0 of 2');
    expect((await post(`${base()}/report/${ids.target}`, 'a')).headers.get('location')).toContain('done=reported');
    expect((await post(`${base()}/report/${ids.target}`, 'a')).status).toBe(422);
    expect(await grantsOf(ids.target!)).toBe(1);
    expect(await sessionsOf(ids.target!)).toBeGreaterThan(0);
    expect(await actions()).toContain('remote.report');
    expect(await relays()).toHaveLength(0);
  });

  it('cannot be stopped from a session the reported member opens afterwards', async () => {
    clock.advance(3600_000);
    cookies.target = await signInAs(env, people.target!);
    // Their own report does not count, and they may neither withdraw nor change who is trusted.
    expect((await post(`${base()}/report/${ids.target}`, 'target')).status).toBe(403);
    expect((await post(`${base()}/withdraw/${ids.target}`, 'target')).status).toBe(403);
    const off = await post(`${base()}/settings`, 'target', { trusted: [], threshold: '1' });
    expect(off.status).toBe(422);
    expect(await off.text()).toContain('cannot be changed right now');
    // Nor do they see that reports about them are pending; an admin does.
    expect(await (await get(base(), 'target')).text()).not.toContain('Pending reports');
    expect(await (await get(base(), 'c')).text()).toMatch(/Pending reports[\s\S]*1 of 2, first on November 24, 2026/);
  });

  it('destroys the member’s keys and sessions on the second report', async () => {
    const done = await post(`${base()}/report/${ids.target}`, 'b');
    expect(done.headers.get('location')).toContain('done=triggered');
    expect(await relays()).toHaveLength(1); // the alert, queued in the same transaction
    expect(await grantsOf(ids.target!)).toBe(0);
    expect(await sessionsOf(ids.target!)).toBe(0);
    expect((await get('/en/dashboard', 'target')).status).toBe(303); // signed out everywhere
    expect(await actions()).toEqual(expect.arrayContaining(['remote.trigger', 'session.revoke']));
    expect((await actions()).filter((a) => a === 'remote.report')).toHaveLength(2);
  });

  it('shows as lost access at the next real sign-in, until an owner restores it', async () => {
    cookies.target = await signInAs(env, people.target!);
    expect(await (await get('/en/dashboard', 'target')).text()).toContain('Your access needs restoring');
    expect((await get(`/en/orgs/${orgId}`, 'target')).status).toBe(404);
    expect(await (await get(`/en/orgs/${orgId}`, 'owner')).text()).toContain('Restore access');
    const restored = await post(`/en/orgs/${orgId}/members/${ids.target}/restore`, 'owner');
    expect(restored.status).toBe(303);
    expect((await get(`/en/orgs/${orgId}`, 'target')).status).toBe(200);
  });
});

describe('pending reports', () => {
  it('expire after 72 hours', async () => {
    await post(`${base()}/report/${ids.plain}`, 'a');
    clock.advance(73 * 3600_000);
    const second = await post(`${base()}/report/${ids.plain}`, 'b');
    expect(second.headers.get('location')).toContain('done=reported');
    expect(await grantsOf(ids.plain!)).toBe(1);
  });

  it('are withdrawn by an owner or admin, after which the count starts again', async () => {
    expect((await post(`${base()}/withdraw/${ids.plain}`, 'a')).status).toBe(403); // a member, not an admin
    expect((await post(`${base()}/withdraw/${ids.plain}`, 'c')).status).toBe(303);
    expect(await actions()).toContain('remote.withdraw');
    await post(`${base()}/report/${ids.plain}`, 'a');
    expect(await grantsOf(ids.plain!)).toBe(1);
    const page = await (await get(`${base()}/report/${ids.plain}`, 'c')).text();
    expect(page).toContain('Reports so far: 1 of 2');
  });
});
