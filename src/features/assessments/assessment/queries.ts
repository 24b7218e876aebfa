// Rows of assessments. Every query takes the organisation id. An assessment's answers (its sealed
// document) change only by compare-and-swap on its revision, a random token that every change replaces
// (a counter would tell how often it was saved), so two people saving at once never overwrite each
// other (the service retries the loser: platform/sealed-documents.ts).
import type { Db } from '../../../db/client.ts';
import type { AssessmentTable } from '../../../db/schema.ts';
import { readDate, readOptionalDate, writeDate } from '../../../db/values.ts';
import { newRevision } from '../../../platform/sealed-documents.ts';

export interface AssessmentRow {
  id: string;
  orgId: string;
  status: AssessmentTable['status'];
  basedOn: string | null;
  instrumentVersion: number;
  createdBy: string;
  createdAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  sealedScores: string | null;
  /** Sealed JSON of every answer, note and context answer (see service.ts). */
  sealedDoc: string | null;
  revision: string;
}

function toAssessment(r: AssessmentTable): AssessmentRow {
  return {
    id: r.id,
    orgId: r.org_id,
    status: r.status,
    basedOn: r.based_on,
    instrumentVersion: Number(r.instrument_version),
    createdBy: r.created_by,
    createdAt: readDate(r.created_at),
    closedBy: r.closed_by,
    closedAt: readOptionalDate(r.closed_at),
    sealedScores: r.scores,
    sealedDoc: r.doc,
    revision: r.revision,
  };
}

export async function listAssessments(db: Db, orgId: string): Promise<AssessmentRow[]> {
  return (
    await db
      .selectFrom('assessments')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute()
  ).map(toAssessment);
}

export async function findAssessment(db: Db, orgId: string, id: string): Promise<AssessmentRow | undefined> {
  const row = await db
    .selectFrom('assessments')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toAssessment(row);
}

export async function insertAssessment(
  db: Db,
  a: Pick<AssessmentRow, 'id' | 'orgId' | 'basedOn' | 'instrumentVersion' | 'createdBy' | 'createdAt'> & {
    sealedDoc: string;
  },
) {
  await db
    .insertInto('assessments')
    .values({
      id: a.id,
      org_id: a.orgId,
      status: 'open',
      based_on: a.basedOn,
      instrument_version: a.instrumentVersion,
      created_by: a.createdBy,
      created_at: writeDate(a.createdAt),
      closed_by: null,
      closed_at: null,
      scores: null,
      doc: a.sealedDoc,
      revision: newRevision(),
    })
    .execute();
}

/** Changes an open assessment if nobody changed it since `revision` was read (compare-and-swap); false otherwise. */
async function swapOpenAssessment(
  db: Db,
  orgId: string,
  id: string,
  revision: string,
  set: Partial<AssessmentTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('assessments')
    .set({ ...set, revision: newRevision() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces the answers of an open assessment if nobody changed them since `revision` was read. */
export function swapAssessmentDoc(
  db: Db,
  orgId: string,
  id: string,
  revision: string,
  sealedDoc: string,
): Promise<boolean> {
  return swapOpenAssessment(db, orgId, id, revision, { doc: sealedDoc });
}

/** Closes an open assessment whose answers are still those of `revision`; false otherwise. */
export function closeAssessmentRow(
  db: Db,
  orgId: string,
  id: string,
  revision: string,
  by: string,
  at: Date,
  sealedScores: string,
): Promise<boolean> {
  return swapOpenAssessment(db, orgId, id, revision, {
    status: 'closed',
    closed_by: by,
    closed_at: writeDate(at),
    scores: sealedScores,
  });
}
