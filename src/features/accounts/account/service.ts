// A person's own account: password, two-factor, sessions. And the operator's levers on accounts.
import { publicOrigin } from '../../../config/config.ts';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { actorId, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { NotFoundError, type Problems, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import {
  changePasswordSchema,
  forgotSchema,
  passwordOnlySchema,
  resetPasswordSchema,
  totpConfirmSchema,
} from '../auth/input.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../passwords.ts';
import * as links from '../auth/queries.ts';
import * as q from '../queries.ts';
import { checkSecondFactor, userSealAt } from '../auth/service.ts';
import { clearAttempts, reserveAttempt } from '../auth/throttle.ts';
import { endAllSessions, endUserSession, listSessions, revokeSessions } from '../sessions.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';
import { normaliseEmail } from '../../../platform/lookup.ts';
import { later } from '../../../platform/background.ts';
import { mailAllowed } from '../auth/mail-limits.ts';
import {
  formatSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  otpauthUri,
  qrSvg,
  verifyTotp,
} from '../totp.ts';

const RESET_MINUTES = 30;

const CHANGES = {
  password: 'The password of your Amparo account was changed.',
  'totp-on': 'Two-factor sign-in was turned on for your Amparo account.',
  'totp-replaced':
    'The second factor of your Amparo account was replaced: a new authenticator app now makes its sign-in codes, and the old one no longer works. New recovery codes were made too; the old ones no longer work.',
  'totp-off': 'Two-factor sign-in was turned off for your Amparo account.',
  'totp-reset':
    "An operator removed two-factor sign-in from your Amparo account, at your request or your organisation's.",
} as const;

/**
 * Tells the account's owner that how they sign in changed, so a takeover does not go unnoticed. Sent in
 * the background; a failure is logged without the address.
 */
async function notifyChange(ctx: AppContext, user: q.UserRow, change: keyof typeof CHANGES): Promise<void> {
  const to = await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail);
  const text = `${CHANGES[change]}\n\nIf this was you, there is nothing to do. If it was not, tell your organisation's administrator at once, and reset your password from the sign-in page.`;
  void ctx.mailer
    .send({ to, subject: 'Your Amparo sign-in details changed', text })
    .catch((error: Error) => ctx.logger.error({ err: { name: error.name } }, 'change notice mail failed'));
}

async function self(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'account:self');
  const user = actor.kind === 'user' ? await q.findUserById(ctx.db, actor.userId) : undefined;
  if (!user || actor.kind !== 'user') throw new NotFoundError('no such account');
  return { user, actor };
}

/** Who is signed in, by name and address. */
export async function myProfile(ctx: AppContext, actor: Actor) {
  return profile(ctx, (await self(ctx, actor)).user);
}

async function profile(ctx: AppContext, user: q.UserRow) {
  return {
    email: await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail),
    name: await ctx.sealer.open(userSealAt(user.id, 'name'), user.sealedName),
  };
}

export async function accountOverview(ctx: AppContext, actor: Actor) {
  const { user, actor: me } = await self(ctx, actor);
  return {
    ...(await profile(ctx, user)),
    platformRole: user.platformRole,
    hasTotp: user.sealedTotpSecret !== null,
    recoveryCodesLeft: await q.countUnusedRecoveryCodes(ctx.db, user.id),
    sessions: (await listSessions(ctx.db, user.id)).map((s) => ({ ...s, current: s.id === me.sessionId })),
  };
}

