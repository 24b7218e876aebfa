import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer, type SmtpTestServer } from '../../tests/helpers/smtp.ts';
import { createLogger } from './logger.ts';
import { createMailer, MailDeliveryError, NO_SMTP_MESSAGE } from './mail.ts';

function capturedLogger() {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('debug', sink), logs };
}

const FROM = 'Amparo <no-reply@amparo.test>';

describe('createMailer over SMTP', () => {
  let smtp: SmtpTestServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('delivers a plain-text message and logs nothing about it', async () => {
    const { logger, logs } = capturedLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, from: FROM }, logger);
    const to = 'defender.one@example.org';
    const subject = 'Your invitation to Amparo';
    const text = 'Open this link to set your password:\nhttps://amparo.test/en/invitations/abc123';
    try {
      await mailer.send({ to, subject, text });
    } finally {
      mailer.close();
    }

    const mail = await smtp.waitFor((m) => m.to.includes(to));
    expect(mail.from).toBe('no-reply@amparo.test');
    expect(mail.raw).toContain(to);
    expect(mail.raw).toContain(subject);
    expect(mail.raw).toContain('https://amparo.test/en/invitations/abc123');
    expect(mail.raw).toMatch(/^Content-Type: text\/plain/im);
    expect(mail.raw).not.toMatch(/text\/html/i);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toBe(text);

    const logged = logs.join('\n');
    expect(logged).not.toContain('defender.one');
    expect(logged).not.toContain('invitation');
    expect(logged).not.toContain('abc123');
  });

  it('round-trips non-ASCII text and long lines (quoted-printable or base64)', async () => {
    const { logger, logs } = capturedLogger();
    const mailer = createMailer({ smtpUrl: smtp.url, from: FROM }, logger);
    const to = 'persona.dos@example.org';
    const subject = 'Invitación a Amparo — دعوة';
    const text = `Hola, María: ${'esta línea es larga y sigue '.repeat(8)}fin.\nПривет.\nمرحبا.`;
    try {
      await mailer.send({ to, subject, text });
    } finally {
      mailer.close();
    }

    const mail = await smtp.waitFor((m) => m.to.includes(to));
    expect(mail.raw).toContain(to);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toBe(text);
    expect(logs.join('\n')).not.toContain('persona.dos');
  });

  it('fails with an error that names neither the recipient nor the content', async () => {
    const dead = await startSmtpServer();
    await dead.close();
    const { logger, logs } = capturedLogger();
    const mailer = createMailer({ smtpUrl: dead.url, from: FROM }, logger);
    const error = await mailer
      .send({ to: 'persona.tres@example.org', subject: 'Secret subject', text: 'secret body' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    mailer.close();
    expect(error).toBeInstanceOf(MailDeliveryError);
    const everything = `${(error as Error).message}\n${(error as Error).stack}\n${logs.join('\n')}`;
    expect(everything).not.toContain('persona.tres');
    expect(everything).not.toContain('Secret subject');
    expect(everything).not.toContain('secret body');
    expect(logs.some((line) => line.includes('mail not sent'))).toBe(true);
  });
});

describe('createMailer without SMTP', () => {
  it('warns once per message, without the recipient or the content, and resolves', async () => {
    const { logger, logs } = capturedLogger();
    const mailer = createMailer({ smtpUrl: null, from: FROM }, logger);
    await expect(
      mailer.send({ to: 'persona.cuatro@example.org', subject: 'Hello there', text: 'body words' }),
    ).resolves.toBeUndefined();
    mailer.close();

    expect(logs).toHaveLength(1);
    const line = JSON.parse(logs[0]!) as Record<string, unknown>;
    expect(line.level).toBe(40);
    expect(line.msg).toBe(NO_SMTP_MESSAGE);
    expect(logs[0]).not.toContain('persona.cuatro');
    expect(logs[0]).not.toContain('Hello there');
    expect(logs[0]).not.toContain('body words');
  });
});
