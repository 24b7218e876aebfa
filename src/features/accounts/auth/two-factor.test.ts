// Two-factor enrolment and sign-in, password change and reset by email through a real SMTP listener.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  cookieFrom,
  newOrg,
  PASSWORD,
  SESSION,
  signInAs,
  type Person,
  withOrgKey,
} from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, type TestEnv } from '../../../../tests/helpers/context.ts';
import { testEnvWithMail, type SmtpTestServer } from '../../../../tests/helpers/smtp.ts';
import { cliOperator } from '../../../platform/access.ts';
import { resetTwoFactor } from '../account/service.ts';
import { setOrgSettings } from '../orgs/service.ts';
import { findUserByLookup } from '../queries.ts';
import { emptyKeys } from '../../../platform/keyring.ts';
import { runAsMember } from './service.ts';
import { FREE_FAILURES, waitAfter } from './throttle.ts';
import { base32Decode, currentStep, totpAt } from '../totp.ts';

let env: TestEnv;
let smtp: SmtpTestServer;
const clock = new TestClock();
let orgId: string;

let close: () => Promise<void>;
beforeAll(async () => {
  ({ env, smtp, close } = await testEnvWithMail({ clock, seed: false }));
  orgId = await newOrg(env);
});
afterAll(() => close());

const get = (url: string, cookie: string) => env.app.request(url, { headers: { cookie } });
const code = (secret: string, offset = 0) => totpAt(secret, currentStep(clock.now()) + offset);

