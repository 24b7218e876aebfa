// Organisations and their members: the dashboard, an organisation's page, roles, disabling a member,
// settings. Other features reach organisations through this file.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { actorId, requireAccess, roleAction, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, fail, ForbiddenError, NotFoundError, ok, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { newId } from '../../../platform/ids.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { revokeSessions } from '../sessions.ts';
import { userSealAt } from '../users.ts';
import { orgNameSchema, roleSchema, type OrgNameInput, type RoleInput } from './input.ts';
import * as q from './queries.ts';

/** For signing in (an actor's memberships), invitations and sign-up (joining), assessments (assignees). */
export { findOrg, isActiveMember, membershipsOf, upsertMembership } from './queries.ts';

const orgSealAt = (orgId: string) => sealAt.platform('organisations', 'name', orgId);

export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  fields: OrgNameInput,
): Promise<Result<{ id: string }>> {
  requireAccess(actor, 'org:create');
  const parsed = orgNameSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const id = newId(12);
  const now = ctx.clock.now();
  await q.insertOrg(ctx.db, { id, sealedName: await ctx.sealer.seal(orgSealAt(id), parsed.data.name), now });
  await ctx.keyring.createOrgKey(id, now);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'org.create', objectType: 'organisation', objectId: id, orgId: id },
    now,
  );
  return ok({ id });
}

export async function orgName(ctx: AppContext, sealedName: string, orgId: string): Promise<string> {
  return ctx.sealer.open(orgSealAt(orgId), sealedName);
}

/** An organisation's name and settings, without its members. */
export async function orgSummary(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:read', { orgId });
  const org = await q.findOrg(ctx.db, orgId);
  if (!org) throw new NotFoundError('no such organisation');
  return { id: org.id, name: await orgName(ctx, org.sealedName, org.id), requireMfa: org.requireMfa };
}

/** An organisation's page: its name and settings, and its members (pending invitations: invitations/service.ts). */
export async function orgOverview(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await orgSummary(ctx, actor, orgId);
  const members = await Promise.all(
    (await q.orgMembers(ctx.db, orgId)).map(async ({ sealedEmail, sealedName, ...m }) => ({
      ...m,
      email: await ctx.sealer.open(userSealAt(m.userId, 'email'), sealedEmail),
      name: await ctx.sealer.open(userSealAt(m.userId, 'name'), sealedName),
    })),
  );
  return { ...org, members };
}

/** Refused so the organisation keeps an owner; the message says what to do instead. */
export class LastOwnerError extends ConflictError {
  override name = 'LastOwnerError';
  override readonly messageKey: string = 'error.lastOwner';
}

async function guardLastOwner(db: Db, orgId: string, userId: string) {
  const members = await q.orgMembers(db, orgId);
  const target = members.find((m) => m.userId === userId);
  if (!target) throw new NotFoundError('no such member');
  if (target.role === 'owner' && !target.disabled && (await q.countOwners(db, orgId)) <= 1)
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
    const target = await guardLastOwner(trx, orgId, userId);
    requireAccess(actor, roleAction(target.role, parsed.data.role), { orgId });
    await q.updateMembership(trx, orgId, userId, { role: parsed.data.role });
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
}

/**
 * Disabling a membership ends every session of that person at once, and withdraws the organisation's
 * pending invitations to their address, so they cannot rejoin through one.
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
    const target = await guardLastOwner(trx, orgId, userId);
    requireAccess(actor, roleAction(target.role), { orgId });
    await q.updateMembership(trx, orgId, userId, { disabledAt: enabled ? null : ctx.clock.now() });
    if (!enabled) {
      await revokeSessions(trx, actorId(actor), userId, ctx.clock.now());
      for (const id of await q.withdrawInvitationsTo(trx, orgId, userId)) {
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
}

export async function setRequireMfa(ctx: AppContext, actor: Actor, orgId: string, requireMfa: boolean): Promise<void> {
  requireAccess(actor, 'org:own', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    await q.setOrgRequireMfa(trx, orgId, requireMfa);
    await audit(
      trx,
      {
        actor: actorId(actor),
        action: requireMfa ? 'org.require-mfa' : 'org.allow-no-mfa',
        objectType: 'organisation',
        objectId: orgId,
        orgId,
      },
      ctx.clock.now(),
    );
  });
}

/** The organisations a person belongs to, for their dashboard. */
export async function myOrganisations(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'account:self');
  if (actor.kind !== 'user') return [];
  const rows = await q.membershipsOf(ctx.db, actor.userId);
  return Promise.all(
    rows.map(async (m) => ({
      id: m.orgId,
      role: m.role,
      requireMfa: m.requireMfa,
      name: await orgName(ctx, m.sealedOrgName, m.orgId),
    })),
  );
}

/** Operator: every organisation on the server, by id and name (never its data). */
export async function listOrganisations(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'org:create');
  const rows = await q.allOrgs(ctx.db);
  return Promise.all(rows.map(async (r) => ({ id: r.id, name: await orgName(ctx, r.sealedName, r.id) })));
}

/** The organisation's active members, by id and name: the people a task can be given to. */
export async function activeMembers(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
): Promise<{ id: string; name: string }[]> {
  requireAccess(actor, 'org:read', { orgId });
  const members = (await q.orgMembers(ctx.db, orgId)).filter((m) => !m.disabled);
  return Promise.all(
    members.map(async (m) => ({
      id: m.userId,
      name: await ctx.sealer.open(userSealAt(m.userId, 'name'), m.sealedName),
    })),
  );
}
