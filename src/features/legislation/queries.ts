// The curators' edits of legislation entries: one JSON document per id, replacing the shipped file.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export async function editedEntries(db: Kysely<Database>): Promise<{ id: string; document: string }[]> {
  return db.selectFrom('legislation_entries').select(['id', 'document']).orderBy('id').execute();
}

export async function saveEntry(db: Kysely<Database>, id: string, document: string, now: Date): Promise<void> {
  const updated_at = now.toISOString();
  await db
    .insertInto('legislation_entries')
    .values({ id, document, updated_at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ document, updated_at }))
    .execute();
}