/** Enrols TOTP through the pages, as a person would; returns the secret and the recovery codes. */
async function enrol(cookie: string): Promise<{ secret: string; codes: string[] }> {
  const page = await (await get('/en/account/two-factor', cookie)).text();
  expect(page).toContain('<svg'); // the QR code, drawn on the server
  const secret = page.match(/id="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1]!.replace(/ /g, '');
  expect(base32Decode(secret)).toHaveLength(20);
  const wrong = await postForm(
    env,
    '/en/account/two-factor',
    { code: '000000' === code(secret) ? '111111' : '000000' },
    { cookie },
  );
  expect(wrong.status).toBe(422);
  const done = await postForm(env, '/en/account/two-factor', { code: code(secret) }, { cookie });
  expect(done.status).toBe(200);
  const codes = [...(await done.text()).matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

async function passwordStep(person: Person): Promise<string> {
  const res = await postForm(env, '/en/login', { email: person.email, password: person.password });
  expect(res.headers.get('location')).toMatch(/^\/en\/login\/code/);
  return cookieFrom(res, SESSION)!;
}

describe('two-factor sign-in', () => {
  it('asks for the code after the password, refuses a replayed code, and takes a recovery code once', async () => {
    const person = await addMember(env, orgId, 'member');
    const { secret, codes } = await enrol(await signInAs(env, person));
    expect(
      (await smtp.waitFor((m) => m.to.includes(person.email) && m.subject.includes('sign-in details changed'))).text,
    ).toContain('turned on');

    const pending = await passwordStep(person);
    expect((await get('/en/dashboard', pending)).status).toBe(303); // half signed in is not signed in
    clock.advance(30_000);
    const first = code(secret);
    const ok = await postForm(env, '/en/login/code', { code: first }, { cookie: pending });
    expect(ok.status).toBe(303);
    const full = cookieFrom(ok, SESSION)!;
    expect(full).not.toBe(pending); // a new session id once the second factor is given
    expect((await get('/en/dashboard', full)).status).toBe(200);
    expect((await get('/en/dashboard', pending)).status).toBe(303);

    const again = await passwordStep(person);
    expect((await postForm(env, '/en/login/code', { code: first }, { cookie: again })).status).toBe(422); // replay
    const byRecovery = await postForm(
      env,
      '/en/login/code',
      { code: codes[0]!.toUpperCase().replace('-', ' ') },
      { cookie: again },
    );
    expect(byRecovery.status).toBe(303);
    const third = await passwordStep(person);
    expect((await postForm(env, '/en/login/code', { code: codes[0]! }, { cookie: third })).status).toBe(422); // used up
  });

  it('an organisation that requires two-factor sends members without it to enrol', async () => {
    const owner = await addMember(env, orgId, 'owner');
    await withOrgKey(env, orgId, () =>
      setOrgSettings(env.ctx, cliOperator, orgId, { requireMfa: true, allowDuressErase: false }),
    );
    const cookie = await signInAs(env, owner);
    const res = await get(`/en/orgs/${orgId}`, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/en/account/two-factor?required');
    const { secret } = await enrol(cookie);
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(200);
    await withOrgKey(env, orgId, () =>
      setOrgSettings(env.ctx, cliOperator, orgId, { requireMfa: false, allowDuressErase: false }),
    );
    // The operator's reset removes the factor and ends every session.
    await resetTwoFactor(env.ctx, cliOperator, owner.email);
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(303);
    expect(secret).toBeTruthy();
  });
});

const secretOn = (html: string) => html.match(/id="totp-secret"[^>]*>([A-Z2-7 ]+)</)![1]!.replace(/ /g, '');
const auditCount = async (action: string, userId: string) =>
  (
    await env.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', action)
      .where('object_id', '=', userId)
      .execute()
  ).length;
const userIdOf = async (email: string) => (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(email)))!.id;

describe('the code step', () => {
  it('has its own counter: signing in again with the right password does not reset it, and failed codes are audited', async () => {
    const person = await addMember(env, orgId, 'member');
    const { secret } = await enrol(await signInAs(env, person));
    const wrongCode = () => (code(secret) === '000000' ? '111111' : '000000');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const pending = await passwordStep(person); // the password is known: a new pending session each time
      statuses.push((await postForm(env, '/en/login/code', { code: wrongCode() }, { cookie: pending })).status);
    }
    const checked = statuses.filter((s) => s === 422).length;
    expect(checked).toBe(FREE_FAILURES);
    expect(statuses.slice(checked).every((s) => s === 429)).toBe(true);
    expect(await auditCount('session.code-fail', await userIdOf(person.email))).toBe(checked);
    // Once the wait is over, the right code works and clears the counter.
    clock.advance(waitAfter(FREE_FAILURES) + 31_000);
    const pending = await passwordStep(person);
    expect((await postForm(env, '/en/login/code', { code: code(secret) }, { cookie: pending })).status).toBe(303);
  });
});

describe('replacing the authenticator', () => {
  it('keeps the same key across visits until a new one is asked for', async () => {
    const cookie = await signInAs(env, await addMember(env, orgId, 'viewer'));
    const first = secretOn(await (await get('/en/account/two-factor', cookie)).text());
    expect(secretOn(await (await get('/en/account/two-factor', cookie)).text())).toBe(first);
    expect((await postForm(env, '/en/account/two-factor/new-key', {}, { cookie })).status).toBe(303);
    const second = secretOn(await (await get('/en/account/two-factor', cookie)).text());
    expect(second).not.toBe(first);
    expect(secretOn(await (await get('/en/account/two-factor', cookie)).text())).toBe(second);
    // The key is stored sealed, never in the clear.
    const rows = await env.ctx.db.selectFrom('users').select('totp_pending').execute();
    expect(rows.some((r) => r.totp_pending?.includes(second))).toBe(false);
  });

  it('needs the password and a current code; the owner is told the factor was replaced', async () => {
    const person = await addMember(env, orgId, 'member');
    const cookie = await signInAs(env, person);
    const { secret: old, codes } = await enrol(cookie);
    clock.advance(30_000);
    const page = await (await get('/en/account/two-factor', cookie)).text();
    expect(page).toContain('name="current"');
    const next = secretOn(page);
    expect(next).not.toBe(old);
    // A session alone cannot move the second factor to another phone.
    const bare = await postForm(env, '/en/account/two-factor', { code: code(next) }, { cookie });
    expect(bare.status).toBe(422);
    const wrongPassword = await postForm(
      env,
      '/en/account/two-factor',
      { code: code(next), password: 'not the password', current: code(old) },
      { cookie },
    );
    expect(wrongPassword.status).toBe(422);
    const noCurrent = await postForm(
      env,
      '/en/account/two-factor',
      { code: code(next), password: PASSWORD, current: '' },
      { cookie },
    );
    expect(noCurrent.status).toBe(422);
    const userId = await userIdOf(person.email);
    expect(await auditCount('totp.replace', userId)).toBe(0);
    // With both, by a recovery code here, it is replaced.
    const done = await postForm(
      env,
      '/en/account/two-factor',
      { code: code(next), password: PASSWORD, current: codes[3]! },
      { cookie },
    );
    expect(done.status).toBe(200);
    expect(await auditCount('totp.replace', userId)).toBe(1);
    const notice = await smtp.waitFor((m) => m.to.includes(person.email) && m.text.includes('replaced'));
    expect(notice.subject).toContain('sign-in details changed');
    // The new authenticator signs in; the old one does not.
    clock.advance(60_000);
    const pending = await passwordStep(person);
    expect((await postForm(env, '/en/login/code', { code: code(old) }, { cookie: pending })).status).toBe(422);
    expect((await postForm(env, '/en/login/code', { code: code(next) }, { cookie: pending })).status).toBe(303);
  });
});

describe('passwords', () => {
  it('a change needs the current password and ends the other sessions', async () => {
    const person = await addMember(env, orgId, 'viewer');
    const here = await signInAs(env, person);
    const elsewhere = await signInAs(env, person);
    const bad = await postForm(
      env,
      '/en/account/password',
      { current: 'wrong', password: 'a new long passphrase', password_confirm: 'a new long passphrase' },
      { cookie: here },
    );
    expect(bad.status).toBe(422);
    const res = await postForm(
      env,
      '/en/account/password',
      { current: PASSWORD, password: 'a new long passphrase', password_confirm: 'a new long passphrase' },
      { cookie: here },
    );
    expect(res.status).toBe(303);
    expect((await get('/en/dashboard', here)).status).toBe(200);
    expect((await get('/en/dashboard', elsewhere)).status).toBe(303);
    await signInAs(env, { email: person.email, password: 'a new long passphrase' });
    // The owner of the account is told, in case it was not them.
    const notice = await smtp.waitFor(
      (m) => m.to.includes(person.email) && m.subject.includes('sign-in details changed'),
    );
    expect(notice.text).toContain('password of your Amparo account was changed');
    expect(notice.text).not.toContain('a new long passphrase');
  });

  it('a reset link arrives by email, works once, and ends every session', async () => {
    const person = await addMember(env, orgId, 'viewer');
    const before = await signInAs(env, person);
    const asked = await postForm(env, '/en/password/forgot', { email: person.email.toUpperCase() });
    const unknown = await postForm(env, '/en/password/forgot', { email: 'nobody.at.all@example.org' });
    expect(asked.status).toBe(200);
    const page = (r: Response) => r.text().then((html) => html.replace(/name="_csrf" value="[^"]+"/, ''));
    expect(await page(unknown)).toBe(await page(asked)); // the same answer either way
    const mail = await smtp.waitFor((m) => m.to.includes(person.email) && m.subject.includes('Reset'));
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]).pathname;
    expect((await env.app.request(link)).status).toBe(200);
    const res = await postForm(env, link, {
      password: 'brand new river stones',
      password_confirm: 'brand new river stones',
    });
    expect(res.status).toBe(303);
    expect((await get('/en/dashboard', before)).status).toBe(303);
    expect(
      (await postForm(env, link, { password: 'another new passphrase', password_confirm: 'another new passphrase' }))
        .status,
    ).toBe(404);
    await signInAs(env, { email: person.email, password: 'brand new river stones' });
    expect(smtp.messages.some((m) => m.to.includes('nobody.at.all@example.org'))).toBe(false);
  });

  it('an invitation arrives by email with a working link', async () => {
    const res = await postForm(
      env,
      `/en/orgs/${orgId}/invitations`,
      { email: 'invitee@example.org', role: 'member' },
      { cookie: await signInAs(env, await addMember(env, orgId, 'admin')) },
    );
    expect(res.status).toBe(303);
    const mail = await smtp.waitFor((m) => m.to.includes('invitee@example.org'));
    const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]).pathname;
    expect(await (await env.app.request(link)).text()).toContain('Defensores del Agua');
  });
});

describe('a command run as a member (runAsMember)', () => {
  it('needs the second factor of an account that has one, and then holds the member’s keys', async () => {
    const person = await addMember(env, orgId, 'member');
    const { codes } = await enrol(await signInAs(env, person));
    const run = (secrets: { password: string; code?: string }) =>
      env.ctx.keyring.hold(emptyKeys(), () =>
        runAsMember(env.ctx, person.email, secrets, async (actor) => ({
          role: actor.kind === 'user' ? actor.memberships.get(orgId)?.role : undefined,
          holdsKey: env.ctx.keyring.held()!.orgs.has(orgId),
        })),
      );
    expect(await run({ password: PASSWORD })).toMatchObject({
      ok: false,
      problems: { code: { key: 'signin.codeNeeded' } },
    });
    expect(await run({ password: PASSWORD, code: 'aaaaa-bbbbb' })).toMatchObject({ ok: false });
    expect(await run({ password: 'wrong password', code: codes[0]! })).toMatchObject({
      ok: false,
      problems: { _form: { key: 'signin.wrong' } },
    });
    expect(await run({ password: PASSWORD, code: codes[0]! })).toEqual({
      ok: true,
      value: { role: 'member', holdsKey: true },
    });
  });
});
