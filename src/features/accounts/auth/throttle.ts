// Failed sign-ins slow down per key, never by IP address (behind Tor every visitor is 127.0.0.1, and we
// keep no IPs). Keys: an email lookup (the password step, whether or not the account exists), `code:`
// and a user id (the second step, which a right password does not reset), and `device:` plus a trusted
// device's hash (the owner's own browser, decision 0009).
//
// An attempt is reserved before the password is checked: it is counted and the key locked by one guarded
// UPDATE (countAttempt), so parallel requests cannot all slip past the same count.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { fail, ok, RateLimitedError, type Result } from '../../../platform/errors.ts';
import { hit, hitsSoFar } from '../../../platform/rate-limit.ts';
import { countAttempt, lockedUntil, type LockSchedule } from './queries.ts';

/** Failures allowed before any wait; then the wait doubles with each failure, up to 15 minutes. */
export const FREE_FAILURES = 5;
const MAX_WAIT_MS = 15 * 60 * 1000;
/** From this many failures on, the wait is the maximum. */
const CAPPED_AT = FREE_FAILURES + Math.ceil(Math.log2(MAX_WAIT_MS / 1000));

export function waitAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
}

function lockSchedule(now: Date): LockSchedule {
  const steps = [];
  for (let n = FREE_FAILURES; n < CAPPED_AT; n++)
    steps.push({ failures: n, until: new Date(now.getTime() + waitAfter(n)) });
  return { steps, cap: { failures: CAPPED_AT, until: new Date(now.getTime() + MAX_WAIT_MS) } };
}

/** The answer to an attempt that must wait. */
export function throttled(seconds: number) {
  return fail({ _form: { key: 'signin.throttled', values: { seconds } } }, seconds);
}

/**
 * Counts one attempt for the key and returns the count, or (failing) the seconds to wait when the key is
 * locked. The count stays unless the attempt succeeds (`clearAttempts`).
 */
export async function reserveAttempt(db: Db, key: string, now: Date): Promise<Result<{ failures: number }>> {
  const failures = await countAttempt(db, key, now, lockSchedule(now));
  if (failures !== undefined) return ok({ failures });
  const until = (await lockedUntil(db, key))?.getTime() ?? now.getTime() + 1000;
  return throttled(Math.max(1, Math.ceil((until - now.getTime()) / 1000)));
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
