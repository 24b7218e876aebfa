// Open sign-up, only when the operator allows it: an address, proved by an emailed link, becomes an
// account and a new organisation that it owns.
import { publicOrigin } from '../../../config/config.ts';
import type { AppContext } from '../../../context.ts';
import { actorId, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { later } from '../../../platform/background.ts';
import { ConflictError, fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { newId } from '../../../platform/ids.ts';
import { normaliseEmail } from '../../../platform/lookup.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';
import { passwordProblem } from '../passwords.ts';
import { findUserByLookup } from '../queries.ts';
import { startSession } from '../sessions.ts';
import { createUser } from '../users.ts';
import { createOrganisation } from '../orgs/service.ts';
import { signUpFinishSchema, signUpStartSchema, type SignUpFinishInput, type SignUpStartInput } from './input.ts';
import { mailAllowed } from './mail-limits.ts';
import { claimSignupVerification, findSignupVerification, insertSignupVerification } from './queries.ts';

/** Sign-up links one address may be sent per hour, and how long a link works. */
export const SIGNUPS_PER_ADDRESS_HOUR = 3;
export const SIGNUP_HOURS = 24;
const signupSealAt = (id: string) => sealAt.platform('signup_verifications', 'email', id);

/**
 * Step one takes an address and always gives the same answer: a new address is sent a link that creates
 * the account; an address that already has one is sent a reminder instead. Nothing is created until the
 * link is followed, so nobody can take an address that is not theirs. The mail goes out after the
 * answer, so the timing does not tell either.
 */
export async function requestSignUp(
  ctx: AppContext,
  actor: Actor,
  fields: SignUpStartInput,
  locale: string,
): Promise<Result<null>> {
  requireAccess(actor, 'session:start');
  if (!ctx.config.openSignup) throw new NotFoundError('sign-up is closed');
  const parsed = signUpStartSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const lookup = ctx.lookup.email(parsed.data.email);
  const allowed = await mailAllowed(ctx, 'signup', lookup, SIGNUPS_PER_ADDRESS_HOUR);
  const existing = await findUserByLookup(ctx.db, lookup);
  const to = normaliseEmail(parsed.data.email);
  if (allowed)
    later(ctx, 'sign-up mail', () =>
      existing ? sendAlreadyHaveAccount(ctx, to, locale) : sendSignUpLink(ctx, to, lookup, locale),
    );
  return ok(null);
}

async function sendSignUpLink(ctx: AppContext, to: string, lookup: string, locale: string) {
  const id = newId(12);
  const now = ctx.clock.now();
  const { token, hash } = newToken();
  await insertSignupVerification(ctx.db, {
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
  const row = TOKEN_PATTERN.test(token) ? await findSignupVerification(ctx.db, hashToken(token)) : undefined;
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
  fields: SignUpFinishInput,
): Promise<Result<{ sessionToken: string; orgId: string; recoveryKey: string }>> {
  requireAccess(actor, 'session:start');
  const row = await liveSignUp(ctx, token);
  const email = await ctx.sealer.open(signupSealAt(row.id), row.sealedEmail);
  const parsed = signUpFinishSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const weak = passwordProblem(parsed.data.password, email);
  if (weak) return fail(problem('password', `password.${weak}`));
  if (await findUserByLookup(ctx.db, row.emailLookup))
    throw new ConflictError('this address already has an account: sign in');
  if (!(await claimSignupVerification(ctx.db, row.id, ctx.clock.now())))
    throw new NotFoundError('no such sign-up link');
  const { id: userId, pair } = await createUser(ctx, email, parsed.data.name, parsed.data.password);
  const system: Actor = { kind: 'operator', label: 'signup' };
  const org = await createOrganisation(ctx, system, { name: parsed.data.organisation }, { id: userId, ...pair });
  if (!org.ok) return org;
  await audit(
    ctx.db,
    { actor: actorId(system), action: 'user.signup', objectType: 'user', objectId: userId, orgId: org.value.id },
    ctx.clock.now(),
  );
  const { token: sessionToken } = await startSession(ctx, userId, 'full', pair);
  return ok({ sessionToken, orgId: org.value.id, recoveryKey: org.value.recoveryKey });
}
