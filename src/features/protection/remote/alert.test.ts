// The levers end in the member's prepared alert: a missed check-in, through the relay job and the alert
// job, reaches a real SMTP server with the member's message, and only once however often the jobs run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, signInAs, userIdOf } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, type TestEnv } from '../../../../tests/helpers/context.ts';
import { testEnvWithMail, type SmtpTestServer } from '../../../../tests/helpers/smtp.ts';
import { writeAlertSettings } from '../alerts.ts';

const HOUR = 3600_000;
const clock = new TestClock();
let env: TestEnv;
let smtp: SmtpTestServer;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ env, smtp, close } = await testEnvWithMail({
    clock,
    seed: false,
    config: { sessionIdleMinutes: 10_000, sessionMaxHours: 1000 },
  }));
});
afterAll(() => close());

describe('a missed check-in', () => {
  it("sends the member's prepared alert to their contacts, once", async () => {
    const person = await addMember(env, await newOrg(env, 'Casa Alerta'), 'member');
    const id = await userIdOf(env, person);
    await writeAlertSettings(env.ctx, id, {
      contacts: ['relay.contact@example.net'],
      webhook: null,
      message: 'relay-canary-5521: call my lawyer',
      delayMinutes: 0,
      locale: 'en',
    });
    const cookie = await signInAs(env, person);
    expect((await postForm(env, '/en/account/check-in', { days: '1', revoke: 'off' }, { cookie })).status).toBe(303);
    clock.advance(25 * HOUR);
    for (let i = 0; i < 3; i++) await env.ctx.jobs.runDue(clock.now()); // the check-in, the relay, the alert
    const mail = await smtp.waitFor((m) => m.to.includes('relay.contact@example.net'));
    expect(mail.text).toContain('relay-canary-5521');
    for (let i = 0; i < 3; i++) await env.ctx.jobs.runDue(clock.now());
    expect(smtp.messages.filter((m) => m.to.includes('relay.contact@example.net'))).toHaveLength(1);
  });
});
