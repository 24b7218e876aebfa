// Protection (issue 11 section 2, docs/decisions/0016): the duress passphrase and the alerts a member
// prepares for their trusted contacts.
// - users.duress_hash: an argon2id hash like the password's. Every account carries one (of a random secret
//   until its member sets a passphrase), so a copied disk cannot tell who has set one. Accounts made before
//   this migration get theirs at their next sign-in: hashing every account here would make the upgrade slow.
// - users.duress: what the member chose to happen, sealed under a key derived from the duress passphrase,
//   padded to one size; a random record for those who chose nothing.
// - organisations.allow_duress_erase: an owner's setting (default off) that lets owners choose, as a duress
//   action, to erase the whole organisation.
// - protection_alerts: a member's prepared alert, sealed under the server key by the member's explicit choice
//   (it must go out with nobody signed in).
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable('users').addColumn('duress_hash', 'text').execute();
  await db.schema.alterTable('users').addColumn('duress', 'text').execute();
  await db.schema
    .alterTable('organisations')
    .addColumn('allow_duress_erase', t.boolean, (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('protection_alerts')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('doc', 'text', (c) => c.notNull()) // sealed under the server key
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('protection_alerts').execute();
  await db.schema.alterTable('organisations').dropColumn('allow_duress_erase').execute();
  await db.schema.alterTable('users').dropColumn('duress').execute();
  await db.schema.alterTable('users').dropColumn('duress_hash').execute();
}
