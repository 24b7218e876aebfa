// Guessing passwords: throttled per account and across the server, whatever X-Forwarded-For claims,
// and an unknown address costs the same time as a known one.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES, waitAfter } from '../src/features/accounts/throttle.ts';
import { addMember, newOrg, uniqueEmail, type Person } from './helpers/accounts.ts';
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
    for (let i = 0; i < 10; i++) statuses.push((await postForm(env, '/en/login', { email, password: 'whatever it is' })).status);
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
    console.log(`sign-in time, known ${median(knownTimes).toFixed(1)} ms vs unknown ${median(unknownTimes).toFixed(1)} ms (ratio ${ratio.toFixed(2)}, target 0.5-2)`);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('across the server, sign-in attempts are capped per minute whoever they are for', async () => {
    const capped = await testEnv({ clock: new TestClock(), seed: false, config: { loginsPerMinute: 20 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await postForm(capped, '/en/login', { email: uniqueEmail('spray'), password: 'spray and pray' }, spoofed())).status);
      expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    } finally {
      await capped.close();
    }
  });
});
