// The one place this slice sends a member's prepared alert (their contacts' emails, their webhook).
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';

export type AlertReason = 'detained' | 'missed-check-in';

/**
 * Queues the member's alert with the caller's transaction; false when they prepared none.
 * @TODO(h/duress): call `queueAlert(ctx, db, userId, reason)` from src/features/protection/alerts.ts
 * here once it is on main; until then no alert is sent (everything else happens).
 */
export async function sendAlert(_ctx: AppContext, _db: Db, _userId: string, _reason: AlertReason): Promise<boolean> {
  return false;
}
