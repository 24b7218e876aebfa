// Accepting an invitation: a new person sets their name and password; someone who already has an
// account is asked to sign in, and the invitation then adds the membership to that account.
import type { AppContext } from '../../../context.ts';
import { actorId, requireAccess, type Actor, type OrgRole, type PlatformRole } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { acceptInvitationSchema, signUpFinishSchema, signUpStartSchema } from '../auth/input.ts';
import { createOrganisation, orgName } from '../orgs/service.ts';
import { hashPassword, passwordProblem } from '../passwords.ts';
import * as links from '../auth/queries.ts';
import * as q from '../queries.ts';
import { userSealAt } from '../auth/service.ts';
import { startSession } from '../sessions.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';
import { normaliseEmail } from '../../../platform/lookup.ts';
import { newId } from '../../../platform/ids.ts';
import { publicOrigin } from '../../../config/config.ts';
import { later } from '../../../platform/background.ts';
import { mailAllowed } from '../auth/mail-limits.ts';
import { sealAt } from '../../../platform/sealer.ts';

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
  else if (PLATFORM_ROLES.includes(inv.role))
    await q.updateUser(ctx.db, userId, { platformRole: inv.role as PlatformRole });
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
  fields: Record<string, unknown>,
): Promise<Result<{ sessionToken: string }>> {
  requireAccess(actor, 'session:start');
  const inv = await liveInvitation(ctx, token);
  if (await q.findUserByLookup(ctx.db, inv.emailLookup))
    throw new ConflictError('this address already has an account: sign in to accept');
  const email = await ctx.sealer.open(sealAt.platform('invitations', 'email', inv.id), inv.sealedEmail);
  const parsed = acceptInvitationSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  if (passwordProblem(parsed.data.password, email))
    return { ok: false, problems: { password: { key: `password.${passwordProblem(parsed.data.password, email)}` } } };
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
    emailLookup: ctx.lookup.email(email),
    sealedEmail: await ctx.sealer.seal(userSealAt(id, 'email'), normaliseEmail(email)),
    sealedName: await ctx.sealer.seal(userSealAt(id, 'name'), name),
    passwordHash: await hashPassword(password),
    platformRole: null,
    createdAt: ctx.clock.now(),
  });
  return id;
}

/** Sign-up links one address may be sent per hour, and how long a link works. */
export const SIGNUPS_PER_ADDRESS_HOUR = 3;
export const SIGNUP_HOURS = 24;
const signupSealAt = (id: string) => sealAt.platform('signup_verifications', 'email', id);

/**
 * Open sign-up, only when the operator allows it. Step one takes an address and always gives the same
 * answer: a new address is sent a link that creates the account; an address that already has one is sent
 * a reminder instead. Nothing is created until the link is followed, so nobody can take an address that
 * is not theirs. The mail goes out after the answer, so the timing does not tell either.
 */
export async function requestSignUp(
  ctx: AppContext,
  actor: Actor,
  fields: Record<string, unknown>,
  locale: string,
): Promise<Result<null>> {
  requireAccess(actor, 'session:start');
  if (!ctx.config.openSignup) throw new NotFoundError('sign-up is closed');
  const parsed = signUpStartSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const lookup = ctx.lookup.email(parsed.data.email);
  const allowed = await mailAllowed(ctx, 'signup', lookup, SIGNUPS_PER_ADDRESS_HOUR);
  const existing = await q.findUserByLookup(ctx.db, lookup);
  const to = normaliseEmail(parsed.data.email);
  if (allowed)
    later(ctx, 'sign-up mail', () =>
      existing ? sendAlreadyHaveAccount(ctx, to, locale) : sendSignUpLink(ctx, to, lookup, locale),
    );
  return { ok: true, value: null };
}

async function sendSignUpLink(ctx: AppContext, to: string, lookup: string, locale: string) {
  const id = newId(12);
  const now = ctx.clock.now();
  const { token, hash } = newToken();
  await links.insertSignupVerification(ctx.db, {
    id,
    tokenHash: hash,
    emailLookup: lookup,
    sealedEmail: await ctx.sealer.seal(signupSealAt(id), to),
    now,
    expiresAt: new Date(now.getTime() + SIGNUP_HOURS * 3600_000),
  });
  const link = new URL(`/${locale}/signup/${token}`, publicOrigin(ctx.config));
  const text = `Someone, probably you, asked to create an organisation on Amparo with this address.\n\nTo go on, open this link within ${SIGNUP_HOURS} hours and choose your name and password:\n${link}\n\nIf it was not you, ignore this message: nothing has been created.`;
  await ctx.mailer.send({ to, subject: 'Finish creating your Amparo account', text });
}

async function sendAlreadyHaveAccount(ctx: AppContext, to: string, locale: string) {
  const origin = publicOrigin(ctx.config);
  const text = `Someone, probably you, asked to create an Amparo account with this address. You already have an account, so nothing new was created.\n\nSign in here: ${new URL(`/${locale}/login`, origin)}\nForgot your password? Choose a new one here: ${new URL(`/${locale}/password/forgot`, origin)}\n\nIf it was not you, ignore this message.`;
  await ctx.mailer.send({ to, subject: 'You already have an Amparo account', text });
}

async function liveSignUp(ctx: AppContext, token: string) {
  if (!ctx.config.openSignup) throw new NotFoundError('sign-up is closed');
  const row = TOKEN_PATTERN.test(token) ? await links.findSignupVerification(ctx.db, hashToken(token)) : undefined;
  if (!row || row.usedAt || row.expiresAt <= ctx.clock.now()) throw new NotFoundError('no such sign-up link');
  return row;
}

export async function checkSignUpToken(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  requireAccess(actor, 'session:start');
  await liveSignUp(ctx, token);
}

/** Step two, from the link: the account and its organisation are created, and the person signed in. */
export async function completeSignUp(
  ctx: AppContext,
  actor: Actor,
  token: string,
  fields: Record<string, unknown>,
): Promise<Result<{ sessionToken: string }>> {
  requireAccess(actor, 'session:start');
  const row = await liveSignUp(ctx, token);
  const email = await ctx.sealer.open(signupSealAt(row.id), row.sealedEmail);
  const parsed = signUpFinishSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const problem = passwordProblem(parsed.data.password, email);
  if (problem) return { ok: false, problems: { password: { key: `password.${problem}` } } };
  if (await q.findUserByLookup(ctx.db, row.emailLookup))
    throw new ConflictError('this address already has an account: sign in');
  if (!(await links.claimSignupVerification(ctx.db, row.id, ctx.clock.now())))
    throw new NotFoundError('no such sign-up link');
  const userId = await insertNewUser(ctx, email, parsed.data.name, parsed.data.password);
  const system: Actor = { kind: 'operator', label: 'signup' };
  const org = await createOrganisation(ctx, system, { name: parsed.data.organisation });
  if (!org.ok) return org;
  await q.upsertMembership(ctx.db, org.value.id, userId, 'owner', ctx.clock.now());
  await audit(
    ctx.db,
    { actor: actorId(system), action: 'user.signup', objectType: 'user', objectId: userId, orgId: org.value.id },
    ctx.clock.now(),
  );
  const { token: sessionToken } = await startSession(ctx, userId, 'full');
  return { ok: true, value: { sessionToken } };
}