/** A new password ends every other session and voids every reset link: whoever else held one is out. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  fields: Record<string, unknown>,
): Promise<Result<null>> {
  const { user, actor: me } = await self(ctx, actor);
  const parsed = changePasswordSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.current)))
    return { ok: false, problems: { current: { key: 'password.wrongCurrent' } } };
  const email = await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail);
  const problem = passwordProblem(parsed.data.password, email);
  if (problem) return { ok: false, problems: { password: { key: `password.${problem}` } } };
  const passwordHash = await hashPassword(parsed.data.password);
  await ctx.db.transaction().execute(async (trx) => {
    await q.updateUser(trx, user.id, { passwordHash });
    await links.voidPasswordResets(trx, user.id, ctx.clock.now());
    await revokeSessions(trx, actorId(actor), user.id, ctx.clock.now(), me.sessionId);
    await audit(
      trx,
      { actor: actorId(actor), action: 'password.change', objectType: 'user', objectId: user.id },
      ctx.clock.now(),
    );
  });
  await notifyChange(ctx, user, 'password');
  return { ok: true, value: null };
}

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
  fields: Record<string, unknown>,
  locale: string,
): Promise<void> {
  requireAccess(actor, 'session:start');
  const parsed = forgotSchema.safeParse(fields);
  if (!parsed.success || !parsed.data.email) return;
  const lookup = ctx.lookup.email(parsed.data.email);
  const allowed = await mailAllowed(ctx, 'reset', lookup, RESETS_PER_ACCOUNT_HOUR);
  const user = await q.findUserByLookup(ctx.db, lookup);
  const to = normaliseEmail(parsed.data.email);
  if (allowed && user && !user.disabledAt && user.passwordHash)
    later(ctx, 'password reset mail', () => sendResetLink(ctx, user.id, to, locale));
}

async function sendResetLink(ctx: AppContext, userId: string, to: string, locale: string): Promise<void> {
  const now = ctx.clock.now();
  const { token, hash } = newToken();
  await links.insertPasswordReset(ctx.db, hash, userId, now, new Date(now.getTime() + RESET_MINUTES * 60_000));
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
  const row = TOKEN_PATTERN.test(token) ? await links.findPasswordReset(ctx.db, hashToken(token)) : undefined;
  if (!row || row.used || row.expiresAt <= ctx.clock.now()) throw new NotFoundError('no such reset link');
  return row;
}

export async function checkResetToken(ctx: AppContext, actor: Actor, token: string): Promise<void> {
  requireAccess(actor, 'session:start');
  await liveReset(ctx, token);
}

/** A reset ends every session of the account; the second factor is still asked at the next sign-in. */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  token: string,
  fields: Record<string, unknown>,
): Promise<Result<null>> {
  requireAccess(actor, 'session:start');
  const row = await liveReset(ctx, token);
  const parsed = resetPasswordSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const passwordHash = await hashPassword(parsed.data.password);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await links.claimPasswordReset(trx, row.tokenHash, now))) throw new NotFoundError('no such reset link');
    await q.updateUser(trx, row.userId, { passwordHash });
    await links.voidPasswordResets(trx, row.userId, now);
    await revokeSessions(trx, `user:${row.userId}`, row.userId, now);
    await audit(
      trx,
      { actor: `user:${row.userId}`, action: 'password.reset', objectType: 'user', objectId: row.userId },
      now,
    );
  });
  const user = await q.findUserById(ctx.db, row.userId);
  if (user) await notifyChange(ctx, user, 'password');
  return { ok: true, value: null };
}

/** The pending secret, sealed in the user's row: the same key on every visit until confirmed or replaced. */
async function pendingSecret(ctx: AppContext, user: q.UserRow): Promise<string> {
  if (user.sealedTotpPending) {
    const kept = await ctx.sealer.open(userSealAt(user.id, 'totp_pending'), user.sealedTotpPending).catch(() => null);
    if (kept) return kept;
  }
  const secret = generateTotpSecret();
  // Two first visits at once keep one secret: only an empty slot is filled, then the row is read again.
  await q.setTotpPending(
    ctx.db,
    user.id,
    await ctx.sealer.seal(userSealAt(user.id, 'totp_pending'), secret),
    user.sealedTotpPending,
  );
  const again = await q.findUserById(ctx.db, user.id);
  return again?.sealedTotpPending
    ? ctx.sealer.open(userSealAt(user.id, 'totp_pending'), again.sealedTotpPending)
    : secret;
}

/**
 * The key to add to an authenticator app, as text and as a QR code. When two-factor sign-in is already on,
 * the page is for replacing the authenticator, which asks for the password and a current code.
 */
export async function beginTotp(ctx: AppContext, actor: Actor) {
  const { user } = await self(ctx, actor);
  const secret = await pendingSecret(ctx, user);
  const email = await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail);
  const uri = otpauthUri(secret, email, 'Amparo');
  return {
    replacing: user.sealedTotpSecret !== null,
    secret: formatSecret(secret),
    qr: await qrSvg(uri, 'QR code for your authenticator app'),
  };
}

/** Throws away the pending key and makes another (the person asked for a new one). */
export async function newTotpKey(ctx: AppContext, actor: Actor): Promise<void> {
  const { user } = await self(ctx, actor);
  await q.setTotpPending(
    ctx.db,
    user.id,
    await ctx.sealer.seal(userSealAt(user.id, 'totp_pending'), generateTotpSecret()),
  );
}

/**
 * Confirms the pending key with a code from it; returns the recovery codes, shown once. Other sessions
 * end. Replacing an enrolled authenticator also needs the password and a current code or recovery code,
 * so a session left open (or stolen) cannot move the second factor to another phone.
 */
