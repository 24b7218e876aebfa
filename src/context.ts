// Wires the application's dependencies once. Tests pass overrides (a clock, a logger, a config).
import type { Config } from './config/config.ts';
import { loadServerKey } from './config/secrets.ts';
import { createDb, type Db } from './db/client.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { createSealer, type Sealer } from './platform/sealer.ts';

export interface Clock {
  now(): Date;
}

export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  sealer: Sealer;
  serverKey: Buffer;
}

export const systemClock: Clock = { now: () => new Date() };

export async function createContext(
  config: Config,
  overrides: Partial<Omit<AppContext, 'config'>> = {},
): Promise<AppContext> {
  const serverKey = overrides.serverKey ?? loadServerKey(config);
  const db = overrides.db ?? createDb(config);
  await migrateToLatest(db);
  return {
    config,
    db,
    serverKey,
    logger: overrides.logger ?? createLogger(config.logLevel),
    clock: overrides.clock ?? systemClock,
    sealer: overrides.sealer ?? createSealer(serverKey),
  };
}
