// Account hardening (decision 0009): an atomic lock time for the sign-in throttle, a pending TOTP secret
// kept sealed until confirmed, trusted-device cookies, sign-up verification links, and dates on reset
// links so old ones can be voided and purged.
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // The throttle reserves an attempt in one UPDATE guarded by this column (null: never locked).
  await db.schema.alterTable('login_failures').addColumn('locked_until', t.timestamp).execute();
  // A new authenticator's secret, sealed to the user, until it is confirmed or replaced on purpose.
  await db.schema.alterTable('users').addColumn('totp_pending', 'text').execute();
  await db.schema.alterTable('password_resets').addColumn('created_at', t.timestamp).execute();
  await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute();
  // A browser that completed a sign-in: its cookie holds a random token, this table only its hash.
  await db.schema
    .createTable('trusted_devices')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email_lookup', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_used_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trusted_devices_user').on('trusted_devices').column('user_id').execute();
  // Open sign-up: the address is proved by a link before any account exists.
  await db.schema
    .createTable('signup_verifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email_lookup', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull()) // sealed
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signup_verifications').execute();
  await db.schema.dropTable('trusted_devices').execute();
  await db.schema.dropIndex('password_resets_user').execute();
  await db.schema.alterTable('password_resets').dropColumn('created_at').execute();
  await db.schema.alterTable('users').dropColumn('totp_pending').execute();
  await db.schema.alterTable('login_failures').dropColumn('locked_until').execute();
}
