// The SQL of org_documents, shared by the plan and scenarios slices through org-documents.ts. Every
// query takes the organisation's id.
import type { Db } from '../../db/client.ts';
import type { OrgDocumentTable } from '../../db/schema.ts';
import { newRevision } from '../../platform/sealed-documents.ts';

export type DocKind = OrgDocumentTable['kind'];

export interface OrgDocumentRow {
  id: string;
  orgId: string;
  kind: DocKind;
  sealedDoc: string;
  revision: string;
}

export async function findOrgDocument(db: Db, orgId: string, kind: DocKind): Promise<OrgDocumentRow | undefined> {
  const r = await db
    .selectFrom('org_documents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return r && { id: r.id, orgId: r.org_id, kind: r.kind, sealedDoc: r.doc, revision: r.revision };
}

/** Creates the organisation's document of this kind once; false when a colleague created it first. */
export async function insertOrgDocument(
  db: Db,
  row: { id: string; orgId: string; kind: DocKind; sealedDoc: string },
): Promise<boolean> {
  const result = await db
    .insertInto('org_documents')
    .values({ id: row.id, org_id: row.orgId, kind: row.kind, doc: row.sealedDoc, revision: newRevision() })
    .onConflict((oc) => oc.columns(['org_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function swapOrgDocument(
  db: Db,
  orgId: string,
  id: string,
  revision: string,
  sealedDoc: string,
): Promise<boolean> {
  const result = await db
    .updateTable('org_documents')
    .set({ doc: sealedDoc, revision: newRevision() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
