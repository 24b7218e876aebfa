// Failed sign-ins slow down per account (by email lookup key, whether or not the account exists) and
// across the server, never by IP address: behind Tor every visitor is 127.0.0.1, and we keep no IPs.
import type { AppContext } from '../../context.ts';
import { readDate, writeDate } from '../../db/values.ts';
import { RateLimitedError } from '../../platform/errors.ts';
import { hit } from '../../platform/rate-limit.ts';

/** Failures allowed before any wait; then the wait doubles with each failure, up to 15 minutes. */
export const FREE_FAILURES = 5;
const MAX_WAIT_MS = 15 * 60 * 1000;

export function waitAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
}

/**
 * Seconds to wait before this account may try again (0: go ahead). Every attempt counts toward the
 * server-wide limit too; over it, the form answers with the wait like an account throttle, input kept.
 */
export async function throttleWait(ctx: AppContext, lookup: string): Promise<number> {
  const now = ctx.clock.now();
  try {
    await hit(ctx.db, 'sign-in', ctx.config.loginsPerMinute, 60_000, now);
  } catch (error) {
    if (error instanceof RateLimitedError) return error.retryAfterSeconds;
    throw error;
  }
  const row = await ctx.db.selectFrom('login_failures').selectAll().where('email_lookup', '=', lookup).executeTakeFirst();
  if (!row) return 0;
  const until = readDate(row.last_failed_at).getTime() + waitAfter(row.failures);
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export async function recordFailure(ctx: AppContext, lookup: string): Promise<void> {
  const now = writeDate(ctx.clock.now());
  await ctx.db
    .insertInto('login_failures')
    .values({ email_lookup: lookup, failures: 1, last_failed_at: now })
    .onConflict((oc) => oc.column('email_lookup').doUpdateSet((eb) => ({ failures: eb('login_failures.failures', '+', 1), last_failed_at: now })))
    .execute();
}

export async function clearFailures(ctx: AppContext, lookup: string): Promise<void> {
  await ctx.db.deleteFrom('login_failures').where('email_lookup', '=', lookup).execute();
}
