// Rows the protection slices share: a member's prepared alert, and the duress columns of their account.
import type { Db } from '../../db/client.ts';
import { writeDate } from '../../db/values.ts';

export async function findAlertDoc(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('protection_alerts').select('doc').where('user_id', '=', userId).executeTakeFirst();
  return row?.doc;
}

export async function putAlertDoc(db: Db, userId: string, doc: string, now: Date): Promise<void> {
  await db
    .insertInto('protection_alerts')
    .values({ user_id: userId, doc, updated_at: writeDate(now) })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ doc, updated_at: writeDate(now) }))
    .execute();
}

export async function deleteAlertDoc(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('protection_alerts').where('user_id', '=', userId).execute();
}

export async function setDuress(db: Db, userId: string, duress: { duressHash: string; sealedDuress: string }) {
  await db
    .updateTable('users')
    .set({ duress_hash: duress.duressHash, duress: duress.sealedDuress })
    .where('id', '=', userId)
    .execute();
}
