// Sign-in and sessions through the real routes, on SQLite or PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  cookieFrom,
  newOrg,
  SESSION,
  signInAs,
  uniqueEmail,
  type Person,
} from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { cliOperator } from '../../../platform/access.ts';
import { setUserEnabled } from '../account/service.ts';

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

describe('open sign-up', () => {
  it('is closed by default', async () => {
    expect((await get('/en/signup')).status).toBe(404);
    expect((await postForm(env, '/en/signup', { email: uniqueEmail('closed') })).status).toBe(404);
    expect((await get('/en/signup/' + 'A'.repeat(43))).status).toBe(404);
  });
});
