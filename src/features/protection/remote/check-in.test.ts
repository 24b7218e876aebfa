// Check-ins through their page and the job runner, on a test clock (nothing sleeps): a missed deadline
// fires once, however many times and from however many runners the jobs are run; checking in, by the
// button or by signing in, moves the deadline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../db/client.ts';
import { createJobRunner } from '../../../platform/jobs.ts';
import { addMember, newOrg, signInAs, userIdOf, type Person } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from '../../../../tests/helpers/context.ts';
import { databaseText } from '../../../../tests/helpers/db-text.ts';
import { ALERT_RELAY_JOB, CHECK_IN_JOB, runCheckInJob } from './service.ts';

const HOUR = 3600_000;
const clock = new TestClock();
let env: TestEnv;
let orgId: string;

const userId = (p: Person) => userIdOf(env, p);

const grantsOf = async (id: string) =>
  (await env.ctx.db.selectFrom('key_grants').select('id').where('user_id', '=', id).execute()).length;
const sessionsOf = async (id: string) =>
  (await env.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()).length;
const missed = async (id: string) =>
  (
    await env.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'check-in.missed')
      .where('object_id', '=', id)
      .execute()
  ).length;
const jobs = (kind = CHECK_IN_JOB) => env.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', kind).execute();

/** A member signed in, with check-ins set as given. */
async function member(fields: Record<string, string>) {
  const person = await addMember(env, orgId, 'member');
  const cookie = await signInAs(env, person);
  const saved = await postForm(env, '/en/account/check-in', fields, { cookie });
  expect(saved.status).toBe(303);
  return { person, cookie, id: await userId(person) };
}

beforeAll(async () => {
  env = await testEnv({ clock, seed: false, config: { sessionIdleMinutes: 100_000, sessionMaxHours: 10_000 } });
  orgId = await newOrg(env, 'Vigía Común');
}, 60_000);
afterAll(() => env.close());

describe('a one-day check-in that also revokes access', () => {
  let m: Awaited<ReturnType<typeof member>>;
  const start = clock.now().getTime();

  it('schedules one job at the deadline, named by nothing that identifies the member', async () => {
    m = await member({ days: '1', revoke: 'on' });
    const [job, ...others] = await jobs();
    expect(others).toHaveLength(0);
    expect(new Date(job!.run_at).getTime()).toBe(start + 24 * HOUR);
    const text = await databaseText(env);
    expect(text.jobs).not.toContain(m.id);
    expect(text.check_ins).not.toContain(m.id);
    const page = await (await env.app.request('/en/account/check-in', { headers: { cookie: m.cookie } })).text();
    expect(page).toContain('Next check-in due by November 25, 2026');
    expect(page).toContain('can see that your account uses check-ins');
  });

  it('does nothing before the deadline, nor after a check-in moved it', async () => {
    clock.advance(23 * HOUR);
    expect(await env.ctx.jobs.runDue()).toBe(0);
    const now = await postForm(env, '/en/account/check-in/now', {}, { cookie: m.cookie });
    expect(now.headers.get('location')).toContain('done=checkedIn');
    clock.advance(2 * HOUR); // past the first deadline, 2 hours into the new interval
    await env.ctx.jobs.runDue();
    expect(await missed(m.id)).toBe(0);
    expect(await grantsOf(m.id)).toBe(1);
    expect(new Date((await jobs())[0]!.run_at).getTime()).toBe(start + 47 * HOUR);
  });

  it('fires once past the deadline: the alert, then the keys and sessions destroyed', async () => {
    clock.advance(22 * HOUR + 60_000);
    expect(await env.ctx.jobs.runDue()).toBe(1);
    const [relay, ...more] = await jobs(ALERT_RELAY_JOB); // the alert, queued with the rest
    expect(more).toHaveLength(0);
    expect(relay!.payload).not.toContain(m.id);
    expect(await env.ctx.jobs.runDue()).toBe(1); // the alert relayed
    expect(await env.ctx.jobs.runDue()).toBe(0);
    expect(await missed(m.id)).toBe(1);
    expect(await grantsOf(m.id)).toBe(0);
    expect(await sessionsOf(m.id)).toBe(0);
    expect(await jobs()).toHaveLength(0);
    // Signing in again shows it, and starts a new interval.
    const cookie = await signInAs(env, m.person);
    expect(await (await env.app.request('/en/dashboard', { headers: { cookie } })).text()).toContain(
      'Your access needs restoring',
    );
    expect(await jobs()).toHaveLength(1);
  });
});

