// Invitations: an organisation's admins invite people by email (the CLI also invites to platform roles).
// Accepting one: a new person sets their name and password; someone who already has an account is
// asked to sign in, and the invitation then adds the membership to that account.
import { publicOrigin } from '../../../config/config.ts';
import type { AppContext } from '../../../context.ts';
import {
  actorId,
  isDecoy,
  requireAccess,
  roleAction,
  type Actor,
  type OrgRole,
  type PlatformRole,
} from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { newId } from '../../../platform/ids.ts';
import { normaliseEmail } from '../../../platform/lookup.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';
import { openUnderSecret, sealUnderSecret } from '../../../platform/member-keys.ts';
import { admitSecret, orgSecretOf, type OrgSecret } from '../keys.ts';
import { passwordProblem } from '../passwords.ts';

type AccountKey = { id: string; publicKey: string };
import { findUserByLookup, updateUser } from '../queries.ts';
import { startSession } from '../sessions.ts';
import { createUser } from '../users.ts';
import { admitMember, findOrg, orgName } from '../orgs/service.ts';
import { acceptInvitationSchema, inviteSchema, type AcceptInvitationInput, type InviteInput } from './input.ts';
import {
  claimInvitation,
  deleteInvitation,
  findInvitationByToken,
  insertInvitation,
  pendingInvitations as pendingRows,
  type InvitationRow,
} from './queries.ts';

export const INVITATION_DAYS = 7;
const PLATFORM_ROLES: readonly string[] = ['operator', 'curator'];
const invitationSealAt = (id: string) => sealAt.platform('invitations', 'email', id);

export interface Invitation {
  id: string;
  link: string;
  token: string;
}

function inviteLink(ctx: AppContext, token: string): string {
  return new URL(`/en/invitations/${token}`, publicOrigin(ctx.config)).toString();
}

