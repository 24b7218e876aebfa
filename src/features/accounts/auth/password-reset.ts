// "Forgot your password?": a link by email, valid for a short time and once, that sets a new password.
import { publicOrigin } from '../../../config/config.ts';
import type { AppContext } from '../../../context.ts';
import { requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { later } from '../../../platform/background.ts';
import { fail, NotFoundError, ok, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { normaliseEmail } from '../../../platform/lookup.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';
import { notifyChange } from '../change-notice.ts';
import { replaceKeyPair } from '../keys.ts';
import { hashPassword } from '../passwords.ts';
import { findUserById, findUserByLookup, updateUser } from '../queries.ts';
import { revokeSessions } from '../sessions.ts';
import { forgotSchema, resetPasswordSchema, type ForgotInput, type ResetPasswordInput } from './input.ts';
import { mailAllowed } from './mail-limits.ts';
import { claimPasswordReset, findPasswordReset, insertPasswordReset, voidPasswordResets } from './queries.ts';

const RESET_MINUTES = 30;

/** Reset links one address may be sent per hour; the server-wide number is a setting. */
export const RESETS_PER_ACCOUNT_HOUR = 3;

/**
 * Always the same answer after the same work, whether or not the address has an account: the request
 * path does the two rate-limit writes and one lookup for every address; making the link, writing it,
 * the audit entry and the mail happen after the answer has gone (decision 0009).
 */
export async function requestPasswordReset(
  ctx: AppContext,
  actor: Actor,
  fields: ForgotInput,
  locale: string,
): Promise<void> {
  requireAccess(actor, 'session:start');
  const parsed = forgotSchema.safeParse(fields);
  if (!parsed.success || !parsed.data.email) return;
  const lookup = ctx.lookup.email(parsed.data.email);
  const allowed = await mailAllowed(ctx, 'reset', lookup, RESETS_PER_ACCOUNT_HOUR);
  const user = await findUserByLookup(ctx.db, lookup);
  const to = normaliseEmail(parsed.data.email);
  if (allowed && user && !user.disabledAt && user.passwordHash)
    later(ctx, 'password reset mail', () => sendResetLink(ctx, user.id, to, locale));
}

async function sendResetLink(ctx: AppContext, userId: string, to: string, locale: string): Promise<void> {
  const now = ctx.clock.now();
  const { token, hash } = newToken();
  await insertPasswordReset(ctx.db, hash, userId, now, new Date(now.getTime() + RESET_MINUTES * 60_000));
  await audit(
    ctx.db,
    { actor: 'anonymous', action: 'password.reset-request', objectType: 'user', objectId: userId },
    now,
  );
  const link = new URL(`/${locale}/password/reset/${token}`, publicOrigin(ctx.config));
  const text = `Someone asked to reset the password of your Amparo account.\n\nTo choose a new one, open this link within ${RESET_MINUTES} minutes:\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.`;
  await ctx.mailer.send({ to, subject: 'Reset your Amparo password', text });
}

async function liveReset(ctx: AppContext, token: string) {
  const row = TOKEN_PATTERN.test(token) ? await findPasswordReset(ctx.db, hashToken(token)) : undefined;
  if (!row || row.used || row.expiresAt <= ctx.clock.now()) throw new NotFoundError('no such reset link');
  return row;
}

export async function checkResetToken(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  requireAccess(actor, 'session:start');
  await liveReset(ctx, token);
}

/**
 * A reset ends every session of the account; the second factor is still asked at the next sign-in. The
 * old key pair was wrapped by the forgotten password, so it is replaced: the account keeps its
 * memberships, but an admin (or the recovery key) must grant each organisation's key again.
 */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  token: string,
  fields: ResetPasswordInput,
): Promise<Result<null>> {
  requireAccess(actor, 'session:start');
  const row = await liveReset(ctx, token);
  const parsed = resetPasswordSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const passwordHash = await hashPassword(parsed.data.password);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimPasswordReset(trx, row.tokenHash, now))) throw new NotFoundError('no such reset link');
    await updateUser(trx, row.userId, { passwordHash });
    await replaceKeyPair(trx, row.userId, parsed.data.password, now);
    await voidPasswordResets(trx, row.userId, now);
    await revokeSessions(trx, `user:${row.userId}`, row.userId, now);
    await audit(
      trx,
      { actor: `user:${row.userId}`, action: 'password.reset', objectType: 'user', objectId: row.userId },
      now,
    );
  });
  const user = await findUserById(ctx.db, row.userId);
  if (user) await notifyChange(ctx, user, 'password');
  return ok(null);
}
