// Sign-in, sessions and invitations through the real routes, on SQLite or PostgreSQL.
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
} from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { cliOperator } from '../../../platform/access.ts';
import { setUserEnabled } from '../account/service.ts';
import { inviteMember } from '../orgs/service.ts';

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
    const invited = await inviteMember(env.ctx, cliOperator, orgId, { email, role: 'admin' });
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
    const invited = await inviteMember(env.ctx, cliOperator, second, { email: member.email, role: 'viewer' });
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
    const invited = await inviteMember(env.ctx, cliOperator, orgId, { email: uniqueEmail('oops'), role: 'member' });
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
    const invited = await inviteMember(env.ctx, cliOperator, orgId, { email: uniqueEmail('late'), role: 'member' });
    if (!invited.ok) throw new Error('invite');
    clock.advance(8 * 86400_000);
    expect((await get(new URL(invited.value.link).pathname)).status).toBe(404);
    expect((await get('/en/invitations/' + 'A'.repeat(43))).status).toBe(404);
    expect((await get('/en/invitations/x')).status).toBe(404);
  });
});

describe('sign-in', () => {
  it('sets a __Host- cookie that is HttpOnly, Secure and SameSite=Strict', async () => {
    const res = await postForm(env, '/en/login', { email: member.email, password: member.password });
    expect(res.status).toBe(303);
    const line = res.headers.getSetCookie().find((l) => l.startsWith(`${SESSION}=`))!;
    expect(line).toMatch(/; Path=\//);
    expect(line).toMatch(/; Secure/);
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).not.toMatch(/Domain=/i);
    expect(line.split(';')[0]!.split('=')[1]).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
  });

  it('answers an unknown address exactly like a wrong password', async () => {
    const wrong = await postForm(env, '/en/login', { email: member.email, password: 'not the password' });
    const unknown = await postForm(env, '/en/login', { email: uniqueEmail('nobody'), password: 'not the password' });
    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const strip = (html: string) =>
      html.replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@example.org"/, '');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
  });

  it('sends signed-in pages with no-store and never from the page cache', async () => {
    const cookie = await signInAs(env, member);
    await get('/en/support'); // fills the cache for anonymous readers
    const mine = await get('/en/support', cookie);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(await mine.text()).toContain('Sign out');
    expect(await (await get('/en/support')).text()).not.toContain('Sign out');
  });

  it('a session id chosen by someone else is never adopted (fixation)', async () => {
    const planted = `${SESSION}=${'B'.repeat(43)}`;
    const res = await postForm(
      env,
      '/en/login',
      { email: member.email, password: member.password },
      { cookie: planted },
    );
    const issued = cookieFrom(res, SESSION)!;
    expect(issued).not.toBe(planted);
    expect(await (await get('/en/dashboard', planted)).status).toBe(303);
    expect((await get('/en/dashboard', issued)).status).toBe(200);
  });

  it('logging out ends the session on the server and clears the browser', async () => {
    const cookie = await signInAs(env, member);
    const out = await postForm(env, '/en/logout', {}, { cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get('clear-site-data')).toContain('"cookies"');
    const replay = await get('/en/dashboard', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toMatch(/^\/en\/login\?next=/);
  });

  it('ends a session after the idle time and after the absolute time', async () => {
    const idle = await signInAs(env, member);
    clock.advance((env.ctx.config.sessionIdleMinutes - 1) * 60_000);
    expect((await get('/en/dashboard', idle)).status).toBe(200);
    clock.advance((env.ctx.config.sessionIdleMinutes + 1) * 60_000);
    expect((await get('/en/dashboard', idle)).status).toBe(303);

    const busy = await signInAs(env, member);
    const step = (env.ctx.config.sessionIdleMinutes / 2) * 60_000;
    for (let t = 0; t < env.ctx.config.sessionMaxHours * 3600_000 - step; t += step) {
      clock.advance(step);
      expect((await get('/en/dashboard', busy)).status).toBe(200);
    }
    clock.advance(step);
    expect((await get('/en/dashboard', busy)).status).toBe(303);
  });

  it('disabling an account ends its sessions at once', async () => {
    const person = await addMember(env, orgId, 'viewer');
    const cookie = await signInAs(env, person);
    expect((await get('/en/dashboard', cookie)).status).toBe(200);
    await setUserEnabled(env.ctx, cliOperator, person.email, false);
    expect((await get('/en/dashboard', cookie)).status).toBe(303);
    const again = await postForm(env, '/en/login', { email: person.email, password: person.password });
    expect(again.status).toBe(422);
  });

  it('only follows a next address on this site', async () => {
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await postForm(env, `/en/login?next=${encodeURIComponent(next)}`, {
        email: member.email,
        password: member.password,
      });
      expect(res.headers.get('location')).toBe('/en/dashboard');
    }
    const res = await postForm(env, `/en/login?next=${encodeURIComponent('/es/account')}`, {
      email: member.email,
      password: member.password,
    });
    expect(res.headers.get('location')).toBe('/es/account');
  });
});

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

describe('open sign-up', () => {
  it('is closed by default', async () => {
    expect((await get('/en/signup')).status).toBe(404);
    expect((await postForm(env, '/en/signup', { email: uniqueEmail('closed') })).status).toBe(404);
    expect((await get('/en/signup/' + 'A'.repeat(43))).status).toBe(404);
  });
});
