// A database brought up to an older migration, to test the next one on data of the old shape: SQLite in a
// temporary folder, or a fresh PostgreSQL schema when DATABASE_URL is set. Cleaned up after the file's tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { afterAll, expect } from 'vitest';
import { buildConfig, type Config } from '../../src/config/config.ts';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrations } from '../../src/db/migrations/index.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function pgQuery(databaseUrl: string, sqlText: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(sqlText);
  await client.end();
}

export async function databaseAt(
  migration: string,
  config: Partial<Config> = {},
): Promise<{ config: Config; db: Db; dbSchema?: string; usingPostgres: boolean }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amparo-old-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const databaseUrl = process.env.DATABASE_URL;
  const dbSchema = databaseUrl ? `t_${randomBytes(6).toString('hex')}` : undefined;
  if (databaseUrl && dbSchema) {
    await pgQuery(databaseUrl, `create schema ${dbSchema}`);
    cleanups.push(() => pgQuery(databaseUrl, `drop schema ${dbSchema} cascade`));
  }
  const built = buildConfig({}, { dataDir, databaseUrl, dbSchema, logLevel: 'warn', ...config });
  const db: Db = createDb(built);
  cleanups.push(() => db.destroy());
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(dbSchema ? { migrationTableSchema: dbSchema } : {}),
  });
  expect((await migrator.migrateTo(migration)).error).toBeUndefined();
  return { config: built, db, ...(dbSchema ? { dbSchema } : {}), usingPostgres: Boolean(databaseUrl) };
}
