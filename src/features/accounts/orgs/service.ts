// Organisations and their members: the dashboard, an organisation's page, roles, disabling a member,
// settings, the recovery key. Other features reach organisations through this file.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { actorId, requireAccess, roleAction, type Actor, type OrgRole } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, fail, ForbiddenError, NotFoundError, ok, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { newId } from '../../../platform/ids.ts';
import { newOrgSecret } from '../../../platform/keyring.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { destroyKeys, grantTo, revokeGrant } from '../keys.ts';
import { findUserById } from '../queries.ts';
import { revokeSessions } from '../sessions.ts';
import { userSealAt } from '../users.ts';
import { orgNameSchema, roleSchema, type OrgNameInput, type RoleInput } from './input.ts';
import { admitMember, allMembers, readMember, writeMember, type MemberDoc } from './members.ts';
import * as q from './queries.ts';
import { issueRecoveryKey } from './recovery.ts';

/** For signing in (an actor's memberships), invitations and sign-up (joining), assessments (assignees), erasing. */
export { findOrg } from './queries.ts';
export { admitMember, allMembers, membershipsOf } from './members.ts';
/** For the duress record (protection/safety): an owner's copy of the organisation's secret, to erase it. */
export { orgSecretOf, type OrgSecret } from '../keys.ts';
export { recoverAccess, replaceRecoveryKey } from './recovery.ts';

const orgSealAt = (orgId: string) => sealAt.org(orgId, 'organisations', 'name', orgId);

/**
 * A new organisation: a random secret and salt for its key, held by this request, and a recovery key
 * (returned once). With `owner` the secret is granted to that account; otherwise the caller grants it in
 * the same request (the CLI invites the owner), or nobody will ever hold it.
 */
export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  fields: OrgNameInput,
  owner?: { id: string; publicKey: string },
): Promise<Result<{ id: string; recoveryKey: string }>> {
  requireAccess(actor, 'org:create');
  const parsed = orgNameSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const id = newId(12);
  const now = ctx.clock.now();
  const { secret, salt } = newOrgSecret();
  ctx.keyring.admit(id, secret, salt);
  secret.fill(0);
  let recoveryKey = '';
  await ctx.db.transaction().execute(async (trx) => {
    await q.insertOrg(trx, {
      id,
      sealedName: await ctx.sealer.seal(orgSealAt(id), parsed.data.name),
      keySalt: salt,
      now,
    });
    recoveryKey = await issueRecoveryKey(ctx, trx, id);
    if (owner) await admitMember(ctx, trx, id, owner, 'owner');
    await audit(
      trx,
      { actor: actorId(actor), action: 'org.create', objectType: 'organisation', objectId: id, orgId: id },
      now,
    );
  });
  return ok({ id, recoveryKey });
}

export async function orgName(ctx: AppContext, sealedName: string, orgId: string): Promise<string> {
  return ctx.sealer.open(orgSealAt(orgId), sealedName);
}

/** An organisation's name and settings, without its members. */
export async function orgSummary(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:read', { orgId });
  const decoy = decoyOrg(actor);
  if (decoy)
    return { id: decoy.id, name: decoy.name, requireMfa: false, allowDuressErase: false, serverHeldKey: false };
  const org = await q.findOrg(ctx.db, orgId);
  if (!org) throw new NotFoundError('no such organisation');
  return {
    id: org.id,
    name: await orgName(ctx, org.sealedName, org.id),
    requireMfa: org.requireMfa,
    allowDuressErase: org.allowDuressErase,
    /** Made before 0007 and no owner has signed in since: the server still holds its key. */
    serverHeldKey: org.keySalt === null && (await q.serverHeldOrgIds(ctx.db)).includes(orgId),
  };
}

/** An organisation's page: its name and settings, and its members (pending invitations: invitations/service.ts). */
export async function orgOverview(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await orgSummary(ctx, actor, orgId);
  const members = await Promise.all(
    (await membersOf(ctx, actor, orgId)).map(async (m) => {
      const user = await findUserById(ctx.db, m.userId);
      /** Their keys were lost (a password reset, duress): an admin must grant the key again. Never in a decoy. */
      const needsAccess = !decoyOrg(actor) && (!user?.publicKey || user.publicKey !== m.publicKey);
      return {
        userId: m.userId,
        role: m.role,
        disabled: m.disabledAt !== null,
        since: new Date(m.createdAt),
        email: user ? await ctx.sealer.open(userSealAt(m.userId, 'email'), user.sealedEmail) : '',
        name: user ? await ctx.sealer.open(userSealAt(m.userId, 'name'), user.sealedName) : '',
        hasTotp: user?.sealedTotpSecret != null,
        needsAccess,
        /** Restorable once they have signed in since, and so have a new key pair to grant to. */
        canRestore: needsAccess && Boolean(user?.publicKey),
      };
    }),
  );
  return { ...org, members };
}

