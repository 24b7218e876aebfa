// The only module that reads process.env. Everything else receives a typed Config.
import { z } from 'zod';
import { isLocale, type Locale } from '../platform/i18n/locales.ts';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const envSchema = z.object({
  AMPARO_HOST: z.string().min(1).optional(),
  AMPARO_PORT: port.optional(),
  AMPARO_DATA_DIR: z.string().min(1).optional(),
  AMPARO_EXIT_URL: z.url({ protocol: /^https?$/ }).optional(),
  AMPARO_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  AMPARO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).optional(),
  AMPARO_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be 32 bytes in base64url')
    .optional(),
  AMPARO_SUGGESTIONS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AMPARO_CASES_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AMPARO_SERVER_CASES_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AMPARO_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .optional(),
  AMPARO_SEED_DIR: z.string().min(1).optional(),
  AMPARO_TRUST_PROXY_TLS: bool.optional(),
  AMPARO_OPEN_SIGNUP: bool.optional(),
  AMPARO_WEBHOOK_PRIVATE: bool.optional(),
  AMPARO_SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  AMPARO_MAIL_FROM: z.string().min(3).max(200).optional(),
  AMPARO_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  AMPARO_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  AMPARO_LOGINS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AMPARO_MAILS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).optional(),
  AMPARO_PURGE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
  AMPARO_JOB_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).optional(),
  AMPARO_MONITOR_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(4096).optional(),
  /** A member's password for CLI commands that act as them (monitor import), for scripts; never logged. */
  AMPARO_PASSWORD: z.string().min(1).optional(),
  /** The terminal's language, for the CLI's messages (the first of LC_ALL, LC_MESSAGES, LANG that is set). */
  LC_ALL: z.string().optional(),
  LC_MESSAGES: z.string().optional(),
  LANG: z.string().optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Set by npm for the scripts it runs (npm start, npx): the server then ends when npm does. */
  npm_lifecycle_event: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; an unknown AMPARO_* name or a bad value throws a one-line ConfigError. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const known = new Set(Object.keys(envSchema.shape));
  const unknown = Object.keys(source).filter((k) => k.startsWith('AMPARO_') && !known.has(k));
  if (unknown.length > 0) {
    throw new ConfigError(
      `Unknown setting ${unknown[0]}: check its spelling (known: ${[...known].filter((k) => k === k.toUpperCase()).join(', ')})`,
    );
  }
  const picked = Object.fromEntries(
    [...known].filter((k) => source[k] !== undefined && source[k] !== '').map((k) => [k, source[k]]),
  );
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Bad value for ${String(issue.path[0])}: ${issue.message}`);
  }
  if (parsed.data.AMPARO_OPEN_SIGNUP && !parsed.data.AMPARO_SMTP_URL) {
    throw new ConfigError('AMPARO_OPEN_SIGNUP=true needs AMPARO_SMTP_URL: sign-up links are sent by email');
  }
  return parsed.data;
}

/** The CLI's language from the terminal's locale (ru_RU.UTF-8 gives ru); English when it is not one of ours. */
export function terminalLocale(env: Env): Locale {
  const tag = (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').split(/[_.@-]/)[0]!.toLowerCase();
  return isLocale(tag) ? tag : 'en';
}
