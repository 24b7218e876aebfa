// The sessions list of the account page through the real routes, on SQLite or PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, type Person } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';

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

describe('sessions list', () => {
  it('lists where the person is signed in, ends one, and signs out everywhere', async () => {
    const person = await addMember(env, orgId, 'member');
    const here = await signInAs(env, person);
    const phone = await signInAs(env, person);
    const page = await (await get('/en/account', here)).text();
    const ends = [...page.matchAll(/action="\/en\/account\/sessions\/([a-z2-9]+)\/end"/g)].map((m) => m[1]!);
    expect(ends).toHaveLength(2); // the phone and the invitation's first session; this browser is marked instead
    expect(page).toContain('This browser');
    for (const id of ends)
      expect((await postForm(env, `/en/account/sessions/${id}/end`, {}, { cookie: here })).status).toBe(303);
    expect((await get('/en/dashboard', phone)).status).toBe(303);
    expect((await get('/en/dashboard', here)).status).toBe(200);

    // Someone else's session id cannot be ended from another account.
    const other = await signInAs(env, member);
    const otherId = (await (await get('/en/account', other)).text()).match(/sessions\/([a-z2-9]+)\/end/);
    const mine = await signInAs(env, person);
    const mineId = (await (await get('/en/account', mine)).text()).match(/sessions\/([a-z2-9]+)\/end/)![1]!;
    expect((await postForm(env, `/en/account/sessions/${mineId}/end`, {}, { cookie: other })).status).toBe(404);
    expect((await get('/en/dashboard', mine)).status).toBe(200);
    expect(otherId).toBeDefined();

    const everywhere = await postForm(env, '/en/account/sessions/end-all', {}, { cookie: here });
    expect(everywhere.headers.get('clear-site-data')).toContain('"cookies"');
    expect((await get('/en/dashboard', here)).status).toBe(303);
    expect((await get('/en/dashboard', mine)).status).toBe(303);
  });
});
