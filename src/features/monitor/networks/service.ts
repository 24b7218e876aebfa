// Networks of organisations on one server (issue 13 §2). A network has a random secret; each member
// organisation holds it sealed under its own key (a grant found by a keyed tag), and a one-time join
// code carries it to a new member. Events an organisation shares are copied into the network, reduced
// as for the public (publish.ts) and sealed under the network's key, so the network sees the combined
// picture and no disk shows which organisations work together. docs/decisions/0021.
import type { AppContext } from '../../../context.ts';
import { isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { newOrgSecret } from '../../../platform/keyring.ts';
import {
  newRecoveryKey,
  normaliseRecoveryKey,
  openUnderSecret,
  sealUnderSecret,
} from '../../../platform/member-keys.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { hashToken } from '../../../platform/tokens.ts';
import type { MonitorEvent, PublicEvent } from '../model.ts';
import { publicView } from '../publish.ts';
import * as q from './queries.ts';

export interface Network {
  id: string;
  name: string;
}

/** An event as a network sees it: the public shape, and which member organisation shared it. */
export interface SharedEvent extends PublicEvent {
  from: string;
}

const JOIN = 'monitor-network-join';
const grantTag = (ctx: AppContext, orgId: string, networkId: string) =>
  ctx.keyring.tag(orgId, `network-grant:${networkId}`);
const grantAt = (orgId: string, tag: string) => sealAt.org(orgId, 'monitor_network_grants', 'doc', tag);
const networkAt = (networkId: string) => sealAt.org(networkId, 'monitor_networks', 'doc', networkId);
const sharedAt = (networkId: string, id: string) => sealAt.org(networkId, 'monitor_shared', 'doc', id);

/** Opens a network for this request: its key joins the organisation keys the request holds. */
async function admitNetwork(ctx: AppContext, networkId: string, secret: Buffer): Promise<Network> {
  const row = await q.findNetwork(ctx.db, networkId);
  if (!row) throw new NotFoundError('no such network');
  ctx.keyring.admit(networkId, secret, row.salt);
  const doc = JSON.parse(await ctx.sealer.open(networkAt(networkId), row.doc)) as { name: string };
  return { id: networkId, name: doc.name };
}

async function grant(ctx: AppContext, orgId: string, networkId: string, secret: Buffer): Promise<void> {
  const tag = grantTag(ctx, orgId, networkId);
  const doc = await ctx.sealer.seal(
    grantAt(orgId, tag),
    JSON.stringify({ networkId, secret: secret.toString('base64url') }),
  );
  await q.putGrant(ctx.db, { tag, orgTag: ctx.keyring.tag(orgId, 'networks'), doc });
}

/** The networks the organisation belongs to, each opened for this request. */
async function openNetworks(ctx: AppContext, orgId: string): Promise<Network[]> {
  const rows = await q.grantsOf(ctx.db, ctx.keyring.tag(orgId, 'networks'));
  const out: Network[] = [];
  for (const row of rows) {
    const g = JSON.parse(await ctx.sealer.open(grantAt(orgId, row.tag), row.doc)) as {
      networkId: string;
      secret: string;
    };
    out.push(await admitNetwork(ctx, g.networkId, Buffer.from(g.secret, 'base64url')));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export async function createNetwork(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  name: string,
): Promise<Result<Network>> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such organisation');
  const clean = name.trim();
  if (clean.length < 2 || clean.length > 120) return fail(problem('name', 'validation.required'));
  const id = newId(16);
  const { secret, salt } = newOrgSecret();
  ctx.keyring.admit(id, secret, salt);
  await q.insertNetwork(ctx.db, {
    id,
    salt,
    doc: await ctx.sealer.seal(networkAt(id), JSON.stringify({ name: clean })),
  });
  await grant(ctx, orgId, id, secret);
  return ok({ id, name: clean });
}

export async function orgNetworks(ctx: AppContext, actor: Actor, orgId: string): Promise<Network[]> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) return [];
  return openNetworks(ctx, orgId);
}

/** A one-time code that lets another organisation on this server join: shown once, stored only hashed. */
export async function inviteToNetwork(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  networkId: string,
): Promise<string> {
  requireAccess(actor, 'org:manage', { orgId });
  const network = (await openNetworks(ctx, orgId)).find((n) => n.id === networkId);
  if (!network) throw new NotFoundError('no such network');
  const code = newRecoveryKey();
  const secret = ctx.keyring.held()!.orgs.get(networkId)!.secret;
  await q.putInvite(
    ctx.db,
    hashToken(normaliseRecoveryKey(code)!),
    sealUnderSecret(normaliseRecoveryKey(code)!, JOIN, JOIN, { networkId, secret: secret.toString('base64url') }),
  );
  return code;
}

export async function joinNetwork(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  typed: string,
): Promise<Result<Network>> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such organisation');
  const code = normaliseRecoveryKey(typed);
  const sealed = code && (await q.takeInvite(ctx.db, hashToken(code)));
  if (!code || !sealed) return fail(problem('code', 'monitor.network.error.code'));
  const g = openUnderSecret<{ networkId: string; secret: string }>(code, JOIN, JOIN, sealed);
  const secret = Buffer.from(g.secret, 'base64url');
  const network = await admitNetwork(ctx, g.networkId, secret);
  await grant(ctx, orgId, g.networkId, secret);
  return ok(network);
}

/** The combined picture: every event the network's members shared with it. */
export async function networkEvents(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  networkId: string,
): Promise<{ network: Network; events: SharedEvent[] }> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such network');
  const network = (await openNetworks(ctx, orgId)).find((n) => n.id === networkId);
  if (!network) throw new NotFoundError('no such network');
  const rows = await q.sharedRows(ctx.db, ctx.keyring.tag(networkId, 'shared'));
  const events = await Promise.all(
    rows.map(async (r) => JSON.parse(await ctx.sealer.open(sharedAt(networkId, r.id), r.doc)) as SharedEvent),
  );
  return { network, events: events.sort((a, b) => (a.start.date < b.start.date ? 1 : -1)) };
}

/** The networks an event is shared with when its organisation shares it: all of the organisation's (ids). */
export async function networkIdsOf(ctx: AppContext, orgId: string): Promise<string[]> {
  return (await openNetworks(ctx, orgId)).map((n) => n.id);
}

/**
 * Brings the network copies of an event in line with it: written (again) for each network in its
 * `shared` map while it is shared, removed from those it left. Runs after the event's change landed.
 */
export async function syncShared(
  ctx: AppContext,
  orgId: string,
  orgName: string,
  before: MonitorEvent | null,
  after: MonitorEvent,
) {
  const now = after.publication.shared ?? {};
  const was = before?.publication.shared ?? {};
  if (Object.keys(now).length === 0 && Object.keys(was).length === 0) return;
  const open = new Set((await openNetworks(ctx, orgId)).map((n) => n.id));
  for (const [networkId, id] of Object.entries(was)) if (now[networkId] !== id) await q.deleteShared(ctx.db, id);
  for (const [networkId, id] of Object.entries(now)) {
    if (!open.has(networkId)) continue;
    const copy: SharedEvent = { ...publicView(after, id, after.publication.at ?? after.updated.at), from: orgName };
    await q.putShared(ctx.db, {
      id,
      networkTag: ctx.keyring.tag(networkId, 'shared'),
      doc: await ctx.sealer.seal(sharedAt(networkId, id), JSON.stringify(copy)),
    });
  }
}

export const deleteSharedCopy = (ctx: AppContext, id: string) => q.deleteShared(ctx.db, id);
