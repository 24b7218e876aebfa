// The deletes of the purge: each table's rows that are past their use, by the cut-offs the service sets.
import type { Db } from '../../../db/client.ts';
import { writeDate } from '../../../db/values.ts';

export interface PurgeCounts {
  sessions: number;
  passwordResets: number;
  signupLinks: number;
  invitations: number;
  throttleCounters: number;
  rateLimitWindows: number;
  devices: number;
}

/** Times before which (or at which) a row is old. */
export interface Cutoffs {
  now: Date;
  /** A fully signed-in session last seen then is idle. */
  fullIdle: Date;
  /** A session waiting for its second factor since then is idle. */
  secondFactorIdle: Date;
  /** A throttle counter whose last failure was then, and no longer locking, is forgotten. */
  throttleLastFailed: Date;
  /** Rate-limit windows starting before this (milliseconds since the epoch). */
  rateWindowStart: number;
  /** A trusted device last used then is forgotten. */
  deviceLastUsed: Date;
}

const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);

export async function deleteExpired(db: Db, cut: Cutoffs): Promise<PurgeCounts> {
  const at = writeDate(cut.now);
  const sessions = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', at),
        eb.and([eb('stage', '=', 'full'), eb('last_seen_at', '<=', writeDate(cut.fullIdle))]),
        eb.and([eb('stage', '=', 'second-factor'), eb('last_seen_at', '<=', writeDate(cut.secondFactorIdle))]),
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
    .where('last_failed_at', '<=', writeDate(cut.throttleLastFailed))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
    .executeTakeFirst();
  const rateLimitWindows = await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', cut.rateWindowStart)
    .executeTakeFirst();
  const devices = await db
    .deleteFrom('trusted_devices')
    .where('last_used_at', '<=', writeDate(cut.deviceLastUsed))
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
