import { buildConfig, type Config } from '../config/config.ts';
import { ConfigError, readEnv, terminalLocale } from '../config/env.ts';
import { createContext, type AppContext } from '../context.ts';
import { emptyKeys } from '../platform/keyring.ts';
import { AppError, ValidationError, type Result } from '../platform/errors.ts';
import { translator } from '../platform/i18n/index.ts';
import { createLogger, type Logger } from '../platform/logger.ts';

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return buildConfig(readEnv(), overrides);
}

/**
 * Log lines for a person at a terminal: warnings and worse, as "amparo: message (field: value)" on
 * standard error, never JSON mixed into a command's output. Only `serve` writes JSON logs.
 */
export function terminalLogger(): Logger {
  return createLogger('warn', {
    write(line: string) {
      const { msg, level: _level, time: _time, ...fields } = JSON.parse(line) as Record<string, unknown>;
      const details = Object.entries(fields).map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      process.stderr.write(`amparo: ${String(msg)}${details.length > 0 ? ` (${details.join(', ')})` : ''}\n`);
    },
  });
}

/** Runs a command with a context (warnings only, for people), closes the database, and turns errors into one line. */
export async function withContext(
  run: (ctx: AppContext) => Promise<void>,
  overrides: Partial<Config> = {},
): Promise<void> {
  const config = loadConfig({ logLevel: 'warn', ...overrides });
  const ctx = await createContext(config, { logger: terminalLogger() });
  try {
    // A key the command admits (a new organisation's) lives only until the command ends.
    await ctx.keyring.hold(emptyKeys(), () => run(ctx));
  } finally {
    ctx.mailer.close();
    await ctx.db.destroy();
  }
}

export function reportAndExit(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`amparo: ${error.message}\n`);
    process.exit(2);
  }
  const t = translator(terminalLocale(readEnv()));
  if (error instanceof ValidationError) {
    const lines = Object.entries(error.problems).map(([field, p]) => `  ${field}: ${t(p.key, p.values)}`);
    process.stderr.write(`amparo: ${t(error.messageKey)}\n${lines.join('\n')}\n`);
    process.exit(1);
  }
  if (error instanceof AppError) {
    // The headline in the terminal's language; the detail names the thing (an id, an address) as the code said it.
    process.stderr.write(`amparo: ${t(error.messageKey)} (${error.message})\n`);
    process.exit(1);
  }
  throw error;
}

export const csv = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** A service's value, or its problems reported like any invalid input (translated, exit code 1). */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new ValidationError(result.problems);
  return result.value;
}

/**
 * Progress on standard error: a bar redrawn in place at a terminal, a line per tenth otherwise (a log
 * file gets ten lines, not thousands). Call it with the percent done and the text to show.
 */
export function progressReporter(): (percent: number, text: string, done: boolean) => void {
  const tty = process.stderr.isTTY === true;
  let shownTenth = -1;
  return (percent, text, done) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((Math.min(100, percent) / 100) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}${done ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(percent / 10);
    if (tenth > shownTenth || done) {
      shownTenth = tenth;
      process.stderr.write(`${text}\n`);
    }
  };
}
