// A watcher timing the sign-in cannot tell the duress passphrase from the password (docs/decisions/0016):
// both verify the two hashes side by side and then do one more argon2id derivation (the key pair's, or
// the duress record's). Measured as tests/brute-force.test.ts measures an unknown address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled } from '../src/platform/background.ts';
import { addMember, newOrg, signInAs, type Person } from './helpers/accounts.ts';
import { postForm, TestClock, testEnv, type TestEnv } from './helpers/context.ts';

const DURESS = 'lantern copper meadow';
let env: TestEnv;
let person: Person;

beforeAll(async () => {
  env = await testEnv({ clock: new TestClock(), seed: false });
  person = await addMember(env, await newOrg(env, 'Timed'), 'member');
  const cookie = await signInAs(env, person);
  const fields = { current: person.password, password: DURESS, password_confirm: DURESS };
  expect((await postForm(env, '/en/account/safety/duress', fields, { cookie })).status).toBe(303);
}, 30_000);
afterAll(() => env.close());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(password: string): Promise<{ ms: number; status: number; location: string | null }> {
  await settled(env.ctx); // the previous sign-in's work after its answer is not this one's time
  const started = performance.now();
  const res = await postForm(env, '/en/login', { email: person.email, password });
  return { ms: performance.now() - started, status: res.status, location: res.headers.get('location') };
}

describe('duress sign-in timing', () => {
  it('takes as long as a real sign-in, with the same answer', async () => {
    const real: number[] = [];
    const duress: number[] = [];
    for (let i = 0; i < 8; i++) {
      // Alternating which goes first, so neither always follows the other.
      const first = i % 2 === 0 ? person.password : DURESS;
      const one = await time(first);
      const other = await time(first === DURESS ? person.password : DURESS);
      const [a, b] = first === DURESS ? [other, one] : [one, other];
      expect(b.status).toBe(a.status);
      expect(b.location).toBe(a.location);
      real.push(a.ms);
      duress.push(b.ms);
    }
    const ratio = median(duress) / median(real);
    console.log(
      `sign-in time, duress ${median(duress).toFixed(1)} ms vs real ${median(real).toFixed(1)} ms (ratio ${ratio.toFixed(2)}, target 0.5-2)`,
    );
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
