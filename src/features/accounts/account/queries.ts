// The account page's own rows: the pending TOTP key while enrolling, and the recovery codes.
import type { Db } from '../../../db/client.ts';

/** Stores a pending TOTP secret; with `ifStill`, only when the slot still holds that value (null: empty). */
export async function setTotpPending(db: Db, userId: string, sealed: string, ifStill?: string | null): Promise<void> {
  let query = db.updateTable('users').set({ totp_pending: sealed }).where('id', '=', userId);
  if (ifStill !== undefined)
    query = ifStill === null ? query.where('totp_pending', 'is', null) : query.where('totp_pending', '=', ifStill);
  await query.execute();
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length > 0)
    await db
      .insertInto('recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
      .execute();
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
