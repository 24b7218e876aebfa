// Outgoing mail: plain text over SMTP (nodemailer), or, with no SMTP server configured, a mailer that
// only says so (the CLI prints invitation links itself). A recipient's address, a subject and a body can
// identify a person, so none of them is ever logged, not even in an error.
import nodemailer from 'nodemailer';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Sending failed. The message names only the SMTP error code and reply code, never the message. */
export class MailDeliveryError extends AppError {
  override name = 'MailDeliveryError';
  override readonly status: number = 502;
  override readonly messageKey: string = 'error.generic';
}

export const NO_SMTP_MESSAGE = 'mail not sent: no SMTP server configured (AMPARO_SMTP_URL)';

export function createMailer(options: { smtpUrl: string | null; from: string }, logger: Logger): Mailer {
  if (!options.smtpUrl) {
    return {
      async send() {
        logger.warn(NO_SMTP_MESSAGE);
      },
      close() {},
    };
  }

  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    // Values in the URL win over these. A dead server should fail a CLI command in seconds, not minutes.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // Plain text we composed ourselves: no attachments, no files or URLs read on anyone's behalf.
    disableFileAccess: true,
    disableUrlAccess: true,
    // nodemailer's own logger would write addresses and, with debug, the whole message.
    logger: false,
    debug: false,
  });

  return {
    async send(message) {
      try {
        await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        // nodemailer's messages quote the server's reply, which often repeats the recipient address.
        const { code, responseCode, command } = error as { code?: unknown; responseCode?: unknown; command?: unknown };
        const detail = {
          code: typeof code === 'string' ? code : undefined,
          responseCode: typeof responseCode === 'number' ? responseCode : undefined,
          command: typeof command === 'string' && /^[A-Z]+( [A-Z]+)?$/.test(command) ? command : undefined,
        };
        logger.error({ mail: detail }, 'mail not sent: SMTP delivery failed');
        throw new MailDeliveryError(
          `mail not sent: SMTP delivery failed (${detail.code ?? 'unknown error'}${detail.responseCode ? `, reply ${detail.responseCode}` : ''})`,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}
