// The public side of the monitor: published events only (monitor_public), for anyone.
import type { AppContext } from '../../../context.ts';
import { requireAccess, type Actor } from '../../../platform/access.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type { PublicEvent } from '../model.ts';
import * as q from '../queries.ts';

export async function publicEvent(ctx: AppContext, actor: Actor, id: string): Promise<PublicEvent> {
  requireAccess(actor, 'monitor:public');
  const e = await q.findPublic(ctx.db, id);
  if (!e) throw new NotFoundError('no such event');
  return e;
}

export async function publicCountryEvents(
  ctx: AppContext,
  actor: Actor,
  where: { country?: string; type?: string; from?: string; to?: string },
  limit = 500,
): Promise<PublicEvent[]> {
  requireAccess(actor, 'monitor:public');
  return q.publicEvents(ctx.db, where, limit);
}

export async function publicCounts(ctx: AppContext, actor: Actor): Promise<Map<string, number>> {
  requireAccess(actor, 'monitor:public');
  return q.publicCounts(ctx.db);
}
