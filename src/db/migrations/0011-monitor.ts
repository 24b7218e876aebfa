// The civic space monitor (docs/decisions/0021). An organisation's events, their earlier versions and
// their evidence files are sealed documents found by keyed tags, never by an organisation id; the search
// index holds keyed hashes of words, not words. Only what an organisation chose to publish is plain, in
// monitor_public, and it names no organisation. Anonymous reports are sealed boxes to a key only the
// organisation's members can open.
import type { Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';
import { createFulltextIndex, dropFulltextIndex } from '../fulltext.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const sealedRows = async (table: string, tagColumn: string) => {
    await db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn(tagColumn, 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('revision', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_${tagColumn}`).on(table).column(tagColumn).execute();
  };
  await sealedRows('monitor_events', 'org_tag');
  await sealedRows('monitor_versions', 'event_tag');
  await sealedRows('monitor_files', 'org_tag');
  await createFulltextIndex(db, 'monitor');

  // Published events: plain by the organisation's choice, reduced to the publishable fields.
  await db.schema
    .createTable('monitor_public')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('starts', 'text', (c) => c.notNull())
    .addColumn('types', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('published_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitor_public_country').on('monitor_public').columns(['country', 'starts']).execute();

  // Public intake: the key pair anonymous reports are sealed to (its private half sealed under the
  // organisation's key), the reports as sealed boxes, and the receipts' hashes.
  await sealedRows('monitor_intakes', 'org_tag');
  await db.schema
    .alterTable('monitor_intakes')
    .addColumn('public_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('monitor_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intake_id', 'text', (c) => c.notNull())
    .addColumn('box', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('monitor_reports_intake').on('monitor_reports').column('intake_id').execute();
  await db.schema
    .createTable('monitor_receipts')
    .addColumn('hash', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'monitor_receipts',
    'monitor_reports',
    'monitor_intakes',
    'monitor_public',
    'monitor_files',
    'monitor_versions',
    'monitor_events',
  ])
    await db.schema.dropTable(table).execute();
  await dropFulltextIndex(db, 'monitor');
}
