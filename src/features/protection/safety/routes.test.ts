// The safety page through the real routes, and the prepared alert reaching a real SMTP server and a local
// webhook after its delay (docs/decisions/0016).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newOrg, type Person, signInAs, userIdOf } from '../../../../tests/helpers/accounts.ts';
import { postForm, TestClock } from '../../../../tests/helpers/context.ts';
import { testEnvWithMail, type SmtpTestServer } from '../../../../tests/helpers/smtp.ts';
import type { TestEnv } from '../../../../tests/helpers/context.ts';
import { queueAlert, writeAlertSettings } from '../alerts.ts';

let env: TestEnv;
let smtp: SmtpTestServer;
let close: () => Promise<void>;
const clock = new TestClock();
let person: Person;
let cookie: string;

beforeAll(async () => {
  // The test's webhook listens on loopback: allowed here as an operator may allow an internal relay.
  ({ env, smtp, close } = await testEnvWithMail({ clock, seed: false, config: { webhookPrivate: true } }));
  person = await addMember(env, await newOrg(env, 'Safety Collective'), 'member');
  cookie = await signInAs(env, person);
});
afterAll(() => close());

const get = (url: string) => env.app.request(url, { headers: { cookie } });
const post = (url: string, fields: Record<string, string>) => postForm(env, url, fields, { cookie });
const userId = (p: Person) => userIdOf(env, p);
const ALERT = {
  contacts: 'ana@example.net\nbeto@example.net',
  message: 'Call the lawyer.',
  delay: '15',
  consent: 'on',
};

