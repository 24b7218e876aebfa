// Helpline cases (issue 14, docs/decisions/0023). A helpline is an organisation's row found by a keyed
// tag: its sealed document (key pair, settings) under the organisation's key, and the columns a request
// with no organisation key needs: the public key cases are sealed to, the public profile and the alert
// list (both sealed under the server key, empty while the helpline is off), and the desk (the handlers'
// view of every case, sealed under the organisation's key). A case row holds no words: the hash of its
// code, the requester's public key and their private key sealed under their passphrase. Every message is
// two boxes, one the helpline's members can open and one the requester can.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('helplines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_tag', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('alerts', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('desk', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('desk_revision', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('helplines_org_tag').on('helplines').column('org_tag').execute();
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('helpline_id', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('requester_key', 'text', (c) => c.notNull())
    .addColumn('requester_secret', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_helpline').on('cases').column('helpline_id').execute();
  await db.schema
    .createTable('case_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('helpline_box', 'text', (c) => c.notNull())
    .addColumn('requester_box', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_messages_case').on('case_messages').column('case_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_messages', 'cases', 'helplines']) await db.schema.dropTable(table).execute();
}
