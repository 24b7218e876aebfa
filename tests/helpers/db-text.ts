// Every row of every table of the test database, as one text, for tests that look for what must
// never be stored (canaries, plaintext that should be sealed).
import { sql } from 'kysely';
import { dialectOf } from '../../src/db/dialect.ts';
import type { TestEnv } from './context.ts';

export async function tableNames(env: TestEnv): Promise<string[]> {
  const db = env.ctx.db;
  if (dialectOf(db) === 'postgres') {
    const rows = await sql<{
      name: string;
    }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db);
    return rows.rows.map((r) => r.name);
  }
  const rows = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.rows.map((r) => r.name);
}

export async function databaseText(env: TestEnv): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await tableNames(env)) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(env.ctx.db);
    out[table] = JSON.stringify(rows.rows);
  }
  return out;
}
