// Guessing passwords: throttled per account and across the server, whatever X-Forwarded-For claims,
// and an unknown address costs the same time as a known one. The owner's own browser (a trusted
// device, decision 0009) keeps working while guessers are held back.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findUserByLookup } from '../src/features/accounts/queries.ts';
import { hashToken } from '../src/platform/tokens.ts';
import { FREE_FAILURES, waitAfter } from '../src/features/accounts/auth/throttle.ts';
import { DEVICE_MAX_FAILURES } from '../src/features/accounts/auth/devices.ts';
import { DEVICE_COOKIE as DEVICE } from '../src/features/accounts/auth/middleware.ts';
import { addMember, cookieFrom, newOrg, SESSION, uniqueEmail, type Person } from './helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
const clock = new TestClock();
let victim: Person;

beforeAll(async () => {
  env = await testEnv({ clock, seed: false });
  victim = await addMember(env, await newOrg(env), 'owner');
});
afterAll(() => env.close());

const spoofed = () => {
  const ip = `${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
  return { 'x-forwarded-for': ip, 'x-real-ip': ip, forwarded: `for=${ip}` };
};

describe('brute force', () => {
  it('100 wrong passwords from 100 claimed addresses: only the first few are even checked', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await postForm(env, '/en/login', { email: victim.email, password: `guess-${i}-wrong` }, spoofed());
      statuses.push(res.status);
      if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const checked = statuses.filter((s) => s === 422).length;
    const throttled = statuses.filter((s) => s === 429).length;
    console.log(`100 guesses: ${checked} checked, ${throttled} throttled (target: all but ${FREE_FAILURES} throttled)`);
    expect(checked).toBe(FREE_FAILURES);
    expect(throttled).toBe(100 - FREE_FAILURES);
    // Even the right password waits its turn.
    const right = await postForm(env, '/en/login', { email: victim.email, password: victim.password }, spoofed());
    expect(right.status).toBe(429);
    clock.advance(waitAfter(FREE_FAILURES) + 1000);
    const later = await postForm(env, '/en/login', { email: victim.email, password: victim.password });
    expect(later.status).toBe(303);
  });

  it('the wait doubles with each further failure, up to 15 minutes', () => {
    expect(waitAfter(FREE_FAILURES - 1)).toBe(0);
    expect(waitAfter(FREE_FAILURES + 1)).toBe(2 * waitAfter(FREE_FAILURES));
    expect(waitAfter(100)).toBe(15 * 60 * 1000);
  });

  it('an unknown address is throttled the same way, so the throttle reveals nothing', async () => {
    const email = uniqueEmail('ghost');
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await postForm(env, '/en/login', { email, password: 'whatever it is' })).status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(FREE_FAILURES);
  });

  it('a wrong password for a known account and any password for an unknown one take similar time', async () => {
    const known = await addMember(env, await newOrg(env, 'Timing'), 'member');
    const time = async (email: string) => {
      const started = performance.now();
      await postForm(env, '/en/login', { email, password: 'definitely not it' });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const knownTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < FREE_FAILURES - 1; i++) {
      knownTimes.push(await time(known.email));
      unknownTimes.push(await time(uniqueEmail('nobody')));
    }
    const ratio = median(knownTimes) / median(unknownTimes);
    console.log(
      `sign-in time, known ${median(knownTimes).toFixed(1)} ms vs unknown ${median(unknownTimes).toFixed(1)} ms (ratio ${ratio.toFixed(2)}, target 0.5-2)`,
    );
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('parallel wrong passwords are counted one by one: still only the free ones are checked', async () => {
    const target = await addMember(env, await newOrg(env, 'Parallel'), 'member');
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        Promise.resolve(postForm(env, '/en/login', { email: target.email, password: `parallel-${i}` })).then(
          (r) => r.status,
        ),
      ),
    );
    const checked = statuses.filter((s) => s === 422).length;
    console.log(`20 parallel guesses: ${checked} checked (target ${FREE_FAILURES})`);
    expect(checked).toBe(FREE_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - FREE_FAILURES);
  });

  it('failed sign-ins of an existing account are audited by id only; unknown addresses leave no entry', async () => {
    const target = await addMember(env, await newOrg(env, 'Audited'), 'member');
    const user = (await findUserByLookup(env.ctx.db, env.ctx.lookup.email(target.email)))!;
    const failsOf = async (id: string) =>
      (
        await env.ctx.db
          .selectFrom('audit_log')
          .selectAll()
          .where('action', '=', 'session.fail')
          .where('object_id', '=', id)
          .execute()
      ).length;
    const before = await env.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'session.fail')
      .execute();
    await postForm(env, '/en/login', { email: target.email, password: 'not the password' });
    await postForm(env, '/en/login', { email: target.email, password: 'not it either' });
    await postForm(env, '/en/login', { email: uniqueEmail('nobody'), password: 'whatever it is' });
    await vi.waitFor(async () => expect(await failsOf(user.id)).toBe(2));
    const after = await env.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'session.fail').execute();
    expect(after.length - before.length).toBe(2);
    for (const entry of after) expect(entry.actor).toBe('anonymous');
  });
});

describe('availability', () => {
  it('guessers hammering an account do not stop its owner, whose browser signed in before', async () => {
    const owner = await addMember(env, await newOrg(env, 'Hammered'), 'owner');
    const first = await postForm(env, '/en/login', { email: owner.email, password: owner.password });
    expect(first.status).toBe(303);
    const device = cookieFrom(first, DEVICE);
    expect(device).toBeDefined();
    for (let i = 0; i < 30; i++)
      await postForm(env, '/en/login', { email: owner.email, password: `hammer-${i}` }, spoofed());
    // A browser without the cookie waits, like the guessers...
    expect((await postForm(env, '/en/login', { email: owner.email, password: owner.password })).status).toBe(429);
    // ...the owner's does not, and an hour of one guess every 15 minutes changes nothing.
    for (let i = 0; i < 4; i++) {
      clock.advance(15 * 60_000);
      await postForm(env, '/en/login', { email: owner.email, password: `slow-${i}` });
    }
    const back = await postForm(
      env,
      '/en/login',
      { email: owner.email, password: owner.password },
      { cookie: device! },
    );
    expect(back.status).toBe(303);
    expect(cookieFrom(back, SESSION)).toBeDefined();
  });

  it('a device cookie is bound to its account and forgotten after its own failures', async () => {
    const org = await newOrg(env, 'Devices');
    const owner = await addMember(env, org, 'owner');
    const other = await addMember(env, org, 'member');
    const device = cookieFrom(
      await postForm(env, '/en/login', { email: owner.email, password: owner.password }),
      DEVICE,
    )!;
    // For another account the cookie is nobody's: that account's own counter applies.
    const statuses: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 1; i++)
      statuses.push(
        (await postForm(env, '/en/login', { email: other.email, password: `x-${i}` }, { cookie: device })).status,
      );
    expect(statuses.at(-1)).toBe(429);
    // Someone holding the owner's cookie gets the device's few tries, then the cookie is worth nothing.
    const token = hashToken(device.split('=')[1]!);
    const stored = () => env.ctx.db.selectFrom('trusted_devices').selectAll().where('token_hash', '=', token).execute();
    expect(await stored()).toHaveLength(1);
    for (let i = 0; i < DEVICE_MAX_FAILURES; i++) {
      expect(
        (await postForm(env, '/en/login', { email: owner.email, password: `stolen-${i}` }, { cookie: device })).status,
      ).toBe(422);
      clock.advance(16 * 60_000);
    }
    expect(await stored()).toHaveLength(0);
  });

  it('a flood of sign-ins to made-up addresses does not stop a known account, nor does a flood on known accounts stop a trusted browser', async () => {
    const floodClock = new TestClock();
    const capped = await testEnv({ clock: floodClock, seed: false, config: { loginsPerMinute: 20 } });
    try {
      const org = await newOrg(capped, 'Flooded');
      const owner = await addMember(capped, org, 'owner');
      const device = cookieFrom(
        await postForm(capped, '/en/login', { email: owner.email, password: owner.password }),
        DEVICE,
      )!;
      const spray: number[] = [];
      for (let i = 0; i < 40; i++)
        spray.push(
          (await postForm(capped, '/en/login', { email: uniqueEmail('spray'), password: 'spray and pray' }, spoofed()))
            .status,
        );
      // Made-up addresses never succeed; past the limit they are answered without a password check.
      expect(spray.every((s) => s === 422)).toBe(true);
      // Shed or not, a made-up address is still counted like a real one, so probing during a flood
      // cannot tell the two apart by when the waiting starts.
      const ghost = uniqueEmail('ghost');
      const probes: number[] = [];
      for (let i = 0; i < FREE_FAILURES + 1; i++)
        probes.push((await postForm(capped, '/en/login', { email: ghost, password: `p-${i}` })).status);
      expect(probes.filter((s) => s === 422)).toHaveLength(FREE_FAILURES);
      expect(probes.at(-1)).toBe(429);
      expect((await postForm(capped, '/en/login', { email: owner.email, password: owner.password })).status).toBe(303);
      // Guesses spread over many known accounts hit the limit for accounts...
      const people = await Promise.all([1, 2, 3, 4, 5].map(() => addMember(capped, org, 'member')));
      const known: number[] = [];
      for (const p of people)
        for (let i = 0; i < 4; i++)
          known.push((await postForm(capped, '/en/login', { email: p.email, password: `g-${i}` })).status);
      const bucket = await capped.ctx.db
        .selectFrom('rate_limits')
        .select('hits')
        .where('bucket', '=', 'sign-in:known')
        .executeTakeFirstOrThrow();
      expect(known.filter((s) => s === 429).length).toBe(Number(bucket.hits) - 20);
      expect(known.filter((s) => s === 429).length).toBeGreaterThan(0);
      expect((await postForm(capped, '/en/login', { email: owner.email, password: owner.password })).status).toBe(429);
      // Now every address waits alike, with an account or without: the refusal tells nothing.
      expect((await postForm(capped, '/en/login', { email: uniqueEmail('probe'), password: 'a probe' })).status).toBe(
        429,
      );
      // ...but not the owner's own browser.
      expect(
        (await postForm(capped, '/en/login', { email: owner.email, password: owner.password }, { cookie: device }))
          .status,
      ).toBe(303);
    } finally {
      await capped.close();
    }
  });
});