const grantAd = (id: string) => `invitations:grant:${id}`;

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
  await insertInvitation(ctx.db, {
    id,
    tokenHash: hash,
    orgTag: orgId ? ctx.keyring.tag(orgId, 'invitations') : null,
    sealedGrant: orgId ? sealUnderSecret(token, 'invitation', grantAd(id), orgSecretOf(ctx, orgId)) : null,
    emailLookup: ctx.lookup.email(email),
    sealedEmail: await ctx.sealer.seal(invitationSealAt(id), normaliseEmail(email)),
    role,
    invitedBy: orgId ? 'organisation' : actorId(actor), // the audit log keeps who, sealed
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
  fields: InviteInput,
): Promise<Result<Invitation>> {
  requireAccess(actor, 'org:manage', { orgId });
  const parsed = inviteSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  requireAccess(actor, roleAction(parsed.data.role), { orgId });
  if (!(await findOrg(ctx.db, orgId))) throw new NotFoundError('no such organisation');
  return ok(await createInvitation(ctx, actor, parsed.data.email, orgId, parsed.data.role));
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
    if (!(await deleteInvitation(trx, ctx.keyring.tag(orgId, 'invitations'), invitationId)))
      throw new NotFoundError('no such invitation');
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

/** The organisation's invitations not yet accepted nor expired, for its page. */
export async function pendingInvitations(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:read', { orgId });
  // A duress sign-in's decoy (decision 0016) shows a newly created, empty workspace.
  if (isDecoy(actor)) return [];
  return Promise.all(
    (await pendingRows(ctx.db, ctx.keyring.tag(orgId, 'invitations'), ctx.clock.now())).map(async (i) => ({
      id: i.id,
      role: i.role,
      expiresAt: i.expiresAt,
      email: await ctx.sealer.open(invitationSealAt(i.id), i.sealedEmail),
    })),
  );
}

/**
 * The invitation a link names, still open; an organisation's invitation also admits that organisation's
 * key into this request, opened with the link's token (the only place the key is written for it).
 */
async function liveInvitation(ctx: AppContext, token: string): Promise<InvitationRow & { orgId: string | null }> {
  const inv = TOKEN_PATTERN.test(token) ? await findInvitationByToken(ctx.db, hashToken(token)) : undefined;
  if (!inv || inv.acceptedAt || inv.expiresAt <= ctx.clock.now()) throw new NotFoundError('no such invitation');
  if (!inv.sealedGrant) return { ...inv, orgId: null };
  const value = openUnderSecret<OrgSecret>(token, 'invitation', grantAd(inv.id), inv.sealedGrant);
  if (!(await admitSecret(ctx, value))) throw new NotFoundError('no such invitation');
  return { ...inv, orgId: value.orgId };
}

/** What the invitation page shows: where it leads, and whether the address already has an account. */
export async function describeInvitation(ctx: AppContext, actor: Actor, token: string) {
  requireAccess(actor, 'session:start');
  const inv = await liveInvitation(ctx, token);
  const org = inv.orgId ? await findOrg(ctx.db, inv.orgId) : undefined;
  const existing = await findUserByLookup(ctx.db, inv.emailLookup);
  return {
    orgName: org ? await orgName(ctx, org.sealedName, org.id) : null,
    role: inv.role,
    hasAccount: Boolean(existing?.passwordHash),
    signedInAsInvitee: actor.kind === 'user' && existing?.id === actor.userId,
  };
}

async function grant(ctx: AppContext, inv: InvitationRow & { orgId: string | null }, user: AccountKey) {
  const userId = user.id;
  if (inv.orgId) await admitMember(ctx, ctx.db, inv.orgId, user, inv.role as OrgRole);
  else if (PLATFORM_ROLES.includes(inv.role))
    await updateUser(ctx.db, userId, { platformRole: inv.role as PlatformRole });
  await audit(
    ctx.db,
    {
      actor: `user:${userId}`,
      action: 'invitation.accept',
      objectType: 'invitation',
      objectId: inv.id,
      orgId: inv.orgId,
    },
    ctx.clock.now(),
  );
}

/** A new account from an invitation; it signs the person in (a fresh session, no second factor yet). */
export async function acceptAsNewUser(
  ctx: AppContext,
  actor: Actor,
  token: string,
  fields: AcceptInvitationInput,
): Promise<Result<{ sessionToken: string }>> {
  requireAccess(actor, 'session:start');
  const inv = await liveInvitation(ctx, token);
  if (await findUserByLookup(ctx.db, inv.emailLookup))
    throw new ConflictError('this address already has an account: sign in to accept');
  const email = await ctx.sealer.open(invitationSealAt(inv.id), inv.sealedEmail);
  const parsed = acceptInvitationSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const weak = passwordProblem(parsed.data.password, email);
  if (weak) return fail(problem('password', `password.${weak}`));
  if (!(await claimInvitation(ctx.db, inv.id, ctx.clock.now()))) throw new NotFoundError('no such invitation');
  const { id: userId, pair } = await createUser(ctx, email, parsed.data.name, parsed.data.password);
  await grant(ctx, inv, { id: userId, publicKey: pair.publicKey });
  const { token: sessionToken } = await startSession(ctx, userId, 'full', pair);
  return ok({ sessionToken });
}

/** A signed-in person accepts an invitation sent to their own address. */
export async function acceptAsMember(ctx: AppContext, actor: Actor, token: string): Promise<{ orgId: string | null }> {
  requireAccess(actor, 'account:self');
  const inv = await liveInvitation(ctx, token);
  const user = await findUserByLookup(ctx.db, inv.emailLookup);
  const pair = ctx.keyring.held()?.pair;
  if (actor.kind !== 'user' || user?.id !== actor.userId || !pair) throw new NotFoundError('no such invitation');
  if (!(await claimInvitation(ctx.db, inv.id, ctx.clock.now()))) throw new NotFoundError('no such invitation');
  await grant(ctx, inv, { id: user.id, publicKey: pair.publicKey });
  return { orgId: inv.orgId };
}
