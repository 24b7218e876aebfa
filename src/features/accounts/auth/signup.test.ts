// Open sign-up proves the address first: the same answer for every address, a link for a new one, a
// reminder for an existing one, and no account until the link is followed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, cookieFrom, newOrg, SESSION, uniqueEmail } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock, type TestEnv } from '../../../../tests/helpers/context.ts';
import { testEnvWithMail, type SmtpTestServer } from '../../../../tests/helpers/smtp.ts';
import { settled } from '../../../platform/background.ts';

let env: TestEnv;
let smtp: SmtpTestServer;
const clock = new TestClock();

let close: () => Promise<void>;
beforeAll(async () => {
  ({ env, smtp, close } = await testEnvWithMail({ clock, seed: false, config: { openSignup: true } }));
});
afterAll(() => close());

const count = async (table: 'users' | 'organisations') =>
  (await env.ctx.db.selectFrom(table).select('id').execute()).length;
const page = (r: Response) => r.text().then((html) => html.replace(/name="_csrf" value="[^"]+"/, ''));
const linkIn = (text: string) => new URL(text.match(/https?:\/\/\S+\/signup\/\S+/)![0]).pathname;
const PASSWORD = 'a long enough phrase';

describe('open sign-up', () => {
  it('creates the account and its organisation only when the emailed link is followed', async () => {
    const email = uniqueEmail('rosa');
    const [users, orgs] = [await count('users'), await count('organisations')];
    const asked = await postForm(env, '/en/signup', { email });
    expect(asked.status).toBe(200);
    await settled(env.ctx);
    expect(await count('users')).toBe(users); // nothing yet: the address is not proved
    const mail = await smtp.waitFor((m) => m.to.includes(email));
    const link = linkIn(mail.text);
    expect((await env.app.request(link)).status).toBe(200);
    const weak = await postForm(env, link, {
      organisation: 'Nueva Asociación',
      name: 'Rosa',
      password: 'password123',
      password_confirm: 'password123',
    });
    expect(weak.status).toBe(422);
    expect(await weak.text()).toContain('value="Nueva Asociación"');
    const res = await postForm(env, link, {
      organisation: 'Nueva Asociación',
      name: 'Rosa',
      password: PASSWORD,
      password_confirm: PASSWORD,
    });
    // Signed in, and shown the organisation's recovery key once, with the way on to two-factor sign-in.
    expect(res.status).toBe(200);
    const shown = await res.text();
    expect(shown).toMatch(/([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}/);
    expect(shown).toContain('href="/en/account/two-factor?welcome"');
    expect(shown).toContain('<svg'); // the QR code, drawn on the server
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect([await count('users'), await count('organisations')]).toEqual([users + 1, orgs + 1]);
    const cookie = cookieFrom(res, SESSION)!;
    expect(await (await env.app.request('/en/dashboard', { headers: { cookie } })).text()).toContain(
      'Nueva Asociación',
    );
    expect((await env.app.request(link)).status).toBe(404); // once
  });

  it('answers an existing address exactly like a new one, and mails its owner a reminder instead of a link', async () => {
    const existing = await addMember(env, await newOrg(env, 'Ya Existe'), 'owner');
    const fresh = uniqueEmail('fresh');
    const orgs = await count('organisations');
    const forExisting = await postForm(env, '/en/signup', { email: existing.email });
    const forFresh = await postForm(env, '/en/signup', { email: fresh });
    expect(forExisting.status).toBe(forFresh.status);
    expect(await page(forExisting)).toBe(await page(forFresh));
    await settled(env.ctx);
    const reminder = await smtp.waitFor((m) => m.to.includes(existing.email) && !m.subject.includes('invited'));
    expect(reminder.subject).toContain('already have');
    expect(reminder.text).not.toMatch(/\/signup\//);
    expect(await count('organisations')).toBe(orgs);
    const rows = await env.ctx.db.selectFrom('signup_verifications').select('id').execute();
    expect(rows.length).toBe(smtp.messages.filter((m) => m.subject.startsWith('Finish creating')).length);
  });

  it('a link for an address that gained an account meanwhile creates nothing', async () => {
    const email = uniqueEmail('race');
    await postForm(env, '/en/signup', { email });
    await settled(env.ctx);
    const link = linkIn((await smtp.waitFor((m) => m.to.includes(email))).text);
    await addMember(env, await newOrg(env, 'Invited First'), 'member', email);
    const orgs = await count('organisations');
    expect(
      (
        await postForm(env, link, {
          organisation: 'Squatted',
          name: 'X',
          password: PASSWORD,
          password_confirm: PASSWORD,
        })
      ).status,
    ).toBe(409);
    expect(await count('organisations')).toBe(orgs);
  });

  it('the link expires', async () => {
    const email = uniqueEmail('slow');
    await postForm(env, '/en/signup', { email });
    await settled(env.ctx);
    const link = linkIn((await smtp.waitFor((m) => m.to.includes(email))).text);
    clock.advance(25 * 3600_000);
    expect((await env.app.request(link)).status).toBe(404);
  });
});
