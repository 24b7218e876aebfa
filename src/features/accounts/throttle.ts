// Failed sign-ins slow down per key, never by IP address (behind Tor every visitor is 127.0.0.1, and we
// keep no IPs). Keys: an email lookup (the password step, whether or not the account exists), `code:`
// and a user id (the second step, which a right password does not reset), and `device:` plus a trusted
// device's hash (the owner's own browser, decision 0009).
//
// An attempt is reserved before the password is checked: one UPDATE counts it and sets the lock, guarded
// by the lock time, so parallel requests cannot all slip past the same count.
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { dialectOf } from '../../db/dialect.ts';
import { readDate, writeDate } from '../../db/values.ts';
import { RateLimitedError } from '../../platform/errors.ts';
import { hit } from '../../platform/rate-limit.ts';

/** Failures allowed before any wait; then the wait doubles with each failure, up to 15 minutes. */
export const FREE_FAILURES = 5;
const MAX_WAIT_MS = 15 * 60 * 1000;
/** From this many failures on, the wait is the maximum. */
const CAPPED_AT = FREE_FAILURES + Math.ceil(Math.log2(MAX_WAIT_MS / 1000));

export function waitAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
}

export type Reservation = { ok: true; failures: number } | { ok: false; retryAfterSeconds: number };

function timestamp(db: Db, at: Date) {
  return dialectOf(db) === 'postgres' ? sql`cast(${writeDate(at)} as timestamptz)` : sql`${writeDate(at)}`;
}

/**
 * Counts one attempt for the key and returns the count, or the seconds to wait when the key is locked.
 * The count stays unless the attempt succeeds (`clearAttempts`).
 */
export async function reserveAttempt(db: Db, key: string, now: Date): Promise<Reservation> {
  await db
    .insertInto('login_failures')
    .values({ email_lookup: key, failures: 0, last_failed_at: writeDate(now), locked_until: null })
    .onConflict((oc) => oc.column('email_lookup').doNothing())
    .execute();
  const cases = [];
  for (let n = FREE_FAILURES; n < CAPPED_AT; n++) cases.push(sql`when failures + 1 = ${n} then ${timestamp(db, new Date(now.getTime() + waitAfter(n)))}`);
  const lockedUntil = sql<string | null>`case when failures + 1 >= ${CAPPED_AT} then ${timestamp(db, new Date(now.getTime() + MAX_WAIT_MS))} ${sql.join(cases, sql` `)} else null end`;
  const row = await db
    .updateTable('login_failures')
    .set({ failures: sql<number>`failures + 1`, last_failed_at: writeDate(now), locked_until: lockedUntil })
    .where('email_lookup', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', writeDate(now))]))
    .returning('failures')
    .executeTakeFirst();
  if (row) return { ok: true, failures: Number(row.failures) };
  const held = await db.selectFrom('login_failures').select('locked_until').where('email_lookup', '=', key).executeTakeFirst();
  const until = held?.locked_until ? readDate(held.locked_until).getTime() : now.getTime() + 1000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email_lookup', '=', key).execute();
}

export const codeKey = (userId: string) => `code:${userId}`;
export const deviceKey = (tokenHash: string) => `device:${tokenHash}`;

/**
 * The server-wide limit on sign-in attempts. Attempts for addresses without a usable account are shed
 * first (their own bucket); an account's attempts count in another, so a spray of made-up addresses
 * does not lock out the people who have accounts. Returns seconds to wait, or 0.
 */
export async function globalWait(ctx: AppContext, known: boolean): Promise<number> {
  try {
    await hit(ctx.db, known ? 'sign-in:known' : 'sign-in:unknown', ctx.config.loginsPerMinute, 60_000, ctx.clock.now());
    return 0;
  } catch (error) {
    if (error instanceof RateLimitedError) return error.retryAfterSeconds;
    throw error;
  }
}
