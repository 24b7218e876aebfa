// Background jobs (docs/decisions/0015): one table that every server process claims work from, so a
// job runs once however many processes there are and survives a restart. 0007 is another change's.
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey()) // random
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_at', t.timestamp, (c) => c.notNull())
    // Sealed or plain JSON, as the caller decides; nothing identifying in plain.
    .addColumn('payload', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Set while a process runs the job; a lock left by a crashed process expires and the job is claimed again.
    .addColumn('locked_until', t.timestamp)
    .addColumn('last_error', 'text') // an error's name, never its message
    // A recurring job is enqueued under a key, once, not once per process that starts.
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_run_at').on('jobs').column('run_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
