// An organisation always keeps an owner; a sole owner who tries to step down, or to disable their own
// membership, is told why it was refused and what to do, not that the change "clashes".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs } from '../../../../tests/helpers/accounts.ts';
import { postForm, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { translator } from '../../../platform/i18n/index.ts';

let env: TestEnv;
let orgId: string;
let owner: string;

beforeAll(async () => {
  env = await testEnv();
  orgId = await newOrg(env, 'Colectivo Único');
  owner = await signInAs(env, await addMember(env, orgId, 'owner'));
}, 60_000);
afterAll(() => env.close());

/** The member ids on the organisation page, read from its role forms. */
async function memberIds(): Promise<string[]> {
  const html = await (await env.app.request(`/en/orgs/${orgId}`, { headers: { cookie: owner } })).text();
  return [...html.matchAll(/\/members\/(\w+)\/role"/g)].map((m) => m[1]!);
}

describe('the last owner', () => {
  for (const [locale, path, fields] of [
    ['en', 'role', { role: 'member' }],
    ['es', 'role', { role: 'viewer' }],
    ['ar', 'disable', {}],
  ] as const) {
    it(`is told why they cannot ${path === 'role' ? 'step down' : 'disable themselves'} (${locale})`, async () => {
      const ids = await memberIds();
      expect(ids).toHaveLength(1);
      const res = await postForm(env, `/${locale}/orgs/${orgId}/members/${ids[0]}/${path}`, fields, { cookie: owner });
      expect(res.status).toBe(409);
      const t = translator(locale);
      const html = await res.text();
      expect(html).toContain(t('error.lastOwner'));
      expect(html).not.toContain(t('error.conflict'));
      // Nothing changed: still the one owner.
      expect(await (await env.app.request(`/en/orgs/${orgId}`, { headers: { cookie: owner } })).text()).toMatch(
        /<option value="owner" selected/,
      );
    });
  }
});