describe('the safety page', () => {
  it('explains each lever and what a seized server would reveal', async () => {
    const page = await (await get('/en/account/safety')).text();
    expect(page).toContain('can read your contacts’ addresses, your message and the web address');
    expect(page).toContain('An alert cannot be called back once sent');
    expect(page).toContain('does not stop anyone from copying the server');
    expect(page).toContain('never shows whether a duress passphrase is set');
    expect(await (await env.app.request('/ar/account/safety', { headers: { cookie } })).text()).toContain(
      'عبارة الإكراه',
    );
  });

  it('refuses an alert without consent, with a plain-http webhook, or with a bad address', async () => {
    const noConsent = await post('/en/account/safety/alert', { ...ALERT, consent: '' });
    expect(noConsent.status).toBe(422);
    expect(await noConsent.text()).toContain('Tick the box to agree');
    const http = await post('/en/account/safety/alert', { ...ALERT, webhook: 'http://hooks.example.net/x' });
    expect(http.status).toBe(422);
    expect(await http.text()).toContain('must start with https://');
    expect((await post('/en/account/safety/alert', { ...ALERT, contacts: 'not an address' })).status).toBe(422);
    expect((await post('/en/account/safety/alert', { ...ALERT, contacts: '' })).status).toBe(422);
  });

  it('keeps the alert sealed and shows it again', async () => {
    const saved = await post('/en/account/safety/alert', { ...ALERT, webhook: 'https://hooks.example.net/a' });
    expect(saved.status).toBe(303);
    const page = await (await get('/en/account/safety?done=alert')).text();
    expect(page).toContain('The alert is saved.');
    expect(page).toContain('beto@example.net');
    const rows = await env.ctx.db.selectFrom('protection_alerts').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('beto@example.net');
    expect(JSON.stringify(rows)).not.toContain('Call the lawyer');
  });

  it('refuses a duress passphrase equal to the password, a weak one, or a wrong current password', async () => {
    const same = await post('/en/account/safety/duress', {
      current: person.password,
      password: person.password,
      password_confirm: person.password,
    });
    expect(same.status).toBe(422);
    expect(await same.text()).toContain('must differ from your password');
    const weak = { current: person.password, password: 'password', password_confirm: 'password' };
    expect((await post('/en/account/safety/duress', weak)).status).toBe(422);
    const wrong = {
      current: 'not my password',
      password: 'orchard violet canal',
      password_confirm: 'orchard violet canal',
    };
    expect((await post('/en/account/safety/duress', wrong)).status).toBe(422);
  });

  it('sets a duress passphrase: the hash and record change, and the page still does not say one is set', async () => {
    const id = await userId(person);
    const before = await env.ctx.db
      .selectFrom('users')
      .select(['duress_hash', 'duress'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const fields = {
      current: person.password,
      password: 'orchard violet canal',
      password_confirm: 'orchard violet canal',
    };
    const saved = await post('/en/account/safety/duress', { ...fields, destroy_keys: 'on', send_alert: 'on' });
    expect(saved.status).toBe(303);
    const after = await env.ctx.db
      .selectFrom('users')
      .select(['duress_hash', 'duress'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.duress_hash).not.toBe(before.duress_hash);
    expect(after.duress!.length).toBe(before.duress!.length); // padded: a set record looks like a blank one
    const removed = await post('/en/account/safety/duress/remove', { remove_current: person.password });
    expect(removed.status).toBe(303);
  });
});

describe('the prepared alert', () => {
  it('queues nothing for a member who prepared none', async () => {
    const other = await addMember(env, await newOrg(env, 'No Alert'), 'member');
    expect(await queueAlert(env.ctx, env.ctx.db, await userId(other), 'detained')).toBe(false);
  });

  it('reaches the SMTP server and the webhook only after its delay, and the job holds no address', async () => {
    const hooks: { body: string; type: string | undefined }[] = [];
    const server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        hooks.push({ body, type: req.headers['content-type'] });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const member = await addMember(env, await newOrg(env, 'Alerted'), 'member');
      const id = await userId(member);
      await writeAlertSettings(env.ctx, id, {
        contacts: ['carla@example.net'],
        // The form takes https only; a local test server speaks plain http.
        webhook: `http://127.0.0.1:${port}/hook`,
        message: 'Check on me.',
        delayMinutes: 15,
        locale: 'es',
      });
      expect(await queueAlert(env.ctx, env.ctx.db, id, 'detained')).toBe(true);
      const jobs = await env.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'protection.alert').execute();
      expect(JSON.stringify(jobs)).not.toContain('carla@example.net');
      expect(JSON.stringify(jobs)).not.toContain(id);

      expect(await env.ctx.jobs.runDue(new Date(clock.now().getTime() + 14 * 60_000))).toBe(0);
      expect(smtp.messages.filter((m) => m.to.includes('carla@example.net'))).toHaveLength(0);
      expect(hooks).toHaveLength(0);

      expect(await env.ctx.jobs.runDue(new Date(clock.now().getTime() + 15 * 60_000))).toBe(2);
      const mail = await smtp.waitFor((m) => m.to.includes('carla@example.net'));
      expect(mail.subject).toBe('Una alerta de alguien que confía en ti');
      expect(mail.text).toContain('Check on me.');
      expect(hooks).toHaveLength(1);
      expect(hooks[0]!.type).toBe('application/json');
      const body = JSON.parse(hooks[0]!.body) as Record<string, string>;
      expect(body).toEqual({ reason: 'detained', at: clock.now().toISOString(), message: 'Check on me.' });
    } finally {
      server.close();
    }
  });

  it("never posts to the server's own network unless the operator allows it", async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = env.ctx.config as { webhookPrivate: boolean };
    config.webhookPrivate = false;
    try {
      const member = await addMember(env, await newOrg(env, 'Inner Net'), 'member');
      const id = await userId(member);
      await writeAlertSettings(env.ctx, id, {
        contacts: [],
        webhook: `http://localhost:${port}/internal`,
        message: 'probe',
        delayMinutes: 0,
        locale: 'en',
      });
      expect(await queueAlert(env.ctx, env.ctx.db, id, 'detained')).toBe(true);
      await env.ctx.jobs.runDue(clock.now());
      expect(hits).toBe(0);
      const [job] = await env.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'protection.alert').execute();
      expect(job?.last_error).toBe('WebhookRefusedError');
    } finally {
      config.webhookPrivate = true;
      server.close();
    }
  });
});
