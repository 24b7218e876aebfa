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

// Follows: one row per organisation (its keyed tag), the list and the fingerprint sealed by the caller.
export interface FollowRow {
  id: string;
  follow: string;
  announced: string;
  revision: string;
}

const follows = (db: Kysely<Database>) =>
  db.selectFrom('legislation_follows').select(['id', 'follow', 'announced', 'revision']);

export async function followOfOrg(db: Kysely<Database>, orgTag: string): Promise<FollowRow | undefined> {
  return follows(db).where('org_tag', '=', orgTag).executeTakeFirst();
}

export async function followById(db: Kysely<Database>, id: string): Promise<FollowRow | undefined> {
  return follows(db).where('id', '=', id).executeTakeFirst();
}

export async function allFollows(db: Kysely<Database>): Promise<FollowRow[]> {
  return follows(db).orderBy('id').execute();
}

export async function insertFollow(db: Kysely<Database>, row: FollowRow & { org_tag: string }): Promise<void> {
  await db.insertInto('legislation_follows').values(row).execute();
}

/** Writes the row if it is still at `revision`; false when someone else wrote it first. */
export async function swapFollow(
  db: Kysely<Database>,
  id: string,
  revision: string,
  next: Partial<Pick<FollowRow, 'follow' | 'announced'>> & { revision: string },
): Promise<boolean> {
  const r = await db
    .updateTable('legislation_follows')
    .set(next)
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteFollow(db: Kysely<Database>, orgTag: string): Promise<void> {
  await db.deleteFrom('legislation_follows').where('org_tag', '=', orgTag).execute();
}
