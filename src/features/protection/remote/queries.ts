// The SQL of the remote trigger and of check-ins: two tables of sealed documents, each row named by a
// keyed tag (never an organisation or account id), changed by compare-and-swap on a random revision.
import type { Db } from '../../../db/client.ts';
import { newRevision } from '../../../platform/sealed-documents.ts';

/** remote_trigger: an organisation's settings and reports; check_ins: one member's check-in. */
export type DocTable = 'remote_trigger' | 'check_ins';

export interface DocRow {
  tag: string;
  sealedDoc: string;
  revision: string;
}

export async function findDoc(db: Db, table: DocTable, tag: string): Promise<DocRow | undefined> {
  const r = await db.selectFrom(table).select(['tag', 'doc', 'revision']).where('tag', '=', tag).executeTakeFirst();
  return r && { tag: r.tag, sealedDoc: r.doc, revision: r.revision };
}

export async function findDocs(db: Db, table: DocTable, tags: string[]): Promise<DocRow[]> {
  if (tags.length === 0) return [];
  const rows = await db.selectFrom(table).select(['tag', 'doc', 'revision']).where('tag', 'in', tags).execute();
  return rows.map((r) => ({ tag: r.tag, sealedDoc: r.doc, revision: r.revision }));
}

/**
 * Writes a document: creates it when `revision` is null, else replaces the one read at that revision.
 * False when someone else wrote first (the caller reads again).
 */
export async function putDoc(
  db: Db,
  table: DocTable,
  tag: string,
  revision: string | null,
  sealedDoc: string,
): Promise<boolean> {
  if (revision === null) {
    const inserted = await db
      .insertInto(table)
      .values({ tag, doc: sealedDoc, revision: newRevision() })
      .onConflict((oc) => oc.column('tag').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const updated = await db
    .updateTable(table)
    .set({ doc: sealedDoc, revision: newRevision() })
    .where('tag', '=', tag)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Deletes the document read at `revision`; false when it changed (or went) since. */
export async function deleteDoc(db: Db, table: DocTable, tag: string, revision: string): Promise<boolean> {
  const deleted = await db.deleteFrom(table).where('tag', '=', tag).where('revision', '=', revision).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}
