// Signing in with the duress passphrase (issue 11 section 2, docs/decisions/0016): the same answer as a
// real sign-in, a decoy with nothing of the organisation's sealed data, and, silently, what the member chose:
// keys destroyed (a later real sign-in sees access lost until an owner restores it), other sessions ended,
// the prepared alert sent through real SMTP after its delay, an audit entry no decoy page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled } from '../src/platform/background.ts';
import { addMember, cookieFrom, newOrg, type Person, SESSION, signInAs, userIdOf } from './helpers/accounts.ts';
import { postForm, TestClock, type TestEnv } from './helpers/context.ts';
import { testEnvWithMail, type SmtpTestServer } from './helpers/smtp.ts';

const DEVICE = '__Host-amparo_device';
const CANARY = 'Canary plan 7781 safe house on Calle Luna';
const DURESS = 'orchard violet canal';
let env: TestEnv;
let smtp: SmtpTestServer;
let close: () => Promise<void>;
const clock = new TestClock();
let orgId: string;
let owner: Person;
let victim: Person;
let victimId: string;
let ownerCookie: string;

const get = (url: string, cookie: string) => env.app.request(url, { headers: { cookie } });
const signIn = (p: Person, password = p.password) => postForm(env, '/en/login', { email: p.email, password });
const idOf = (p: Person) => userIdOf(env, p);

/** The page's shape: its tags and attribute names, without any text or values. */
const shape = (html: string) =>
  html
    .replace(/<main[\s\S]*?>/, '<main>')
    .replace(/>[^<]*</g, '><')
    .replace(/="[^"]*"/g, '')
    .replace(/<head>[\s\S]*<\/head>/, '');

beforeAll(async () => {
  ({ env, smtp, close } = await testEnvWithMail({ clock }));
  orgId = await newOrg(env, 'Colectivo Río');
  owner = await addMember(env, orgId, 'owner');
  victim = await addMember(env, orgId, 'member');
  victimId = await idOf(victim);
  ownerCookie = await signInAs(env, owner);
  // Sealed data only members can open: an assessment and an adopted card whose text is the canary.
  expect((await postForm(env, `/en/orgs/${orgId}/assessments`, {}, { cookie: ownerCookie })).status).toBe(303);
  const adopted = await postForm(env, `/en/orgs/${orgId}/scenarios`, { card: 'bank-freeze' }, { cookie: ownerCookie });
  const card = adopted.headers.get('location')!;
  expect((await postForm(env, card, { signs: CANARY }, { cookie: ownerCookie })).status).toBe(303);
  const cookie = await signInAs(env, victim);
  const alert = { contacts: 'trusted.friend@example.net', message: 'Call Marta.', delay: '15', consent: 'on' };
  expect((await postForm(env, '/en/account/safety/alert', alert, { cookie })).status).toBe(303);
  const duress = {
    current: victim.password,
    password: DURESS,
    password_confirm: DURESS,
    destroy_keys: 'on',
    end_sessions: 'on',
    send_alert: 'on',
    decoy_org: orgId,
  };
  expect((await postForm(env, '/en/account/safety/duress', duress, { cookie })).status).toBe(303);
}, 60_000);
afterAll(() => close());

describe('a duress sign-in', () => {
  let decoy: string;
  let earlier: string;
  let realDashboard: string;

  it('answers like a real sign-in: status, redirect and cookies', async () => {
    earlier = await signInAs(env, victim);
    realDashboard = await (await get('/en/dashboard', earlier)).text();
    const real = await signIn(victim);
    const forced = await signIn(victim, DURESS);
    expect(forced.status).toBe(real.status);
    expect(forced.headers.get('location')).toBe(real.headers.get('location'));
    const names = (res: Response) => res.headers.getSetCookie().map((c) => c.split('=')[0]);
    expect(names(forced)).toEqual(names(real));
    expect(cookieFrom(forced, DEVICE)).toBeDefined();
    decoy = cookieFrom(forced, SESSION)!;
    await settled(env.ctx);
  });

  it('shows a dashboard shaped like the real one, with the chosen organisation and no access-lost notice', async () => {
    const page = await (await get('/en/dashboard', decoy)).text();
    expect(page).toContain('Colectivo Río');
    expect(page).not.toContain('Your access needs restoring');
    expect(shape(page)).toBe(shape(realDashboard));
  });

  it('shows the organisation as newly created: its pages empty, the member alone, shaped like a fresh one', async () => {
    const fresh = await newOrg(env, 'Fresh Org');
    const alone = await addMember(env, fresh, 'member');
    const freshCookie = await signInAs(env, alone);
    for (const page of ['', '/assessments', '/plan', '/scenarios']) {
      const res = await get(`/en/orgs/${orgId}${page}`, decoy);
      expect(res.status, page).toBe(200);
      const html = await res.text();
      expect(html).not.toContain(CANARY);
      expect(html).not.toContain('protection.duress');
      const freshHtml = await (await get(`/en/orgs/${fresh}${page}`, freshCookie)).text();
      expect(shape(html), page).toBe(shape(freshHtml));
    }
    const members = await (await get(`/en/orgs/${orgId}`, decoy)).text();
    expect(members).not.toContain(owner.email);
    expect(members).toContain(victim.email);
  });

  it('answers other organisation pages as missing and writes as if they worked, touching nothing', async () => {
    const real = await env.ctx.db.selectFrom('assessments').select('id').where('org_id', '=', orgId).execute();
    expect((await get(`/en/orgs/${orgId}/assessments/${real[0]!.id}`, decoy)).status).toBe(404);
    const started = await postForm(env, `/en/orgs/${orgId}/assessments`, {}, { cookie: decoy });
    expect(started.status).toBe(303);
    expect(started.headers.get('location')).toBe(`/en/orgs/${orgId}/assessments`);
    const after = await env.ctx.db.selectFrom('assessments').select('id').where('org_id', '=', orgId).execute();
    expect(after).toHaveLength(real.length);
    const safety = await (await get('/en/account/safety', decoy)).text();
    expect(safety).not.toContain('trusted.friend@example.net');
  });

  it('ended the other sessions and recorded the duress in the audit log', async () => {
    expect((await get('/en/dashboard', earlier)).status).toBe(303);
    expect((await get('/en/dashboard', decoy)).status).toBe(200);
    const entries = await env.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'protection.duress')
      .where('object_id', '=', victimId)
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toBe(`user:${victimId}`);
  });

  it('sends the prepared alert through SMTP after its delay, not before', async () => {
    await env.ctx.jobs.runDue(new Date(clock.now().getTime() + 14 * 60_000));
    expect(smtp.messages.filter((m) => m.to.includes('trusted.friend@example.net'))).toHaveLength(0);
    await env.ctx.jobs.runDue(new Date(clock.now().getTime() + 15 * 60_000));
    const mail = await smtp.waitFor((m) => m.to.includes('trusted.friend@example.net'));
    expect(mail.text).toContain('was forced to sign in');
    expect(mail.text).toContain('Call Marta.');
  });

  it('destroyed the keys: a real sign-in sees access lost until an owner restores it', async () => {
    const cookie = cookieFrom(await signIn(victim), SESSION)!;
    const dashboard = await (await get('/en/dashboard', cookie)).text();
    expect(dashboard).toContain('Your access needs restoring');
    expect((await get(`/en/orgs/${orgId}/scenarios`, cookie)).status).toBe(404);
    const restore = `/en/orgs/${orgId}/members/${victimId}/restore`;
    expect((await postForm(env, restore, {}, { cookie: ownerCookie })).status).toBe(303);
    const again = cookieFrom(await signIn(victim), SESSION)!;
    expect(await (await get('/en/dashboard', again)).text()).not.toContain('Your access needs restoring');
    const members = await get(`/en/orgs/${orgId}`, again);
    expect(members.status).toBe(200);
    expect(await members.text()).toContain(owner.email);
  });
});

