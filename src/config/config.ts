import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Env } from './env.ts';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** PostgreSQL when set; the embedded SQLite file in dataDir otherwise. */
  databaseUrl: string | undefined;
  dbSchema: string | undefined;
  exitUrl: string;
  publicUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  secretKey: string | undefined;
  suggestionsPerHour: number;
  /** New helpline cases per hour at each helpline, and on the whole server: past them, people are asked to wait. */
  casesPerHour: number;
  serverCasesPerHour: number;
  /** Directory of curated YAML loaded on start. */
  seedDir: string;
  /** Set cookies with Secure even on plain HTTP (a TLS-terminating proxy sits in front). */
  trustProxyTls: boolean;
  /** Anyone may create an account and an organisation; off by default (operators create them). */
  openSignup: boolean;
  /** Alert webhooks may point at loopback and private addresses (an internal relay; tests). Off: public only. */
  webhookPrivate: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Sign-in attempts per minute across the whole server, whoever they are for. */
  loginsPerMinute: number;
  /** Reset and sign-up mails per hour across the whole server (each kind counted on its own). */
  mailsPerHour: number;
  /** Minutes between purges of expired sessions, links and counters. */
  purgeMinutes: number;
  /** Seconds between a server's looks for due background jobs. */
  jobPollSeconds: number;
  /** Largest evidence file (bytes) a member may upload to a monitor event; its request may be this plus 64 KiB. */
  monitorMaxUpload: number;
  /** Stop when the process that started this one ends: set when npm starts the server. */
  exitWithParent: boolean;
}

/**
 * The origin people reach this server at: AMPARO_PUBLIC_URL's origin, else http://AMPARO_HOST:AMPARO_PORT.
 * The one source for redirects, the CSRF check, HSTS, and links in emails or printed by the CLI; the
 * request's Host header is never trusted for it.
 */
export function publicOrigin(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const host = config.host.includes(':') && !config.host.startsWith('[') ? `[${config.host}]` : config.host;
  return new URL(`http://${host}:${config.port}`).origin;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The origins a browser may show for this server's own pages. Without AMPARO_PUBLIC_URL, a server on a
 * loopback address is reached as 127.0.0.1, localhost or [::1] alike (a person types either); only a
 * page served from this machine's loopback can carry such an Origin, so the aliases trust no one else.
 */
export function ownOrigins(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): string[] {
  const origin = publicOrigin(config);
  if (config.publicUrl || !LOOPBACK.has(config.host)) return [origin];
  return [
    ...new Set([
      origin,
      ...['127.0.0.1', 'localhost', '[::1]'].map((h) => new URL(`http://${h}:${config.port}`).origin),
    ]),
  ];
}

export function buildConfig(env: Env, overrides: Partial<Config> = {}): Config {
  return {
    host: env.AMPARO_HOST ?? '127.0.0.1',
    port: env.AMPARO_PORT ?? 8080,
    dataDir: path.resolve(env.AMPARO_DATA_DIR ?? '.amparo'),
    databaseUrl: env.DATABASE_URL,
    dbSchema: env.AMPARO_DB_SCHEMA,
    exitUrl: env.AMPARO_EXIT_URL ?? 'https://www.wikipedia.org/',
    publicUrl: env.AMPARO_PUBLIC_URL,
    logLevel: env.AMPARO_LOG_LEVEL ?? 'info',
    secretKey: env.AMPARO_SECRET_KEY,
    suggestionsPerHour: env.AMPARO_SUGGESTIONS_PER_HOUR ?? 60,
    casesPerHour: env.AMPARO_CASES_PER_HOUR ?? 120,
    serverCasesPerHour: env.AMPARO_SERVER_CASES_PER_HOUR ?? 600,
    seedDir: path.resolve(env.AMPARO_SEED_DIR ?? path.join(projectRoot, 'data')),
    trustProxyTls: env.AMPARO_TRUST_PROXY_TLS ?? false,
    openSignup: env.AMPARO_OPEN_SIGNUP ?? false,
    webhookPrivate: env.AMPARO_WEBHOOK_PRIVATE ?? false,
    smtpUrl: env.AMPARO_SMTP_URL ?? null,
    mailFrom: env.AMPARO_MAIL_FROM ?? 'Amparo <amparo@localhost>',
    sessionIdleMinutes: env.AMPARO_SESSION_IDLE_MINUTES ?? 60,
    sessionMaxHours: env.AMPARO_SESSION_MAX_HOURS ?? 12,
    loginsPerMinute: env.AMPARO_LOGINS_PER_MINUTE ?? 300,
    mailsPerHour: env.AMPARO_MAILS_PER_HOUR ?? 100,
    purgeMinutes: env.AMPARO_PURGE_MINUTES ?? 60,
    jobPollSeconds: env.AMPARO_JOB_POLL_SECONDS ?? 30,
    monitorMaxUpload: (env.AMPARO_MONITOR_MAX_UPLOAD_MB ?? 50) * 1024 * 1024,
    exitWithParent: env.npm_lifecycle_event !== undefined,
    ...overrides,
  };
}
