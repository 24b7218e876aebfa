import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs } from '../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';

let env: TestEnv;
let base: string;
let owner: string, member: string;

beforeAll(async () => {
  env = await testEnv({ seed: false });
  const orgId = await newOrg(env, 'Red de Vigilancia');
  base = `/en/orgs/${orgId}/legislation/follow`;
  owner = await signInAs(env, await addMember(env, orgId, 'owner'));
  member = await signInAs(env, await addMember(env, orgId, 'member'));
});
afterAll(() => env.close());

describe('the follow page', () => {
  it('lets an admin choose countries and kinds, shows problems, and lets members opt in when asked', async () => {
    const empty = await (await env.app.request(base, { headers: { cookie: member } })).text();
    expect(empty).toContain('Follow legislation');
    expect(empty).not.toContain('name="countries"'); // the form is for admins
    expect((await postForm(env, `${base}/me`, { on: '1' }, { cookie: member })).status).toBe(404);

    const refused = await postForm(env, base, { countries: 'XX', locale: 'en', audience: 'admins' }, { cookie: owner });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('value="XX"');
    const saved = await postForm(
      env,
      base,
      { countries: 'hu ge', kinds: ['foreign-agent', 'assembly'], locale: 'ru', audience: 'optin' },
      { cookie: owner },
    );
    expect(saved.status).toBe(303);
    const page = await (await env.app.request(base, { headers: { cookie: owner } })).text();
    expect(page).toContain('value="GE HU"');
    expect(page).toMatch(/value="assembly" checked/);
    expect(page).toMatch(/<option value="ru" selected/);

    expect((await postForm(env, `${base}/me`, { on: '1' }, { cookie: member })).status).toBe(303);
    const mine = await (await env.app.request(base, { headers: { cookie: member } })).text();
    expect(mine).toContain('Stop sending me these emails');
    expect(
      (await postForm(env, base, { countries: 'GE', locale: 'en', audience: 'admins' }, { cookie: member })).status,
    ).toBe(403);
  });
});
