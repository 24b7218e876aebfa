// The database remembers which server key it was started with, as a check value (an HMAC of a fixed
// label under the key, never the key). A process that comes with another key (say a second server over
// the same PostgreSQL with its own data directory, which quietly made its own key file) is refused at
// start, before it writes data nobody else can read. The table is created here, not by a migration:
// a check on the key must not wait for a schema change to exist.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ConfigError } from '../config/env.ts';

interface SettingsTables {
  platform_settings: { name: string; value: string };
}

const CHECK_NAME = 'server_key_check';
const CHECK_LABEL = 'amparo server key check v1';

export function serverKeyCheck(key: Buffer): string {
  return createHmac('sha256', key).update(CHECK_LABEL).digest('base64url');
}

export async function verifyServerKey(database: Kysely<any>, key: Buffer): Promise<void> {
  const db = database as Kysely<SettingsTables>;
  try {
    await db.schema
      .createTable('platform_settings')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  } catch {
    // Two processes creating it at the same moment on PostgreSQL: one loses the race; the table exists.
  }
  const check = serverKeyCheck(key);
  await db
    .insertInto('platform_settings')
    .values({ name: CHECK_NAME, value: check })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const stored = await db
    .selectFrom('platform_settings')
    .select('value')
    .where('name', '=', CHECK_NAME)
    .executeTakeFirstOrThrow();
  if (stored.value.length !== check.length || !timingSafeEqual(Buffer.from(stored.value), Buffer.from(check))) {
    throw new ConfigError(
      'AMPARO_SECRET_KEY: this database was started with another server key; give every process the same AMPARO_SECRET_KEY (or the same server.key file) as the first one',
    );
  }
}
