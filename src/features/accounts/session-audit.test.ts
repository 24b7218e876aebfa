// Every way a session ends leaves an audit entry naming only the account: sign-out, expiry (when it is
// noticed), ending one session from the list, signing out everywhere, and a disabled account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, type Person } from '../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { cliOperator } from '../../platform/access.ts';
import { setUserEnabled } from './account/service.ts';
import { findUserByLookup } from './queries.ts';

let env: TestEnv;
const clock = new TestClock();
let orgId: string;

beforeAll(async () => {
  env = await testEnv({ clock, seed: false });
  orgId = await newOrg(env);
});
afterAll(() => env.close());

const get = (url: string, cookie: string) => env.app.request(url, { headers: { cookie } });
async function entriesFor(person: Person) {
  const user = (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(person.email)))!;
  const rows = await env.ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('object_id', '=', user.id)
    .where('action', 'like', 'session.%')
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${r.actor === `user:${user.id}` ? 'self' : r.actor} ${r.action}`);
}

describe('ended sessions are audited', () => {
  it('sign-out, expiry, ending one session, a password change and signing out everywhere', async () => {
    const person = await addMember(env, orgId, 'member');
    const out = await signInAs(env, person);
    await postForm(env, '/en/logout', {}, { cookie: out });
    const idle = await signInAs(env, person);
    clock.advance((env.ctx.config.sessionIdleMinutes + 1) * 60_000);
    expect((await get('/en/dashboard', idle)).status).toBe(303);
    const here = await signInAs(env, person);
    await signInAs(env, person);
    const other = (await (await get('/en/account', here)).text()).match(/sessions\/([a-z2-9]+)\/end/)![1]!;
    expect((await postForm(env, `/en/account/sessions/${other}/end`, {}, { cookie: here })).status).toBe(303);
    await signInAs(env, person);
    const changed = await postForm(
      env,
      '/en/account/password',
      { current: person.password, password: 'another long passphrase', password_confirm: 'another long passphrase' },
      { cookie: here },
    );
    expect(changed.status).toBe(303);
    await postForm(env, '/en/account/sessions/end-all', {}, { cookie: here });
    const ends = (await entriesFor(person)).filter((e) => !e.endsWith('session.start'));
    expect(ends).toEqual([
      'self session.end',
      'system session.expire',
      'self session.revoke',
      'self session.revoke',
      'self session.end-all',
    ]);
  });

  it('sessions revoked by disabling an account', async () => {
    const person = await addMember(env, orgId, 'viewer');
    const cookie = await signInAs(env, person);
    await setUserEnabled(env.ctx, cliOperator, person.email, false);
    expect((await get('/en/dashboard', cookie)).status).toBe(303);
    const ends = (await entriesFor(person)).filter((e) => !e.endsWith('session.start'));
    expect(ends).toEqual(['operator:cli session.revoke']);
  });
});
