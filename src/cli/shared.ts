import { buildConfig, type Config } from '../config/config.ts';
import { ConfigError, readEnv } from '../config/env.ts';
import { createContext, type AppContext } from '../context.ts';
import { AppError, ValidationError } from '../platform/errors.ts';

export function loadConfig(overrides: Partial<Config> = {}): Config {
  return buildConfig(readEnv(), overrides);
}

/** Runs a command with a context (quiet logs), closes the database, and turns errors into one line. */
export async function withContext(run: (ctx: AppContext) => Promise<void>, overrides: Partial<Config> = {}): Promise<void> {
  const config = loadConfig({ logLevel: 'warn', ...overrides });
  const ctx = await createContext(config);
  try {
    await run(ctx);
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
  if (error instanceof ValidationError) {
    process.stderr.write(`amparo: invalid input:\n${Object.entries(error.problems).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
    process.exit(1);
  }
  if (error instanceof AppError) {
    process.stderr.write(`amparo: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

export const csv = (value: string | undefined) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
