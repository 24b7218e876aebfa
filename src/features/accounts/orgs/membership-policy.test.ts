// Who may grant which role, and a disabled member's other invitations: through the real routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  memberOf,
  newOrg,
  orgAudit,
  signInAs,
  uniqueEmail,
  withOrgKey,
} from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { emptyKeys } from '../../../platform/keyring.ts';
import { anonymous, cliOperator } from '../../../platform/access.ts';
import { acceptAsNewUser } from '../invitations/service.ts';
import { inviteMember } from '../invitations/service.ts';
import { findUserByLookup } from '../queries.ts';

let env: TestEnv;
let orgId: string;
let adminCookie: string;
let ownerCookie: string;

beforeAll(async () => {
  env = await testEnv({ clock: new TestClock(), seed: false });
  orgId = await newOrg(env);
  adminCookie = await signInAs(env, await addMember(env, orgId, 'admin'));
  ownerCookie = await signInAs(env, await addMember(env, orgId, 'owner'));
});
afterAll(() => env.close());

const get = (url: string, cookie?: string) => env.app.request(url, { headers: cookie ? { cookie } : {} });
const userId = async (email: string) => (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(email)))!.id;
const roleOf = async (email: string) => {
  const doc = (await memberOf(env, orgId, await userId(email)))!;
  return { role: doc.role, disabled_at: doc.disabledAt };
};

describe('granting roles', () => {
  it('an admin manages members and viewers but can neither make nor unmake an admin', async () => {
    const invite = (cookie: string, role: string) =>
      postForm(env, `/en/orgs/${orgId}/invitations`, { email: uniqueEmail('new'), role }, { cookie });
    expect((await invite(adminCookie, 'admin')).status).toBe(403);
    expect((await invite(adminCookie, 'owner')).status).toBe(403);
    expect((await invite(adminCookie, 'member')).status).toBe(303);
    expect((await invite(ownerCookie, 'admin')).status).toBe(303);

    const person = await addMember(env, orgId, 'member');
    const target = await userId(person.email);
    const setRole = (cookie: string, role: string) =>
      postForm(env, `/en/orgs/${orgId}/members/${target}/role`, { role }, { cookie });
    expect((await setRole(adminCookie, 'admin')).status).toBe(403);
    expect((await roleOf(person.email)).role).toBe('member');
    expect((await setRole(adminCookie, 'viewer')).status).toBe(303);
    expect((await roleOf(person.email)).role).toBe('viewer');
    // An owner grants admin; from then on only an owner changes or disables that person.
    expect((await setRole(ownerCookie, 'admin')).status).toBe(303);
    expect((await setRole(adminCookie, 'member')).status).toBe(403);
    expect(
      (await postForm(env, `/en/orgs/${orgId}/members/${target}/disable`, {}, { cookie: adminCookie })).status,
    ).toBe(403);
    expect((await setRole(ownerCookie, 'member')).status).toBe(303);
    expect((await roleOf(person.email)).role).toBe('member');
  });
});

describe('disabling a member', () => {
  it('withdraws their other pending invitations, so they cannot rejoin through one', async () => {
    const email = uniqueEmail('twice');
    const first = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email, role: 'member' }),
    );
    const second = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email, role: 'member' }),
    );
    if (!first.ok || !second.ok) throw new Error('invite');
    const accepted = await env.ctx.keyring.hold(emptyKeys(), () =>
      acceptAsNewUser(env.ctx, anonymous, first.value.token, {
        name: 'Twice',
        password: 'quiet harbour lantern 42',
        password_confirm: 'quiet harbour lantern 42',
      }),
    );
    expect(accepted.ok).toBe(true);
    const target = await userId(email);
    expect(
      (await postForm(env, `/en/orgs/${orgId}/members/${target}/disable`, {}, { cookie: adminCookie })).status,
    ).toBe(303);
    const path = new URL(second.value.link).pathname;
    expect((await get(path)).status).toBe(404);
    const cookie = await signInAs(env, { email, password: 'quiet harbour lantern 42' });
    expect((await postForm(env, `${path}/accept`, {}, { cookie })).status).toBe(404);
    expect((await roleOf(email)).disabled_at).not.toBeNull();
    expect((await get(`/en/orgs/${orgId}`, cookie)).status).toBe(404);
    const withdrawn = (await orgAudit(env, orgId)).filter(
      (e) => e.action === 'invitation.withdraw' && e.objectId === second.value.id,
    );
    expect(withdrawn).toHaveLength(1);
  });
});
