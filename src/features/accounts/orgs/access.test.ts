// A forgotten password costs the keys, not the account: after a reset the member keeps their membership,
// sees plainly that their access is locked, and gets it back when an admin clicks "Restore access" or
// when they type the organisation's recovery key. A copy of the old grant never opens for the new keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, withOrgKey, type Person } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, type TestEnv } from '../../../../tests/helpers/context.ts';
import { testEnvWithMail, type SmtpTestServer } from '../../../../tests/helpers/smtp.ts';
import { settled } from '../../../platform/background.ts';
import { cliOperator } from '../../../platform/access.ts';
import { findUserByLookup } from '../queries.ts';
import { replaceRecoveryKey } from './service.ts';

let env: TestEnv;
let smtp: SmtpTestServer;
const clock = new TestClock();
let close: () => Promise<void>;
let orgId: string;
let admin: Person;
beforeAll(async () => {
  ({ env, smtp, close } = await testEnvWithMail({ clock, seed: false }));
  orgId = await newOrg(env, 'Radio Comunitaria');
  admin = await addMember(env, orgId, 'owner');
});
afterAll(() => close());

const get = (url: string, cookie: string) => env.app.request(url, { headers: { cookie } });
const NEW_PASSWORD = 'a brand new passphrase 58';

async function resetPassword(person: Person): Promise<void> {
  expect((await postForm(env, '/en/password/forgot', { email: person.email })).status).toBe(200);
  await settled(env.ctx);
  const mail = await smtp.waitFor((m) => m.to.includes(person.email) && m.subject.includes('Reset'));
  const link = new URL(mail.text.match(/https?:\/\/\S+/)![0]).pathname;
  const page = await env.app.request(link);
  expect(await page.text()).toContain('a new password means new keys'); // said before it happens
  const done = await postForm(env, link, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
  expect(done.status).toBe(303);
  person.password = NEW_PASSWORD;
}

describe('after a password reset', () => {
  it('the member is locked out of the data until an admin restores access with one click', async () => {
    const member = await addMember(env, orgId, 'member');
    const memberId = (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(member.email)))!.id;
    expect((await get(`/en/orgs/${orgId}`, await signInAs(env, member))).status).toBe(200);
    const grantsBefore = await env.ctx.db
      .selectFrom('key_grants')
      .selectAll()
      .where('user_id', '=', memberId)
      .execute();
    expect(grantsBefore).toHaveLength(1);

    await resetPassword(member);
    expect(
      await env.ctx.db.selectFrom('key_grants').selectAll().where('user_id', '=', memberId).execute(),
    ).toHaveLength(0);
    const cookie = await signInAs(env, member);
    const dashboard = await (await get('/en/dashboard', cookie)).text();
    expect(dashboard).toContain('Your access needs restoring');
    expect(dashboard).not.toContain('Radio Comunitaria');
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(404);

    const adminCookie = await signInAs(env, admin);
    const orgPage = await (await get(`/en/orgs/${orgId}`, adminCookie)).text();
    expect(orgPage).toContain('Access needs restoring');
    expect(orgPage).toContain(`/en/orgs/${orgId}/members/${memberId}/restore`);
    const restored = await postForm(env, `/en/orgs/${orgId}/members/${memberId}/restore`, {}, { cookie: adminCookie });
    expect(restored.status).toBe(303);

    // The member's open session picks the new grant up on its next page.
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(200);
    expect(await (await get('/en/dashboard', cookie)).text()).not.toContain('Your access needs restoring');
  });

  it('a member who kept the recovery key restores their own access; a wrong key changes nothing', async () => {
    const member = await addMember(env, orgId, 'admin');
    const recoveryKey = await withOrgKey(env, orgId, () => replaceRecoveryKey(env.ctx, cliOperator, orgId));
    await resetPassword(member);
    const cookie = await signInAs(env, member);
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(404);
    const wrong = await postForm(
      env,
      '/en/recover',
      { recovery_key: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' },
      { cookie },
    );
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('does not open an organisation you are a member of');
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const right = await postForm(env, '/en/recover', { recovery_key: typed }, { cookie });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`/en/orgs/${orgId}?done=recovered`);
    const page = await (await get(`/en/orgs/${orgId}`, cookie)).text();
    expect(page).toContain('Radio Comunitaria');
    expect(page).toContain('You are administrator here.'); // the role they had, no more
  });

  it('a recovery key never makes an outsider a member', async () => {
    const recoveryKey = await withOrgKey(env, orgId, () => replaceRecoveryKey(env.ctx, cliOperator, orgId));
    const otherOrg = await newOrg(env, 'Otra');
    const outsider = await addMember(env, otherOrg, 'owner');
    const cookie = await signInAs(env, outsider);
    expect((await postForm(env, '/en/recover', { recovery_key: recoveryKey }, { cookie })).status).toBe(422);
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(404);
  });
});
