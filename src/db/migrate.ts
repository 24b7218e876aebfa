import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import { purgeErased, type Db } from './client.ts';
import { migrations } from './migrations/index.ts';

/** A migration that moves sealed data exports `upWithKey`: it gets the server key to open and seal. */
type KeyedMigration = Migration & { upWithKey(db: Kysely<any>, serverKey: Buffer): Promise<void> };

function withKey(all: Record<string, Migration>, serverKey: Buffer | undefined): Record<string, Migration> {
  if (!serverKey) return all;
  const keyed = (m: Migration): Migration =>
    'upWithKey' in m ? { up: (db) => (m as KeyedMigration).upWithKey(db, serverKey), down: m.down } : m;
  return Object.fromEntries(Object.entries(all).map(([name, m]) => [name, keyed(m)]));
}

/**
 * With a PostgreSQL schema set, the migration tables are looked for in that schema: Kysely otherwise
 * finds them in any schema of the database and may skip creating them in ours (seen when two test
 * databases were created at once in one process).
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string, serverKey?: Buffer): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => withKey(migrations, serverKey) },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  // A migration may have dropped plain data (0006 drops the old assessment tables): not left in the WAL.
  if (results?.length) await purgeErased(db as Db);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
