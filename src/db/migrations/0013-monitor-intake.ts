// Public intake (monitor): the text an organisation shows above its public form must be readable by a
// request that holds no organisation key, so it lives apart from the sealed document, sealed under the
// platform key, and only while the form is on (empty otherwise). The number may change at merge.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('monitor_intakes')
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('monitor_intakes').dropColumn('intro').execute();
}