/**
 * A duress sign-in's decoy (decision 0016): the organisation the member chose to show, as if newly created.
 * The access check has let the actor in, as its only member.
 */
function decoyOrg(actor: Actor) {
  return actor.kind === 'user' ? actor.decoy?.org : undefined;
}

/** The organisation's members; in a decoy, only the actor, as on the day it was made. */
async function membersOf(ctx: AppContext, actor: Actor, orgId: string): Promise<MemberDoc[]> {
  const decoy = decoyOrg(actor);
  if (!decoy || actor.kind !== 'user') return allMembers(ctx, ctx.db, orgId);
  const user = await findUserById(ctx.db, actor.userId);
  const createdAt = (user?.createdAt ?? ctx.clock.now()).toISOString();
  return [{ userId: actor.userId, role: decoy.role, disabledAt: null, createdAt, publicKey: user?.publicKey ?? null }];
}

/** Refused so the organisation keeps an owner; the message says what to do instead. */
export class LastOwnerError extends ConflictError {
  override name = 'LastOwnerError';
  override readonly messageKey: string = 'error.lastOwner';
}

async function guardLastOwner(ctx: AppContext, db: Db, orgId: string, userId: string): Promise<MemberDoc> {
  const members = await allMembers(ctx, db, orgId);
  const target = members.find((m) => m.userId === userId);
  if (!target) throw new NotFoundError('no such member');
  const owners = members.filter((m) => m.role === 'owner' && !m.disabledAt).length;
  if (target.role === 'owner' && !target.disabledAt && owners <= 1)
    throw new LastOwnerError('an organisation keeps at least one owner: make someone else an owner first');
  return target;
}

/**
 * Membership changes run in one transaction with their audit entry, the organisation locked, so two
 * owners demoting each other at once cannot leave it with none.
 */
export async function changeRole(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  userId: string,
  fields: RoleInput,
): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  const parsed = roleSchema.safeParse(fields);
  if (!parsed.success) throw new ForbiddenError('unknown role');
  await ctx.db.transaction().execute(async (trx) => {
    await q.lockOrg(trx, orgId);
    const target = await guardLastOwner(ctx, trx, orgId, userId);
    requireAccess(actor, roleAction(target.role, parsed.data.role), { orgId });
    await writeMember(ctx, trx, orgId, { ...target, role: parsed.data.role });
    await audit(
      trx,
      {
        actor: actorId(actor),
        action: `membership.role.${parsed.data.role}`,
        objectType: 'user',
        objectId: userId,
        orgId,
      },
      ctx.clock.now(),
    );
  });
  await ctx.membership.changed(actor, orgId);
}

/**
 * Disabling a membership ends every session of that person at once, destroys their copy of the
 * organisation's key, and withdraws the organisation's pending invitations to their address, so they
 * cannot rejoin through one. Enabling grants the key again to their current key pair.
 */
export async function setMemberEnabled(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  userId: string,
  enabled: boolean,
): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    await q.lockOrg(trx, orgId);
    const target = await guardLastOwner(ctx, trx, orgId, userId);
    requireAccess(actor, roleAction(target.role), { orgId });
    const user = await findUserById(trx, userId);
    const regrant = enabled && user?.publicKey ? user.publicKey : null;
    const disabledAt = enabled ? null : ctx.clock.now().toISOString();
    await writeMember(ctx, trx, orgId, { ...target, disabledAt, ...(regrant ? { publicKey: regrant } : {}) });
    if (regrant) await grantTo(ctx, trx, orgId, { id: userId, publicKey: regrant });
    if (!enabled) {
      await revokeGrant(ctx, trx, orgId, userId);
      await revokeSessions(trx, actorId(actor), userId, ctx.clock.now(), undefined, orgId);
      for (const id of await q.withdrawInvitationsTo(trx, ctx.keyring.tag(orgId, 'invitations'), userId)) {
        await audit(
          trx,
          { actor: actorId(actor), action: 'invitation.withdraw', objectType: 'invitation', objectId: id, orgId },
          ctx.clock.now(),
        );
      }
    }
    await audit(
      trx,
      {
        actor: actorId(actor),
        action: enabled ? 'membership.enable' : 'membership.disable',
        objectType: 'user',
        objectId: userId,
        orgId,
      },
      ctx.clock.now(),
    );
  });
  await ctx.membership.changed(actor, orgId);
}