export async function confirmTotp(
  ctx: AppContext,
  actor: Actor,
  fields: Record<string, unknown>,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const { user, actor: me } = await self(ctx, actor);
  const parsed = totpConfirmSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const secret = user.sealedTotpPending
    ? await ctx.sealer.open(userSealAt(user.id, 'totp_pending'), user.sealedTotpPending).catch(() => null)
    : null;
  const step = secret ? verifyTotp(secret, parsed.data.code, ctx.clock.now(), null) : null;
  if (!secret || step === null) return { ok: false, problems: { code: { key: 'signin.badCode' } } };
  const replacing = user.sealedTotpSecret !== null;
  if (replacing) {
    const refused = await reauthenticate(ctx, user, parsed.data.password, parsed.data.current);
    if (refused) return { ok: false, problems: refused };
  }
  const codes = generateRecoveryCodes();
  const sealed = await ctx.sealer.seal(userSealAt(user.id, 'totp_secret'), secret);
  await ctx.db.transaction().execute(async (trx) => {
    await q.updateUser(trx, user.id, { sealedTotpSecret: sealed, totpLastStep: step, sealedTotpPending: null });
    await q.replaceRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode));
    await revokeSessions(trx, actorId(actor), user.id, ctx.clock.now(), me.sessionId);
    await audit(
      trx,
      {
        actor: actorId(actor),
        action: replacing ? 'totp.replace' : 'totp.enable',
        objectType: 'user',
        objectId: user.id,
      },
      ctx.clock.now(),
    );
  });
  await notifyChange(ctx, user, replacing ? 'totp-replaced' : 'totp-on');
  return { ok: true, value: { recoveryCodes: codes } };
}

/** The password, then a current code or recovery code, each under its own counter. */
async function reauthenticate(
  ctx: AppContext,
  user: q.UserRow,
  password: string,
  current: string,
): Promise<Problems | null> {
  const key = `reauth:${user.id}`;
  const reserved = await reserveAttempt(ctx.db, key, ctx.clock.now());
  if (!reserved.ok) return { _form: { key: 'signin.throttled', values: { seconds: reserved.retryAfterSeconds } } };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password)))
    return { password: { key: 'password.wrongCurrent' } };
  await clearAttempts(ctx.db, key);
  const checked = await checkSecondFactor(ctx, user, current);
  return checked.ok ? null : { current: checked.problems.code ?? checked.problems._form! };
}

export async function disableTotp(
  ctx: AppContext,
  actor: Actor,
  fields: Record<string, unknown>,
): Promise<Result<null>> {
  const { user } = await self(ctx, actor);
  const parsed = passwordOnlySchema.safeParse(fields);
  if (!parsed.success || !user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.password))) {
    return { ok: false, problems: { password: { key: 'password.wrongCurrent' } } };
  }
  await clearTotp(ctx.db, user.id);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'totp.disable', objectType: 'user', objectId: user.id },
    ctx.clock.now(),
  );
  await notifyChange(ctx, user, 'totp-off');
  return { ok: true, value: null };
}

async function clearTotp(db: Db, userId: string) {
  await q.updateUser(db, userId, { sealedTotpSecret: null, totpLastStep: null, sealedTotpPending: null });
  await q.replaceRecoveryCodes(db, userId, []);
}

export async function revokeSession(ctx: AppContext, actor: Actor, sessionId: string): Promise<void> {
  const { user } = await self(ctx, actor);
  if (!(await endUserSession(ctx.db, user.id, sessionId))) throw new NotFoundError('no such session');
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'session.revoke', objectType: 'user', objectId: user.id },
    ctx.clock.now(),
  );
}

/** "Sign out everywhere": every session of the account, this one included. */
export async function revokeAllSessions(ctx: AppContext, actor: Actor): Promise<void> {
  const { user } = await self(ctx, actor);
  await ctx.db.transaction().execute(async (trx) => {
    await endAllSessions(trx, user.id);
    await audit(
      trx,
      { actor: actorId(actor), action: 'session.end-all', objectType: 'user', objectId: user.id },
      ctx.clock.now(),
    );
  });
}

async function userByEmail(ctx: AppContext, email: string) {
  const user = await q.findUserByLookup(ctx.db, ctx.lookup.email(email));
  if (!user) throw new NotFoundError('no account with that address');
  return user;
}

/** Operator: disabling an account ends all its sessions at once. */
export async function setUserEnabled(ctx: AppContext, actor: Actor, email: string, enabled: boolean): Promise<void> {
  requireAccess(actor, 'user:admin');
  const user = await userByEmail(ctx, email);
  await ctx.db.transaction().execute(async (trx) => {
    await q.updateUser(trx, user.id, { disabledAt: enabled ? null : ctx.clock.now() });
    if (!enabled) await revokeSessions(trx, actorId(actor), user.id, ctx.clock.now());
    await audit(
      trx,
      {
        actor: actorId(actor),
        action: enabled ? 'user.enable' : 'user.disable',
        objectType: 'user',
        objectId: user.id,
      },
      ctx.clock.now(),
    );
  });
}

/** Operator: for a person who lost their authenticator and their recovery codes. */
export async function resetTwoFactor(ctx: AppContext, actor: Actor, email: string): Promise<void> {
  requireAccess(actor, 'user:admin');
  const user = await userByEmail(ctx, email);
  await ctx.db.transaction().execute(async (trx) => {
    await clearTotp(trx, user.id);
    await revokeSessions(trx, actorId(actor), user.id, ctx.clock.now());
    await audit(
      trx,
      { actor: actorId(actor), action: 'totp.reset', objectType: 'user', objectId: user.id },
      ctx.clock.now(),
    );
  });
  await notifyChange(ctx, user, 'totp-reset');
}
