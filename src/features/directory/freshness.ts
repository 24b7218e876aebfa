// How fresh a record is: when a curator last checked it (`verifiedAt`) against the clock of the
// context, never the machine's date. Decision 0018.
import type { Mechanism } from './schema.ts';

/** A record unchecked for this many months is stale: ranked below checked ones and flagged. */
export const STALE_AFTER_MONTHS = 12;

/** The ISO date `months` calendar months before `now` (UTC); a check older than it is stale. */
export function staleBefore(now: Date, months = STALE_AFTER_MONTHS): string {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  // The same day of that month, or its last day when it is shorter (29 February -> 28 February).
  const lastDay = new Date(Date.UTC(cutoff.getUTCFullYear(), cutoff.getUTCMonth() + 1, 0)).getUTCDate();
  cutoff.setUTCDate(Math.min(now.getUTCDate(), lastDay));
  return cutoff.toISOString().slice(0, 10);
}

export function isStale(m: Pick<Mechanism, 'verifiedAt'>, now: Date, months = STALE_AFTER_MONTHS): boolean {
  return m.verifiedAt < staleBefore(now, months);
}