describe('a duress sign-in that erases the organisation', () => {
  it('is refused unless an owner chooses an organisation that allows it; then the organisation is erased', async () => {
    const org = await newOrg(env, 'Archivo Norte');
    const boss = await addMember(env, org, 'owner');
    const cookie = await signInAs(env, boss);
    const fields = {
      current: boss.password,
      password: DURESS,
      password_confirm: DURESS,
      decoy_org: org,
      erase_org: 'on',
    };
    const refused = await postForm(env, '/en/account/safety/duress', fields, { cookie });
    expect(refused.status).toBe(422); // the organisation does not allow it yet (the default)
    const settings = { require_mfa: 'off', allow_duress_erase: 'on' };
    expect((await postForm(env, `/en/orgs/${org}/settings`, settings, { cookie })).status).toBe(303);
    expect((await postForm(env, '/en/account/safety/duress', fields, { cookie })).status).toBe(303);

    const forced = await signIn(boss, DURESS);
    expect(forced.status).toBe(303);
    await settled(env.ctx);
    const row = await env.ctx.db.selectFrom('organisations').select('id').where('id', '=', org).executeTakeFirst();
    expect(row).toBeUndefined();
    const decoy = cookieFrom(forced, SESSION)!;
    expect(await (await get('/en/dashboard', decoy)).text()).toContain('Archivo Norte');
    expect((await get(`/en/orgs/${org}`, decoy)).status).toBe(200);
  });

  it('erases nothing once the owner who prepared it is no longer an owner', async () => {
    const org = await newOrg(env, 'Archivo Sur');
    const boss = await addMember(env, org, 'owner');
    const other = await addMember(env, org, 'owner');
    const cookie = await signInAs(env, boss);
    const settings = { require_mfa: 'off', allow_duress_erase: 'on' };
    expect((await postForm(env, `/en/orgs/${org}/settings`, settings, { cookie })).status).toBe(303);
    const fields = {
      current: boss.password,
      password: DURESS,
      password_confirm: DURESS,
      decoy_org: org,
      erase_org: 'on',
    };
    expect((await postForm(env, '/en/account/safety/duress', fields, { cookie })).status).toBe(303);
    const bossId = await idOf(boss);
    const demote = await postForm(
      env,
      `/en/orgs/${org}/members/${bossId}/role`,
      { role: 'member' },
      {
        cookie: await signInAs(env, other),
      },
    );
    expect(demote.status).toBe(303);
    expect((await signIn(boss, DURESS)).status).toBe(303);
    await settled(env.ctx);
    const row = await env.ctx.db.selectFrom('organisations').select('id').where('id', '=', org).executeTakeFirst();
    expect(row).toBeDefined();
  });
});

describe('an account from before 0009', () => {
  it('signs in as before and gets its duress hash and record at that sign-in', async () => {
    const old = await addMember(env, orgId, 'viewer');
    const id = await idOf(old);
    await env.ctx.db.updateTable('users').set({ duress_hash: null, duress: null }).where('id', '=', id).execute();
    expect((await signIn(old)).status).toBe(303);
    await settled(env.ctx);
    const row = await env.ctx.db
      .selectFrom('users')
      .select(['duress_hash', 'duress'])
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row?.duress_hash).toMatch(/^\$argon2id\$/);
    expect(row?.duress).toBeTruthy();
  });
});
