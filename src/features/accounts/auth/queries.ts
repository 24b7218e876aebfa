// Rows of one-time links sent by email: password resets and open sign-up verifications. Only hashes of
// their tokens are stored; addresses are sealed.
import type { Db } from '../../../db/client.ts';
import { readDate, readOptionalDate, writeDate } from '../../../db/values.ts';

export async function insertPasswordReset(db: Db, tokenHash: string, userId: string, now: Date, expiresAt: Date) {
  await db
    .insertInto('password_resets')
    .values({
      token_hash: tokenHash,
      user_id: userId,
      created_at: writeDate(now),
      expires_at: writeDate(expiresAt),
      used_at: null,
    })
    .execute();
}

/** Every outstanding reset link of the account stops working (after a reset or a password change). */
export async function voidPasswordResets(db: Db, userId: string, at: Date) {
  await db
    .updateTable('password_resets')
    .set({ used_at: writeDate(at) })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function findPasswordReset(db: Db, tokenHash: string) {
  const row = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return (
    row && {
      tokenHash: row.token_hash,
      userId: row.user_id,
      expiresAt: readDate(row.expires_at),
      used: row.used_at !== null,
    }
  );
}

/** Uses a reset link once. */
export async function claimPasswordReset(db: Db, tokenHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: writeDate(at) })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSignupVerification(
  db: Db,
  v: { id: string; tokenHash: string; emailLookup: string; sealedEmail: string; now: Date; expiresAt: Date },
) {
  await db
    .insertInto('signup_verifications')
    .values({
      id: v.id,
      token_hash: v.tokenHash,
      email_lookup: v.emailLookup,
      email: v.sealedEmail,
      expires_at: writeDate(v.expiresAt),
      used_at: null,
      created_at: writeDate(v.now),
    })
    .execute();
}

export async function findSignupVerification(db: Db, tokenHash: string) {
  const row = await db
    .selectFrom('signup_verifications')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      emailLookup: row.email_lookup,
      sealedEmail: row.email,
      expiresAt: readDate(row.expires_at),
      usedAt: readOptionalDate(row.used_at),
    }
  );
}

/** Uses a sign-up link once. */
export async function claimSignupVerification(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('signup_verifications')
    .set({ used_at: writeDate(at) })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
