// Signing in's own rows: one-time links sent by email (password resets, open sign-up verifications),
// throttle counters, trusted devices, and the used TOTP steps and recovery codes. Only hashes of tokens
// are stored; addresses are sealed.
import { sql } from 'kysely';
import type { Db } from '../../../db/client.ts';
import { dialectOf } from '../../../db/dialect.ts';
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

/** When a key's lock ends after its n-th failure: one of `steps`, or `cap` from its count on; else no lock. */
export interface LockSchedule {
  steps: { failures: number; until: Date }[];
  cap: { failures: number; until: Date };
}

function timestamp(db: Db, at: Date) {
  return dialectOf(db) === 'postgres' ? sql`cast(${writeDate(at)} as timestamptz)` : sql`${writeDate(at)}`;
}

/**
 * Counts one attempt for the key, unless it is locked, and sets its lock by the schedule: one UPDATE,
 * guarded by the lock time, so parallel requests cannot all slip past the same count. Returns the new
 * count, or undefined while the key is locked.
 */
export async function countAttempt(db: Db, key: string, now: Date, locks: LockSchedule): Promise<number | undefined> {
  await db
    .insertInto('login_failures')
    .values({ email_lookup: key, failures: 0, last_failed_at: writeDate(now), locked_until: null })
    .onConflict((oc) => oc.column('email_lookup').doNothing())
    .execute();
  const cases = locks.steps.map((step) => sql`when failures + 1 = ${step.failures} then ${timestamp(db, step.until)}`);
  const lockedUntil = sql<
    string | null
  >`case when failures + 1 >= ${locks.cap.failures} then ${timestamp(db, locks.cap.until)} ${sql.join(cases, sql` `)} else null end`;
  const row = await db
    .updateTable('login_failures')
    .set({ failures: sql<number>`failures + 1`, last_failed_at: writeDate(now), locked_until: lockedUntil })
    .where('email_lookup', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', writeDate(now))]))
    .returning('failures')
    .executeTakeFirst();
  return row ? Number(row.failures) : undefined;
}

export async function lockedUntil(db: Db, key: string): Promise<Date | undefined> {
  const held = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('email_lookup', '=', key)
    .executeTakeFirst();
  return held?.locked_until ? readDate(held.locked_until) : undefined;
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email_lookup', '=', key).execute();
}

export interface TrustedDevice {
  tokenHash: string;
  userId: string;
  emailLookup: string;
}

export async function findDevice(db: Db, tokenHash: string): Promise<TrustedDevice | undefined> {
  const row = await db.selectFrom('trusted_devices').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && { tokenHash: row.token_hash, userId: row.user_id, emailLookup: row.email_lookup };
}

export async function touchDevice(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db
    .updateTable('trusted_devices')
    .set({ last_used_at: writeDate(at) })
    .where('token_hash', '=', tokenHash)
    .execute();
}

export async function insertDevice(db: Db, device: TrustedDevice, at: Date): Promise<void> {
  await db
    .insertInto('trusted_devices')
    .values({
      token_hash: device.tokenHash,
      user_id: device.userId,
      email_lookup: device.emailLookup,
      created_at: writeDate(at),
      last_used_at: writeDate(at),
    })
    .execute();
}

export async function deleteDevice(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('trusted_devices').where('token_hash', '=', tokenHash).execute();
}

/** Records a TOTP step as used, once: a second sign-in with the same code loses the race. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Uses a recovery code once; false when it is unknown or already used. */
export async function claimRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: writeDate(at) })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
