// Accepting an invitation: a new person sets their name and password; someone who already has an
// account is asked to sign in, and the invitation then adds the membership to that account.
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor, type OrgRole, type PlatformRole } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, type FormResult } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { acceptInvitationSchema, signUpSchema } from './input.ts';
import { createOrganisation, orgName } from './orgs.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import * as q from './queries.ts';
import { userSealAt } from './service.ts';
import { startSession } from './sessions.ts';
import { emailLookup, hashToken, newId, normaliseEmail, TOKEN_PATTERN } from './tokens.ts';

const PLATFORM_ROLES: readonly string[] = ['operator', 'curator'];

async function liveInvitation(ctx: AppContext, token: string) {
  const inv = TOKEN_PATTERN.test(token) ? await q.findInvitationByToken(ctx.db, hashToken(token)) : undefined;
  if (!inv || inv.acceptedAt || inv.expiresAt <= ctx.clock.now()) throw new NotFoundError('no such invitation');
  return inv;
}

/** What the invitation page shows: where it leads, and whether the address already has an account. */
export async function describeInvitation(ctx: AppContext, actor: Actor, token: string) {
  requireAccess(actor, 'session:start');
  const inv = await liveInvitation(ctx, token);
  const org = inv.orgId ? await q.findOrg(ctx.db, inv.orgId) : undefined;
  const existing = await q.findUserByLookup(ctx.db, inv.emailLookup);
  return {
    orgName: org ? await orgName(ctx, org.sealedName, org.id) : null,
    role: inv.role,
    hasAccount: Boolean(existing?.passwordHash),
    signedInAsInvitee: actor.kind === 'user' && existing?.id === actor.userId,
  };
}

async function grant(ctx: AppContext, inv: q.InvitationRow, userId: string) {
  if (inv.orgId) await q.upsertMembership(ctx.db, inv.orgId, userId, inv.role as OrgRole, ctx.clock.now());
  else if (PLATFORM_ROLES.includes(inv.role)) await q.updateUser(ctx.db, userId, { platformRole: inv.role as PlatformRole });
  await audit(ctx.db, { actor: `user:${userId}`, action: 'invitation.accept', objectType: 'invitation', objectId: inv.id, orgId: inv.orgId }, ctx.clock.now());
}

/** A new account from an invitation; it signs the person in (a fresh session, no second factor yet). */
export async function acceptAsNewUser(ctx: AppContext, actor: Actor, token: string, fields: Record<string, unknown>): Promise<FormResult<{ sessionToken: string }>> {
  requireAccess(actor, 'session:start');
  const inv = await liveInvitation(ctx, token);
  if (await q.findUserByLookup(ctx.db, inv.emailLookup)) throw new ConflictError('this address already has an account: sign in to accept');
  const email = await ctx.sealer.open({ scope: 'platform', table: 'invitations', column: 'email', rowId: inv.id }, inv.sealedEmail);
  const parsed = acceptInvitationSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  if (passwordProblem(parsed.data.password, email)) return { ok: false, problems: { password: { key: `password.${passwordProblem(parsed.data.password, email)}` } } };
  if (!(await q.claimInvitation(ctx.db, inv.id, ctx.clock.now()))) throw new NotFoundError('no such invitation');
  const userId = await insertNewUser(ctx, email, parsed.data.name, parsed.data.password);
  await grant(ctx, inv, userId);
  const { token: sessionToken } = await startSession(ctx, userId, 'full');
  return { ok: true, value: { sessionToken } };
}

/** A signed-in person accepts an invitation sent to their own address. */
export async function acceptAsMember(ctx: AppContext, actor: Actor, token: string): Promise<{ orgId: string | null }> {
  requireAccess(actor, 'account:self');
  const inv = await liveInvitation(ctx, token);
  const user = await q.findUserByLookup(ctx.db, inv.emailLookup);
  if (actor.kind !== 'user' || user?.id !== actor.userId) throw new NotFoundError('no such invitation');
  if (!(await q.claimInvitation(ctx.db, inv.id, ctx.clock.now()))) throw new NotFoundError('no such invitation');
  await grant(ctx, inv, user.id);
  return { orgId: inv.orgId };
}

async function insertNewUser(ctx: AppContext, email: string, name: string, password: string): Promise<string> {
  const id = newId(12);
  await q.insertUser(ctx.db, {
    id,
    emailLookup: emailLookup(ctx.serverKey, email),
    sealedEmail: await ctx.sealer.seal(userSealAt(id, 'email'), normaliseEmail(email)),
    sealedName: await ctx.sealer.seal(userSealAt(id, 'name'), name),
    passwordHash: await hashPassword(password),
    platformRole: null,
    createdAt: ctx.clock.now(),
  });
  return id;
}

/**
 * Open sign-up, only when the operator allows it: a new account owning a new organisation. An address
 * that already has an account gets the same answer, and nothing is created.
 */
export async function signUp(ctx: AppContext, actor: Actor, fields: Record<string, unknown>): Promise<FormResult<{ sessionToken: string | null }>> {
  requireAccess(actor, 'session:start');
  if (!ctx.config.openSignup) throw new NotFoundError('sign-up is closed');
  const parsed = signUpSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  if (await q.findUserByLookup(ctx.db, emailLookup(ctx.serverKey, parsed.data.email))) return { ok: true, value: { sessionToken: null } };
  const userId = await insertNewUser(ctx, parsed.data.email, parsed.data.name, parsed.data.password);
  const system: Actor = { kind: 'operator', label: 'signup' };
  const org = await createOrganisation(ctx, system, { name: parsed.data.organisation });
  if (!org.ok) return org;
  await q.upsertMembership(ctx.db, org.value.id, userId, 'owner', ctx.clock.now());
  await audit(ctx.db, { actor: actorId(system), action: 'user.signup', objectType: 'user', objectId: userId, orgId: org.value.id }, ctx.clock.now());
  const { token } = await startSession(ctx, userId, 'full');
  return { ok: true, value: { sessionToken: token } };
}
