// Organisations, invitations and memberships.
import { publicOrigin } from '../../../config/config.ts';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import {
  actorId,
  requireAccess,
  roleAction,
  type Actor,
  type OrgRole,
  type PlatformRole,
} from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { inviteSchema, orgNameSchema, roleSchema } from '../auth/input.ts';
import * as q from '../queries.ts';
import { userSealAt } from '../auth/service.ts';
import { revokeSessions } from '../sessions.ts';
import { newToken } from '../../../platform/tokens.ts';
import { normaliseEmail } from '../../../platform/lookup.ts';
import { newId } from '../../../platform/ids.ts';
import { sealAt } from '../../../platform/sealer.ts';

export const INVITATION_DAYS = 7;
export const orgSealAt = (orgId: string) => sealAt.platform('organisations', 'name', orgId);
const invitationSealAt = (id: string) => sealAt.platform('invitations', 'email', id);

export async function createOrganisation(
  ctx: AppContext,
  actor: Actor,
  fields: Record<string, unknown>,
): Promise<Result<{ id: string }>> {
  requireAccess(actor, 'org:create');
  const parsed = orgNameSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const id = newId(12);
  const now = ctx.clock.now();
  await q.insertOrg(ctx.db, { id, sealedName: await ctx.sealer.seal(orgSealAt(id), parsed.data.name), now });
  await ctx.keyring.createOrgKey(id, now);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'org.create', objectType: 'organisation', objectId: id, orgId: id },
    now,
  );
  return { ok: true, value: { id } };
}

export async function orgName(ctx: AppContext, sealedName: string, orgId: string): Promise<string> {
  return ctx.sealer.open(orgSealAt(orgId), sealedName);
}

export interface Invitation {
  id: string;
  link: string;
  token: string;
}

function inviteLink(ctx: AppContext, token: string): string {
  return new URL(`/en/invitations/${token}`, publicOrigin(ctx.config)).toString();
}

async function createInvitation(
  ctx: AppContext,
  actor: Actor,
  email: string,
  orgId: string | null,
  role: OrgRole | PlatformRole,
): Promise<Invitation> {
  const id = newId(12);
  const now = ctx.clock.now();
  const { token, hash } = newToken();
  await q.insertInvitation(ctx.db, {
    id,
    tokenHash: hash,
    orgId,
    emailLookup: ctx.lookup.email(email),
    sealedEmail: await ctx.sealer.seal(invitationSealAt(id), normaliseEmail(email)),
    role,
    invitedBy: actorId(actor),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86400_000),
    createdAt: now,
  });
  const link = inviteLink(ctx, token);
  const where = orgId ? `an organisation on Amparo` : `Amparo as ${role}`;
  await ctx.mailer.send({
    to: normaliseEmail(email),
    subject: 'You are invited to Amparo',
    text: `You have been invited to join ${where}.\n\nOpen this link within ${INVITATION_DAYS} days to set your password:\n${link}\n\nIf you did not expect this, ignore this message.`,
  });
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'invitation.create', objectType: 'invitation', objectId: id, orgId },
    now,
  );
  return { id, link, token };
}

/** Admins invite members and viewers; only an owner invites admins and owners (roleAction). */
export async function inviteMember(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: Record<string, unknown>,
): Promise<Result<Invitation>> {
  requireAccess(actor, 'org:manage', { orgId });
  const parsed = inviteSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  requireAccess(actor, roleAction(parsed.data.role), { orgId });
  if (!(await q.findOrg(ctx.db, orgId))) throw new NotFoundError('no such organisation');
  return { ok: true, value: await createInvitation(ctx, actor, parsed.data.email, orgId, parsed.data.role) };
}

/** An invitation sent to the wrong address, or no longer wanted: its link stops working at once. */
export async function withdrawInvitation(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  invitationId: string,
): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await q.deleteInvitation(trx, orgId, invitationId))) throw new NotFoundError('no such invitation');
    await audit(
      trx,
      { actor: actorId(actor), action: 'invitation.withdraw', objectType: 'invitation', objectId: invitationId, orgId },
      ctx.clock.now(),
    );
  });
}

/** Curators and operators are invited to the platform itself (the CLI does this). */
export async function invitePlatformUser(
  ctx: AppContext,
  actor: Actor,
  email: string,
  role: PlatformRole,
): Promise<Invitation> {
  requireAccess(actor, 'user:admin');
  return createInvitation(ctx, actor, email, null, role);
}

/** An organisation's name and settings, without its members. */
export async function orgSummary(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:read', { orgId });
  const org = await q.findOrg(ctx.db, orgId);
  if (!org) throw new NotFoundError('no such organisation');
  return { id: org.id, name: await orgName(ctx, org.sealedName, org.id), requireMfa: org.requireMfa };
}

export async function orgOverview(ctx: AppContext, actor: Actor, orgId: string) {
  const org = await orgSummary(ctx, actor, orgId);
  const now = ctx.clock.now();
  const members = await Promise.all(
    (await q.orgMembers(ctx.db, orgId)).map(async ({ sealedEmail, sealedName, ...m }) => ({
      ...m,
      email: await ctx.sealer.open(userSealAt(m.userId, 'email'), sealedEmail),
      name: await ctx.sealer.open(userSealAt(m.userId, 'name'), sealedName),
    })),
  );
  const invitations = await Promise.all(
    (await q.pendingInvitations(ctx.db, orgId, now)).map(async (i) => ({
      id: i.id,
      role: i.role,
      expiresAt: i.expiresAt,
      email: await ctx.sealer.open(invitationSealAt(i.id), i.sealedEmail),
    })),
  );
  return { ...org, members, invitations };
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
  fields: Record<string, unknown>,
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
  const rows = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'name', 'created_at'])
    .orderBy('created_at')
    .execute();
  return Promise.all(rows.map(async (r) => ({ id: r.id, name: await orgName(ctx, r.name, r.id) })));
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