describe('without revoking, and alongside others', () => {
  it('a sign-in counts as checking in', async () => {
    const m = await member({ days: '3', revoke: 'off' });
    clock.advance(70 * HOUR);
    await signInAs(env, m.person);
    clock.advance(70 * HOUR); // 140 hours since the setting, 70 since the sign-in
    await env.ctx.jobs.runDue();
    expect(await missed(m.id)).toBe(0);
    await postForm(env, '/en/account/check-in', { days: '0', revoke: 'off' }, { cookie: m.cookie });
  });

  it('a sign-in under duress does not count as checking in', async () => {
    const m = await member({ days: '3', revoke: 'off' });
    const DURESS = 'a different phrase for bad days 31';
    const duress = { current: m.person.password, password: DURESS, password_confirm: DURESS, decoy_org: orgId };
    expect((await postForm(env, '/en/account/safety/duress', duress, { cookie: m.cookie })).status).toBe(303);
    clock.advance(70 * HOUR);
    const coerced = await postForm(env, '/en/login', { email: m.person.email, password: DURESS });
    expect(coerced.status).toBe(303);
    clock.advance(3 * HOUR); // 73 hours since the setting, 3 since the coerced sign-in
    await env.ctx.jobs.runDue();
    expect(await missed(m.id)).toBe(1);
  });

  it('a missed check-in sends the alert but keeps access when revoking was not chosen', async () => {
    const m = await member({ days: '1', revoke: 'off' });
    clock.advance(25 * HOUR);
    await env.ctx.jobs.runDue();
    expect(await missed(m.id)).toBe(1);
    expect(await grantsOf(m.id)).toBe(1);
    const page = await (await env.app.request('/en/account/check-in', { headers: { cookie: m.cookie } })).text();
    expect(page).toContain('your alert was sent');
  });

  it('turning check-ins off removes the job and the setting', async () => {
    const m = await member({ days: '7', revoke: 'on' });
    expect((await jobs()).length).toBeGreaterThan(0);
    const before = (await jobs()).length;
    await postForm(env, '/en/account/check-in', { days: '0', revoke: 'on' }, { cookie: m.cookie });
    expect(await jobs()).toHaveLength(before - 1);
    clock.advance(8 * 24 * HOUR);
    await env.ctx.jobs.runDue();
    expect(await missed(m.id)).toBe(0);
  });

  it('two job runners on two connections to one database run a due check-in once', async () => {
    const m = await member({ days: '1', revoke: 'on' });
    clock.advance(25 * HOUR);
    const relays = (await jobs(ALERT_RELAY_JOB)).length;
    const db = createDb(env.ctx.config);
    try {
      // Two runners of check-ins only (so the alerts they queue stay to be counted), each on its own connection.
      const runners = [env.ctx, { ...env.ctx, db }].map((ctx) => {
        const runner = createJobRunner({ db: ctx.db, clock, logger: env.ctx.logger, pollMs: 1000 });
        runner.register(CHECK_IN_JOB, (job) => runCheckInJob(ctx, job));
        return runner;
      });
      const claimed = await Promise.all([...runners, ...runners].map((r) => r.runDue()));
      expect(claimed.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await missed(m.id)).toBe(1);
      expect(await jobs(ALERT_RELAY_JOB)).toHaveLength(relays + 1);
      expect(await grantsOf(m.id)).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('refuses an interval that is not offered', async () => {
    const { cookie } = await member({ days: '0', revoke: 'off' });
    const res = await postForm(env, '/en/account/check-in', { days: '2', revoke: 'off' }, { cookie });
    expect(res.status).toBe(422);
  });
});
