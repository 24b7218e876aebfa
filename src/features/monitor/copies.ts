// The copies of an event outside its organisation: the public one (monitor_public, plain, by choice)
// and one per network it is shared with (sealed under each network's key). Both are rebuilt from the
// event after every change that landed, so an edit reaches them and a withdrawal removes them.
import type { AppContext } from '../../context.ts';
import type { Actor } from '../../platform/access.ts';
import { newId } from '../../platform/ids.ts';
import { orgSummary } from '../accounts/orgs/service.ts';
import type { MonitorEvent, PublicField, PublicationState } from './model.ts';
import { deleteSharedCopy, networkIdsOf, syncShared } from './networks/service.ts';
import { publicView } from './publish.ts';
import * as q from './queries.ts';

/** The publication an event gets from a choice: ids kept while it stays public or shared, new ones after. */
export function nextPublication(
  e: MonitorEvent,
  choice: { state: PublicationState; fields: PublicField[] },
  networkIds: string[],
  at: string,
): MonitorEvent['publication'] {
  const stays = e.publication.state === 'public' && choice.state === 'public';
  const shares = choice.state !== 'private';
  const was = e.publication.shared ?? {};
  return {
    state: choice.state,
    fields: choice.fields,
    // A new public id each time it is published again: an unpublished copy's address stays dead.
    publicId: choice.state === 'public' ? (stays ? e.publication.publicId : newId(16)) : e.publication.publicId,
    at:
      choice.state === 'private' ? null : stays || e.publication.state === choice.state ? (e.publication.at ?? at) : at,
    shared: shares ? Object.fromEntries(networkIds.map((n) => [n, was[n] ?? newId(16)])) : {},
  };
}

/** The networks an event would be shared with now. */
export const sharingNetworks = (ctx: AppContext, orgId: string) => networkIdsOf(ctx, orgId);

export async function syncCopies(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  before: MonitorEvent,
  after: MonitorEvent,
) {
  const { publicId, state, at } = after.publication;
  if (publicId) {
    if (state === 'public') await q.putPublic(ctx.db, publicView(after, publicId, at ?? after.updated.at));
    else await q.deletePublic(ctx.db, publicId);
  }
  if (before.publication.publicId && before.publication.publicId !== publicId)
    await q.deletePublic(ctx.db, before.publication.publicId);
  if (Object.keys(after.publication.shared ?? {}).length + Object.keys(before.publication.shared ?? {}).length === 0)
    return;
  const { name } = await orgSummary(ctx, actor, orgId);
  await syncShared(ctx, orgId, name, before, after);
}

/** An event deleted: its public copy and its network copies go with it. */
export async function removeCopies(ctx: AppContext, e: MonitorEvent): Promise<void> {
  if (e.publication.publicId) await q.deletePublic(ctx.db, e.publication.publicId);
  for (const id of Object.values(e.publication.shared ?? {})) await deleteSharedCopy(ctx, id);
}