/** An owner's settings: two-factor sign-in required; owners may choose erasing it as a duress action (0016). */
export async function setOrgSettings(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  settings: { requireMfa: boolean; allowDuressErase: boolean },
): Promise<void> {
  requireAccess(actor, 'org:own', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    await q.setOrgSettings(trx, orgId, settings);
    for (const action of [
      settings.requireMfa ? 'org.require-mfa' : 'org.allow-no-mfa',
      settings.allowDuressErase ? 'org.duress-erase-allowed' : 'org.duress-erase-refused',
    ])
      await audit(
        trx,
        { actor: actorId(actor), action, objectType: 'organisation', objectId: orgId, orgId },
        ctx.clock.now(),
      );
  });
}

/** The organisations a person belongs to, for their dashboard (those whose keys their session holds). */
export async function myOrganisations(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'account:self');
  if (actor.kind !== 'user') return [];
  if (actor.decoy) return actor.decoy.org ? [{ ...actor.decoy.org, requireMfa: false, allowDuressErase: false }] : [];
  const orgs = [];
  for (const [id, m] of actor.memberships) {
    const org = await q.findOrg(ctx.db, id);
    if (!org) continue;
    const name = await orgName(ctx, org.sealedName, id);
    orgs.push({ id, role: m.role, requireMfa: m.requireMfa, allowDuressErase: org.allowDuressErase, name });
  }
  return orgs;
}

/** Operator: every organisation on the server, by id and creation date. Its name is sealed under its own key. */
export async function listOrganisations(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'org:create');
  return q.allOrgs(ctx.db);
}

/** The organisation's active members, by id, name and role: the people a task or a case can be given to. */
export async function activeMembers(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
): Promise<{ id: string; name: string; role: OrgRole }[]> {
  requireAccess(actor, 'org:read', { orgId });
  const members = (await membersOf(ctx, actor, orgId)).filter((m) => !m.disabledAt);
  const named = [];
  for (const m of members) {
    const user = await findUserById(ctx.db, m.userId);
    if (user)
      named.push({
        id: m.userId,
        name: await ctx.sealer.open(userSealAt(m.userId, 'name'), user.sealedName),
        role: m.role,
      });
  }
  return named;
}

/** Whether someone is an enabled member (a task's assignee must be). The caller holds the organisation's key. */
export async function isActiveMember(ctx: AppContext, orgId: string, userId: string): Promise<boolean> {
  const doc = await readMember(ctx, orgId, userId);
  return doc !== undefined && doc.disabledAt === null;
}

/**
 * An admin grants the organisation's key again to a member whose keys were lost (a password reset,
 * duress, a detention), once they have signed in and so have a new key pair.
 */
export async function restoreAccess(ctx: AppContext, actor: Actor, orgId: string, userId: string): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    const doc = await readMember(ctx, orgId, userId, trx);
    const user = await findUserById(trx, userId);
    if (!doc || doc.disabledAt || !user) throw new NotFoundError('no such member');
    requireAccess(actor, roleAction(doc.role), { orgId });
    if (!user.publicKey) throw new ForbiddenError('the member has not signed in since their keys were lost');
    await admitMember(ctx, trx, orgId, { id: userId, publicKey: user.publicKey }, doc.role);
    await audit(
      trx,
      { actor: actorId(actor), action: 'membership.restore', objectType: 'user', objectId: userId, orgId },
      ctx.clock.now(),
    );
  });
}

export type { OrgRole };

/**
 * Crypto-erases an account's access to every organisation and ends all its sessions, in the caller's
 * transaction (a detention reported by trusted members, a missed check-in); an owner or admin restores
 * it with restoreAccess once the person signs in again. The caller has checked who may; `by` is the
 * audit log's actor, `orgId` the organisation whose log records it (sealed), if any.
 */
export async function cutOffAccount(ctx: AppContext, db: Db, by: string, userId: string, orgId?: string) {
  const now = ctx.clock.now();
  await destroyKeys(db, userId, now);
  await revokeSessions(db, by, userId, now, undefined, orgId);
}
