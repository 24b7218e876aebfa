// Remote activation and check-ins (docs/decisions/0017). Two tables of sealed documents, named by keyed
// tags, never by an organisation or account id: a copied disk shows that such documents exist, not whose.
// 0009 is another change's.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An organisation's trusted members and threshold, and the reports of a detained member: one row each,
  // its id a tag under the organisation's key, its document sealed (and padded) under it.
  await db.schema
    .createTable('remote_trigger')
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .execute();
  // A member's check-in: its id a tag under a key derived from the server key, its document sealed under
  // the platform scope, because it must fire with nobody signed in (the member's explicit choice).
  await db.schema
    .createTable('check_ins')
    .addColumn('tag', 'text', (c) => c.primaryKey())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('check_ins').execute();
  await db.schema.dropTable('remote_trigger').execute();
}
