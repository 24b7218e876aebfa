import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { dialectOf } from './dialect.ts';
import { CurrentSchemaPostgresDialect } from './pg-introspector.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** SQLite in dataDir by default; PostgreSQL when DATABASE_URL is set. */
export function createDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'dbSchema'>): Db {
  if (config.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: config.databaseUrl,
      max: 10,
      ...(config.dbSchema ? { options: `-c search_path=${config.dbSchema}` } : {}),
    });
    return new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  }
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  return new Kysely<Database>({
    dialect: new SqliteDialect({ database: openSqlite(path.join(config.dataDir, 'amparo.db')) }),
  });
}

export function openSqlite(file: string): SQLite.Database {
  const database = new SQLite(file);
  // WAL with synchronous=FULL: a committed write survives a crash or power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Deleted and overwritten content is zeroed in the file, not left in free space (decision 0010).
  database.pragma('secure_delete = ON');
  fs.chmodSync(file, 0o600);
  return database;
}

/**
 * After erasing something: on SQLite, copies the WAL into the (secure_delete) file and empties it, so
 * the old versions of the changed pages are gone from both. PostgreSQL keeps dead row versions until
 * VACUUM reclaims them, and plain VACUUM frees their space without zeroing it; the tables named in
 * `rewrite` (small ones that held keys) are therefore rewritten with VACUUM FULL, which takes a short
 * exclusive lock. Other tables are the operator's to VACUUM (docs/decisions/0010-nothing-plain-at-rest.md).
 */
export async function purgeErased(db: Db, rewrite: (keyof Database)[] = []): Promise<boolean> {
  if (dialectOf(db) !== 'sqlite') {
    for (const table of rewrite) await sql`vacuum full ${sql.table(table)}`.execute(db);
    return true;
  }
  // busy = 1 when another process was still reading old pages: the WAL then keeps them until the next checkpoint.
  const { rows } = await sql<{ busy: number }>`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}
