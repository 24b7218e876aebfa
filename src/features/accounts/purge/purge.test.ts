// Old rows go, live ones stay, measured by the context's clock; `amparo purge` runs the same function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, uniqueEmail, withOrgKey } from '../../../../tests/helpers/accounts.ts';
import { runAmparo } from '../../../../tests/helpers/cli.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { readDate } from '../../../db/values.ts';
import { cliOperator } from '../../../platform/access.ts';
import { settled } from '../../../platform/background.ts';
import { DEVICE_DAYS } from '../auth/service.ts';
import { inviteMember } from '../invitations/service.ts';
import { PURGE_JOB, purgeExpired, schedulePurge } from './service.ts';

let env: TestEnv;
const clock = new TestClock();

beforeAll(async () => {
  env = await testEnv({ clock, seed: false, config: { openSignup: true } });
});
afterAll(() => env.close());

const TABLES = {
  sessions: 'sessions',
  passwordResets: 'password_resets',
  signupLinks: 'signup_verifications',
  invitations: 'invitations',
  throttleCounters: 'login_failures',
  rateLimitWindows: 'rate_limits',
  devices: 'trusted_devices',
} as const;
type Kind = keyof typeof TABLES;
async function rows(): Promise<Record<Kind, number>> {
  const out = {} as Record<Kind, number>;
  for (const [kind, table] of Object.entries(TABLES))
    out[kind as Kind] = (await env.ctx.db.selectFrom(table).selectAll().execute()).length;
  return out;
}

describe('purge', () => {
  it('deletes what has expired, by the clock, and nothing that is still live', async () => {
    const orgId = await newOrg(env);
    const person = await addMember(env, orgId, 'member');
    await signInAs(env, person);
    await postForm(env, '/en/login', { email: uniqueEmail('ghost'), password: 'a wrong guess' });
    await postForm(env, '/en/password/forgot', { email: person.email });
    await postForm(env, '/en/signup', { email: uniqueEmail('newcomer') });
    const invited = await withOrgKey(env, orgId, () =>
      inviteMember(env.ctx, cliOperator, orgId, { email: uniqueEmail('later'), role: 'viewer' }),
    );
    expect(invited.ok).toBe(true);
    await settled(env.ctx);
    const before = await rows();
    for (const kind of Object.keys(TABLES) as Kind[]) expect(before[kind], kind).toBeGreaterThan(0);

    // Nothing has expired yet.
    expect(Object.values(await purgeExpired(env.ctx, cliOperator)).every((count) => count === 0)).toBe(true);
    expect(await rows()).toEqual(before);

    // Two days on: sessions, links, counters and old windows are gone; a session started now stays.
    clock.advance(2 * 86400_000);
    await signInAs(env, person);
    const fresh = await rows();
    const counts = await purgeExpired(env.ctx, cliOperator);
    const after = await rows();
    expect(counts.sessions).toBe(before.sessions);
    expect(after.sessions).toBe(fresh.sessions - before.sessions);
    expect(after.sessions).toBeGreaterThan(0);
    for (const kind of ['passwordResets', 'signupLinks', 'throttleCounters', 'rateLimitWindows'] as const) {
      expect(counts[kind], kind).toBe(before[kind]);
      expect(after[kind], kind).toBe(fresh[kind] - before[kind]);
    }
    expect(counts.invitations).toBe(0);
    expect(counts.devices).toBe(0);

    // Invitations after they expire, devices after DEVICE_DAYS without use.
    clock.advance((DEVICE_DAYS + 1) * 86400_000);
    const last = await purgeExpired(env.ctx, cliOperator);
    expect(last.invitations).toBe(after.invitations);
    expect(last.devices).toBe(after.devices);
    const empty = await rows();
    expect(empty.invitations + empty.devices + empty.sessions).toBe(0);
  });

  it('runs on the server as one recurring job, every AMPARO_PURGE_MINUTES, until cancelled', async () => {
    const period = env.ctx.config.purgeMinutes * 60_000;
    const purgeJobs = () => env.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', PURGE_JOB).execute();
    await signInAs(env, await addMember(env, await newOrg(env, 'Scheduled'), 'viewer'));
    clock.advance(env.ctx.config.sessionMaxHours * 3600_000 + 1);
    const live = (await rows()).sessions;
    expect(live).toBeGreaterThan(0);

    // Two server processes start: one job.
    await schedulePurge(env.ctx);
    clock.advance(1000);
    await schedulePurge(env.ctx);
    const [job] = await purgeJobs();
    expect((await purgeJobs()).length).toBe(1);
    expect(readDate(job!.run_at).getTime()).toBe(clock.now().getTime() - 1000 + period);

    clock.advance(period - 2000);
    expect(await env.ctx.jobs.runDue()).toBe(0);
    expect((await rows()).sessions).toBe(live);
    clock.advance(1000);
    expect(await env.ctx.jobs.runDue()).toBe(1);
    expect((await rows()).sessions).toBe(0);
    expect(env.logs.some((line) => line.includes('"old rows purged"'))).toBe(true);

    // It is still there, one period on, and does its work again then.
    const [again] = await purgeJobs();
    expect(again!.id).toBe(job!.id);
    expect(readDate(again!.run_at).getTime()).toBe(clock.now().getTime() + period);
    const purges = () => env.logs.filter((line) => line.includes('"old rows purged"')).length;
    const before = purges();
    clock.advance(period - 1);
    expect(await env.ctx.jobs.runDue()).toBe(0);
    clock.advance(1);
    expect(await env.ctx.jobs.runDue()).toBe(1);
    expect(purges()).toBe(before + 1);

    expect(await env.ctx.jobs.cancel({ kind: PURGE_JOB, uniqueKey: PURGE_JOB })).toBe(true);
    await signInAs(env, await addMember(env, await newOrg(env, 'Stopped'), 'viewer'));
    clock.advance(env.ctx.config.sessionMaxHours * 3600_000 + 1);
    expect(await env.ctx.jobs.runDue()).toBe(0);
    expect((await rows()).sessions).toBeGreaterThan(0);
  });

  it('runs from the command line', async () => {
    const { code, stdout } = await runAmparo(env, ['purge']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^sessions: \d+$/m);
    expect(stdout).toMatch(/^devices: \d+$/m);
  });
});
