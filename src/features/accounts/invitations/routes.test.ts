// Invitations through the real routes, on SQLite or PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  cookieFrom,
  newOrg,
  PASSWORD,
  SESSION,
  signInAs,
  uniqueEmail,
  type Person,
  withOrgKey,
} from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { cliOperator } from '../../../platform/access.ts';
import { inviteMember } from './service.ts';

let env: TestEnv;
const clock = new TestClock();
let orgId: string;
let member: Person;

beforeAll(async () => {
  env = await testEnv({ clock, seed: false });
  orgId = await newOrg(env);
  member = await addMember(env, orgId, 'member');
});
afterAll(() => env.close());

const get = (url: string, cookie?: string) => env.app.request(url, { headers: cookie ? { cookie } : {} });

describe('invitation', () => {
  it('a new person sets a password, is signed in and sees the organisation', async () => {
    const email = uniqueEmail('ana');
    const invited = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email, role: 'admin' }),
    );
    if (!invited.ok) throw new Error('invite');
    const path = new URL(invited.value.link).pathname;
    const page = await get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Defensores del Agua');

    const weak = await postForm(env, path, { name: 'Ana', password: 'password123', password_confirm: 'password123' });
    expect(weak.status).toBe(422);
    const weakHtml = await weak.text();
    expect(weakHtml).toContain('among the most used');
    expect(weakHtml).toContain('value="Ana"'); // the name is kept
    expect(weakHtml).not.toContain('password123'); // the password is never echoed

    const res = await postForm(env, path, { name: 'Ana', password: PASSWORD, password_confirm: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = cookieFrom(res, SESSION)!;
    const dashboard = await get('/en/dashboard', cookie);
    expect(await dashboard.text()).toContain('Defensores del Agua');
    // Used once: the link is dead now.
    expect((await get(path)).status).toBe(404);
  });

  it('someone who already has an account signs in, then accepts the invitation to a second organisation', async () => {
    const second = await newOrg(env, 'Segunda Red');
    const invited = await withOrgKey(env, second, () =>
      inviteMember(env.ctx, cliOperator, second, { email: member.email, role: 'viewer' }),
    );
    if (!invited.ok) throw new Error('invite');
    const path = new URL(invited.value.link).pathname;
    const anonymousView = await (await get(path)).text();
    expect(anonymousView).toContain(`/en/login?next=${encodeURIComponent(path)}`);
    expect((await postForm(env, path, { name: 'X', password: PASSWORD, password_confirm: PASSWORD })).status).toBe(409); // no second account
    const cookie = await signInAs(env, member);
    expect(await (await get(path, cookie)).text()).toContain(`action="${path}/accept"`);
    // Only the invited person can accept it.
    const someoneElse = await signInAs(env, await addMember(env, orgId, 'viewer'));
    expect((await postForm(env, `${path}/accept`, {}, { cookie: someoneElse })).status).toBe(404);
    const accepted = await postForm(env, `${path}/accept`, {}, { cookie });
    expect(accepted.headers.get('location')).toBe(`/en/orgs/${second}`);
    expect((await get(`/en/orgs/${second}`, cookie)).status).toBe(200);
  });

  it('an administrator withdraws an invitation, and its link dies at once', async () => {
    const invited = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email: uniqueEmail('oops'), role: 'member' }),
    );
    if (!invited.ok) throw new Error('invite');
    const admin = await signInAs(env, await addMember(env, orgId, 'admin'));
    const page = await (await get(`/en/orgs/${orgId}`, admin)).text();
    expect(page).toContain(`/invitations/${invited.value.id}/withdraw`);
    const viewerCookie = await signInAs(env, await addMember(env, orgId, 'viewer'));
    expect(
      (await postForm(env, `/en/orgs/${orgId}/invitations/${invited.value.id}/withdraw`, {}, { cookie: viewerCookie }))
        .status,
    ).toBe(403);
    expect(
      (await postForm(env, `/en/orgs/${orgId}/invitations/${invited.value.id}/withdraw`, {}, { cookie: admin })).status,
    ).toBe(303);
    expect((await get(new URL(invited.value.link).pathname)).status).toBe(404);
  });

  it('an expired or made-up link is a 404', async () => {
    const invited = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email: uniqueEmail('late'), role: 'member' }),
    );
    if (!invited.ok) throw new Error('invite');
    clock.advance(8 * 86400_000);
    expect((await get(new URL(invited.value.link).pathname)).status).toBe(404);
    expect((await get('/en/invitations/' + 'A'.repeat(43))).status).toBe(404);
    expect((await get('/en/invitations/x')).status).toBe(404);
  });
});
