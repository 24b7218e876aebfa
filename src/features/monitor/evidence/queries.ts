// The SQL of evidence files: one sealed row each in monitor_files, found by the organisation's keyed tag.
import type { Db } from '../../../db/client.ts';
import { newRevision } from '../../../platform/sealed-documents.ts';
import type { SealedRow } from '../queries.ts';

export async function findFileRow(db: Db, orgTag: string, id: string): Promise<SealedRow | undefined> {
  return db
    .selectFrom('monitor_files')
    .select(['id', 'doc', 'revision'])
    .where('org_tag', '=', orgTag)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function fileRows(db: Db, orgTag: string, ids: readonly string[]): Promise<SealedRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('monitor_files')
    .select(['id', 'doc', 'revision'])
    .where('org_tag', '=', orgTag)
    .where('id', 'in', ids)
    .execute();
}

export async function insertFile(db: Db, orgTag: string, id: string, doc: string): Promise<void> {
  await db.insertInto('monitor_files').values({ id, org_tag: orgTag, doc, revision: newRevision() }).execute();
}

/** Replaces a file's document if nobody changed it since it was read; false when someone did. */
export async function swapFile(db: Db, orgTag: string, id: string, revision: string, doc: string): Promise<boolean> {
  const result = await db
    .updateTable('monitor_files')
    .set({ doc, revision: newRevision() })
    .where('org_tag', '=', orgTag)
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteFileRow(db: Db, orgTag: string, id: string): Promise<void> {
  await db.deleteFrom('monitor_files').where('org_tag', '=', orgTag).where('id', '=', id).execute();
}
