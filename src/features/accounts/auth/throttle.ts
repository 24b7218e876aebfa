// Failed sign-ins slow down per key, never by IP address (behind Tor every visitor is 127.0.0.1, and we
// keep no IPs). Keys: an email lookup (the password step, whether or not the account exists), `code:`
// and a user id (the second step, which a right password does not reset), and `device:` plus a trusted
// device's hash (the owner's own browser, decision 0009).
//
// An attempt is reserved before the password is checked: one UPDATE counts it and sets the lock, guarded
// by the lock time, so parallel requests cannot all slip past the same count.
import { sql } from 'kysely';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { dialectOf } from '../../../db/dialect.ts';
import { readDate, writeDate } from '../../../db/values.ts';
import { RateLimitedError } from '../../../platform/errors.ts';
import { hit, hitsSoFar } from '../../../platform/rate-limit.ts';

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
  for (let n = FREE_FAILURES; n < CAPPED_AT; n++)
    cases.push(sql`when failures + 1 = ${n} then ${timestamp(db, new Date(now.getTime() + waitAfter(n)))}`);
  const lockedUntil = sql<
    string | null
  >`case when failures + 1 >= ${CAPPED_AT} then ${timestamp(db, new Date(now.getTime() + MAX_WAIT_MS))} ${sql.join(cases, sql` `)} else null end`;
  const row = await db
    .updateTable('login_failures')
    .set({ failures: sql<number>`failures + 1`, last_failed_at: writeDate(now), locked_until: lockedUntil })
    .where('email_lookup', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', writeDate(now))]))
    .returning('failures')
    .executeTakeFirst();
  if (row) return { ok: true, failures: Number(row.failures) };
  const held = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('email_lookup', '=', key)
    .executeTakeFirst();
  const until = held?.locked_until ? readDate(held.locked_until).getTime() : now.getTime() + 1000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

export async function clearAttempts(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email_lookup', '=', key).execute();
}

export const codeKey = (userId: string) => `code:${userId}`;
export const deviceKey = (tokenHash: string) => `device:${tokenHash}`;

/**
 * The server-wide limit on sign-in attempts, in two buckets. Attempts for accounts fill `sign-in:known`;
 * once it is full, every attempt (for an account or not) waits, so the refusal says nothing about the
 * address. Attempts for addresses without a usable account fill `sign-in:unknown`; once that is full they
 * are shed: answered "wrong" without a password check. So a spray of made-up addresses never locks out
 * the people who have accounts.
 */
export async function globalLimit(ctx: AppContext, known: boolean): Promise<{ waitSeconds: number; shed: boolean }> {
  const now = ctx.clock.now();
  const limit = ctx.config.loginsPerMinute;
  try {
    if (known) {
      await hit(ctx.db, 'sign-in:known', limit, 60_000, now);
      return { waitSeconds: 0, shed: false };
    }
    const accounts = await hitsSoFar(ctx.db, 'sign-in:known', 60_000, now);
    if (accounts.hits > limit) return { waitSeconds: accounts.retryAfterSeconds, shed: false };
    await hit(ctx.db, 'sign-in:unknown', limit, 60_000, now);
    return { waitSeconds: 0, shed: false };
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    return known ? { waitSeconds: error.retryAfterSeconds, shed: false } : { waitSeconds: 0, shed: true };
  }
}
