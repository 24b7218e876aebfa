// The cases' SQL. Helplines are found by a keyed tag (an organisation's) or by their public id; cases by
// the hash of their code or their id; messages by their case.
import type { Db } from '../../db/client.ts';
import { newRevision } from '../../platform/sealed-documents.ts';

export interface HelplineRow {
  id: string;
  doc: string;
  revision: string;
  public_key: string;
  profile: string;
  alerts: string;
  desk: string;
  desk_revision: string;
}

/** The row without its desk (the largest column by far): for what does not read the queue. */
export type HelplineDocRow = Omit<HelplineRow, 'desk' | 'desk_revision'>;

const DOC_COLUMNS = ['id', 'doc', 'revision', 'public_key', 'profile', 'alerts'] as const;
const HELPLINE_COLUMNS = [...DOC_COLUMNS, 'desk', 'desk_revision'] as const;

export async function helplineOfOrg(db: Db, orgTag: string): Promise<HelplineRow | undefined> {
  return db.selectFrom('helplines').select(HELPLINE_COLUMNS).where('org_tag', '=', orgTag).executeTakeFirst();
}

export async function helplineDocOfOrg(db: Db, orgTag: string): Promise<HelplineDocRow | undefined> {
  return db.selectFrom('helplines').select(DOC_COLUMNS).where('org_tag', '=', orgTag).executeTakeFirst();
}

export async function helplineById(db: Db, id: string): Promise<HelplineRow | undefined> {
  return db.selectFrom('helplines').select(HELPLINE_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Helplines that are on (their profile is set): for "ask this helpline" and referrals. */
export async function openHelplines(db: Db): Promise<Pick<HelplineRow, 'id' | 'profile' | 'public_key'>[]> {
  return db
    .selectFrom('helplines')
    .select(['id', 'profile', 'public_key'])
    .where('profile', '!=', '')
    .orderBy('id')
    .execute();
}

export async function insertHelpline(
  db: Db,
  row: { id: string; orgTag: string; doc: string; publicKey: string; profile: string; alerts: string },
): Promise<void> {
  await db
    .insertInto('helplines')
    .values({
      id: row.id,
      org_tag: row.orgTag,
      doc: row.doc,
      revision: newRevision(),
      public_key: row.publicKey,
      profile: row.profile,
      alerts: row.alerts,
      desk: '',
      desk_revision: newRevision(),
    })
    .execute();
}

/** Compare-and-swap of the helpline's document and public columns; false when someone changed it first. */
export async function swapHelpline(
  db: Db,
  change: { id: string; revision: string; doc: string; profile: string; alerts: string },
): Promise<boolean> {
  const result = await db
    .updateTable('helplines')
    .set({ doc: change.doc, profile: change.profile, alerts: change.alerts, revision: newRevision() })
    .where('id', '=', change.id)
    .where('revision', '=', change.revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Compare-and-swap of the alert list alone (a shift change); false when the helpline changed meanwhile. */
export async function swapAlerts(db: Db, id: string, revision: string, alerts: string): Promise<boolean> {
  const result = await db
    .updateTable('helplines')
    .set({ alerts, revision: newRevision() })
    .where('id', '=', id)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Compare-and-swap of the desk, to the revision `next` the sealed desk names; false when another
 * handler's change, or a case arriving or leaving, landed first.
 */
export async function swapDesk(db: Db, id: string, revision: string, desk: string, next: string): Promise<boolean> {
  const result = await db
    .updateTable('helplines')
    .set({ desk, desk_revision: next })
    .where('id', '=', id)
    .where('desk_revision', '=', revision)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface CaseRow {
  id: string;
  helpline_id: string;
  requester_key: string;
  requester_secret: string;
}

export interface MessageRow {
  id: string;
  case_id: string;
  helpline_box: string;
  requester_box: string;
}

/** A new desk_revision: the desk written under the old one no longer lists every case on disk. */
async function deskOutdated(db: Db, helplineId: string): Promise<void> {
  await db.updateTable('helplines').set({ desk_revision: newRevision() }).where('id', '=', helplineId).execute();
}

/** A case and its first message: pass the caller's transaction, which also queues the case's clocks. */
export async function insertCase(trx: Db, row: CaseRow & { code_hash: string }, message: MessageRow): Promise<void> {
  await trx.insertInto('cases').values(row).execute();
  await trx.insertInto('case_messages').values(message).execute();
  await deskOutdated(trx, row.helpline_id);
}

export async function caseByCode(db: Db, helplineId: string, codeHash: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .select(['id', 'helpline_id', 'requester_key', 'requester_secret'])
    .where('code_hash', '=', codeHash)
    .where('helpline_id', '=', helplineId)
    .executeTakeFirst();
}

export async function caseById(db: Db, id: string): Promise<CaseRow | undefined> {
  return db
    .selectFrom('cases')
    .select(['id', 'helpline_id', 'requester_key', 'requester_secret'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The ids of a helpline's cases still on disk. */
export async function caseIds(db: Db, helplineId: string): Promise<string[]> {
  const rows = await db.selectFrom('cases').select('id').where('helpline_id', '=', helplineId).execute();
  return rows.map((r) => r.id);
}

export async function messageRows(db: Db, caseIds: readonly string[]): Promise<MessageRow[]> {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('case_messages')
    .select(['id', 'case_id', 'helpline_box', 'requester_box'])
    .where('case_id', 'in', caseIds)
    .execute();
}

export async function insertMessage(db: Db, message: MessageRow): Promise<void> {
  await db.insertInto('case_messages').values(message).execute();
}

/** A case and its messages, gone for good. */
export async function deleteCase(db: Db, caseId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('cases').select('helpline_id').where('id', '=', caseId).executeTakeFirst();
    if (!found) return false;
    await deskOutdated(trx, found.helpline_id);
    await trx.deleteFrom('case_messages').where('case_id', '=', caseId).execute();
    await trx.deleteFrom('cases').where('id', '=', caseId).execute();
    return true;
  });
}
