// The legislation tracker's curator edits (features/legislation): a whole entry as a JSON document, which
// takes the place of the shipped data/legislation file of the same id. Public data, so plain columns.
// The number may change at merge.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legislation_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legislation_entries').execute();
}
