// Old rows are deleted by a recurring job of the server (every AMPARO_PURGE_MINUTES) and by `amparo
// purge`: sessions past their end, used or expired reset and sign-up links, expired invitations
// (withdrawn ones are deleted at once), throttle counters nobody has touched for a day, old rate-limit
// windows, and devices not used for DEVICE_DAYS. Everything is measured against the context's clock.
import type { AppContext } from '../../../context.ts';
import { requireAccess, type Actor } from '../../../platform/access.ts';
import { SECOND_FACTOR_MS } from '../sessions.ts';
import { DEVICE_DAYS } from '../auth/service.ts';
import { deleteExpired, type PurgeCounts } from './queries.ts';

export type { PurgeCounts };

/** A throttle counter is kept this long after its last failure (and while it still locks). */
export const THROTTLE_KEEP_MS = 24 * 3600_000;
const DAY = 24 * 3600_000;

export async function purgeExpired(ctx: AppContext, actor: Actor): Promise<PurgeCounts> {
  requireAccess(actor, 'user:admin');
  const now = ctx.clock.now();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return deleteExpired(ctx.db, {
    now,
    fullIdle: ago(ctx.config.sessionIdleMinutes * 60_000),
    secondFactorIdle: ago(SECOND_FACTOR_MS),
    throttleLastFailed: ago(THROTTLE_KEEP_MS),
    rateWindowStart: now.getTime() - DAY,
    deviceLastUsed: ago(DEVICE_DAYS * DAY),
  });
}

export const PURGE_JOB = 'purge';
const system: Actor = { kind: 'operator', label: 'purge' };
const nextPurge = (ctx: AppContext) => new Date(ctx.clock.now().getTime() + ctx.config.purgeMinutes * 60_000);

/**
 * The server's schedule: one recurring job under one key, so several processes (and restarts) share
 * it; a job already there keeps its time.
 */
export async function schedulePurge(ctx: AppContext): Promise<void> {
  await ctx.jobs.enqueue({ kind: PURGE_JOB, uniqueKey: PURGE_JOB, runAt: nextPurge(ctx) });
}

/** The job's handler: purges, then names its next run. A failure is retried by the job runner. */
export async function runPurgeJob(ctx: AppContext): Promise<Date> {
  ctx.logger.info(await purgeExpired(ctx, system), 'old rows purged');
  return nextPurge(ctx);
}
