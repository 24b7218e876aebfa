// Old rows are deleted on a schedule (the server, every AMPARO_PURGE_MINUTES) and by `amparo purge`:
// sessions past their end, used or expired reset and sign-up links, expired invitations (withdrawn ones
// are deleted at once), throttle counters nobody has touched for a day, old rate-limit windows, and
// devices not used for DEVICE_DAYS. Everything is measured against the context's clock.
import type { AppContext } from '../../../context.ts';
import { writeDate } from '../../../db/values.ts';
import { requireAccess, type Actor } from '../../../platform/access.ts';
import { DEVICE_DAYS } from '../auth/devices.ts';
import { SECOND_FACTOR_MS } from '../sessions.ts';

/** A throttle counter is kept this long after its last failure (and while it still locks). */
export const THROTTLE_KEEP_MS = 24 * 3600_000;
const DAY = 24 * 3600_000;

export interface PurgeCounts {
  sessions: number;
  passwordResets: number;
  signupLinks: number;
  invitations: number;
  throttleCounters: number;
  rateLimitWindows: number;
  devices: number;
}

const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

export async function purgeExpired(ctx: AppContext, actor: Actor): Promise<PurgeCounts> {
  requireAccess(actor, 'user:admin');
  const now = ctx.clock.now();
  const at = writeDate(now);
  const ago = (ms: number) => writeDate(new Date(now.getTime() - ms));
  const db = ctx.db;
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', at),
        eb.and([eb('stage', '=', 'full'), eb('last_seen_at', '<=', ago(ctx.config.sessionIdleMinutes * 60_000))]),
        eb.and([eb('stage', '=', 'second-factor'), eb('last_seen_at', '<=', ago(SECOND_FACTOR_MS))]),
      ]),
    )
    .executeTakeFirst();
  const passwordResets = await db
    .deleteFrom('password_resets')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', at)]))
    .executeTakeFirst();
  const signupLinks = await db
    .deleteFrom('signup_verifications')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', at)]))
    .executeTakeFirst();
  const invitations = await db.deleteFrom('invitations').where('expires_at', '<=', at).executeTakeFirst();
  const throttleCounters = await db
    .deleteFrom('login_failures')
    .where('last_failed_at', '<=', ago(THROTTLE_KEEP_MS))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .executeTakeFirst();
  const rateLimitWindows = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', now.getTime() - DAY)
    .executeTakeFirst();
  const devices = await db
    .deleteFrom('trusted_devices')
    .where('last_used_at', '<=', ago(DEVICE_DAYS * DAY))
    .executeTakeFirst();
  return {
    sessions: n(sessions),
    passwordResets: n(passwordResets),
    signupLinks: n(signupLinks),
    invitations: n(invitations),
    throttleCounters: n(throttleCounters),
    rateLimitWindows: n(rateLimitWindows),
    devices: n(devices),
  };
}

/** The server's schedule; returns the function that stops it. */
export function schedulePurge(ctx: AppContext): () => void {
  const system: Actor = { kind: 'operator', label: 'purge' };
  const timer = setInterval(() => {
    purgeExpired(ctx, system)
      .then((counts) => ctx.logger.info(counts, 'old rows purged'))
      .catch((error: Error) => ctx.logger.error({ err: { name: error.name, message: error.message } }, 'purge failed'));
  }, ctx.config.purgeMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
