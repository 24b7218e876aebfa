// Organisations following the legislation tracker (features/legislation/follows.ts): one row per
// organisation, found by a keyed tag of its id. The follow list (account ids, countries, kinds, the mail
// language) and the fingerprint of what was last announced are sealed under the server key, so the daily
// alerts job reads them with nobody signed in; neither names the organisation. The number may change at merge.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('legislation_follows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_tag', 'text', (c) => c.notNull().unique())
    .addColumn('follow', 'text', (c) => c.notNull())
    .addColumn('announced', 'text', (c) => c.notNull())
    /** Changes with every write: the alerts job and the form swap on it. */
    .addColumn('revision', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('legislation_follows').execute();
}
