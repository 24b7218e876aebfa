// The public intake's SQL: intake rows found by a keyed tag (no organisation id), reports as sealed
// boxes under their intake's id, receipts as hashes of their codes.
import type { Db } from '../../../db/client.ts';
import { newRevision } from '../../../platform/sealed-documents.ts';

export interface IntakeRow {
  id: string;
  doc: string;
  revision: string;
  public_key: string;
  intro: string;
}

const COLUMNS = ['id', 'doc', 'revision', 'public_key', 'intro'] as const;

export async function intakeRows(db: Db, orgTag: string): Promise<IntakeRow[]> {
  return db.selectFrom('monitor_intakes').select(COLUMNS).where('org_tag', '=', orgTag).execute();
}

/** An intake by its public id, whoever's it is (the public form's view: only its key and intro). */
export async function publicIntakeRow(
  db: Db,
  id: string,
): Promise<{ id: string; public_key: string; intro: string } | undefined> {
  return db.selectFrom('monitor_intakes').select(['id', 'public_key', 'intro']).where('id', '=', id).executeTakeFirst();
}

export async function insertIntake(
  db: Db,
  row: { id: string; orgTag: string; doc: string; publicKey: string; intro: string },
): Promise<void> {
  await db
    .insertInto('monitor_intakes')
    .values({
      id: row.id,
      org_tag: row.orgTag,
      doc: row.doc,
      revision: newRevision(),
      public_key: row.publicKey,
      intro: row.intro,
    })
    .execute();
}

/** Replaces an intake's document and public columns if nobody changed it since it was read. */
export async function swapIntake(
  db: Db,
  orgTag: string,
  change: { id: string; revision: string; doc: string; publicKey: string; intro: string },
): Promise<boolean> {
  const result = await db
    .updateTable('monitor_intakes')
    .set({ doc: change.doc, revision: newRevision(), public_key: change.publicKey, intro: change.intro })
    .where('org_tag', '=', orgTag)
    .where('id', '=', change.id)
    .where('revision', '=', change.revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertReport(
  db: Db,
  report: { id: string; intakeId: string; box: string },
  receiptHash: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('monitor_reports')
      .values({ id: report.id, intake_id: report.intakeId, box: report.box })
      .execute();
    if (receiptHash)
      await trx.insertInto('monitor_receipts').values({ hash: receiptHash, report_id: report.id }).execute();
  });
}

export async function reportRows(
  db: Db,
  intakeIds: readonly string[],
): Promise<{ id: string; intake_id: string; box: string }[]> {
  if (intakeIds.length === 0) return [];
  return db
    .selectFrom('monitor_reports')
    .select(['id', 'intake_id', 'box'])
    .where('intake_id', 'in', intakeIds)
    .execute();
}

/** The report a receipt code's hash names, if it came through this intake. */
export async function reportOfReceipt(db: Db, intakeId: string, hash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('monitor_receipts')
    .innerJoin('monitor_reports', 'monitor_reports.id', 'monitor_receipts.report_id')
    .select('monitor_reports.id')
    .where('monitor_receipts.hash', '=', hash)
    .where('monitor_reports.intake_id', '=', intakeId)
    .executeTakeFirst();
  return row?.id;
}

/** An organisation's forms, their reports and receipts: all gone, in the caller's transaction. */
export async function deleteIntakes(db: Db, orgTag: string): Promise<void> {
  const intakes = db.selectFrom('monitor_intakes').select('id').where('org_tag', '=', orgTag);
  const reports = db.selectFrom('monitor_reports').select('id').where('intake_id', 'in', intakes);
  await db.deleteFrom('monitor_receipts').where('report_id', 'in', reports).execute();
  await db.deleteFrom('monitor_reports').where('intake_id', 'in', intakes).execute();
  await db.deleteFrom('monitor_intakes').where('org_tag', '=', orgTag).execute();
}
