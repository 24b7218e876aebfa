// A real SMTP listener for tests: plain text on 127.0.0.1, a random port, no TLS, no authentication.
// Messages are kept whole (raw) and, simply parsed, as subject and text body.
import { SMTPServer } from 'smtp-server';
import type { Config } from '../../src/config/config.ts';
import type { Clock } from '../../src/context.ts';
import { testEnv, type TestEnv } from './context.ts';

export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The message as received, headers and body. */
  raw: string;
  /** The Subject header, with RFC 2047 encoded words decoded. */
  subject: string;
  /** The body, with its Content-Transfer-Encoding (quoted-printable or base64) undone. */
  text: string;
}

export interface SmtpTestServer {
  /** For nodemailer.createTransport: `smtp://127.0.0.1:<port>?ignoreTLS=true`. */
  url: string;
  messages: ReceivedMail[];
  /** The first message (already received or still to come) that matches. */
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<SmtpTestServer> {
  const messages: ReceivedMail[] = [];
  const waiters = new Set<{ predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          ...parseMessage(raw),
        };
        messages.push(mail);
        for (const waiter of waiters) {
          if (waiter.predicate(mail)) {
            waiters.delete(waiter);
            waiter.resolve(mail);
          }
        }
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP test server has no TCP port');

  return {
    // smtp: is plain SMTP; ignoreTLS stops nodemailer from attempting STARTTLS even if offered.
    url: `smtp://127.0.0.1:${address.port}?ignoreTLS=true`,
    messages,
    waitFor(predicate, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: ReceivedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Headers and body split at the first blank line; enough for the single-part mail Amparo sends. */
export function parseMessage(raw: string): { subject: string; text: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  const head = split === -1 ? normalized : normalized.slice(0, split);
  const body = split === -1 ? '' : normalized.slice(split + 2);
  // Unfold continuation lines, then index headers by lower-case name.
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const charset = /charset="?([^";\s]+)"?/i.exec(headers.get('content-type') ?? '')?.[1] ?? 'utf-8';
  let text: string;
  if (encoding === 'base64') text = decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  else if (encoding === 'quoted-printable') text = decodeBytes(decodeQuotedPrintable(body), charset);
  else text = body;
  return { subject: decodeEncodedWords(headers.get('subject') ?? ''), text: text.replace(/\n$/, '') };
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** Soft line breaks (`=` at a line end) are removed and `=XX` become bytes (RFC 2045 6.7). */
function decodeQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=[ \t]*\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** `=?utf-8?Q?...?=` and `=?utf-8?B?...?=` (RFC 2047); whitespace between encoded words is dropped. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64') : decodeQuotedPrintable(data.replace(/_/g, ' '));
      return decodeBytes(bytes, charset);
    });
}

/** A test environment whose mail goes to its own real SMTP listener; `close` ends both. */
export async function testEnvWithMail(
  options: { clock?: Clock; seed?: boolean; config?: Partial<Config> } = {},
): Promise<{ env: TestEnv; smtp: SmtpTestServer; close(): Promise<void> }> {
  const smtp = await startSmtpServer();
  const env = await testEnv({ ...options, config: { ...options.config, smtpUrl: smtp.url } });
  return {
    env,
    smtp,
    async close() {
      await env.close();
      await smtp.close();
    },
  };
}
