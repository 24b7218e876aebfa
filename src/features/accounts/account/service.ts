// A person's own account: password, two-factor, sessions. And the operator's levers on accounts.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { notifyChange } from '../change-notice.ts';
import { rewrapKeyPair } from '../keys.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../passwords.ts';
import {
  endAllSessions,
  endUserSession,
  findUserById,
  findUserByLookup,
  listSessions,
  updateUser,
  type UserRow,
} from '../queries.ts';
import { revokeSessions } from '../sessions.ts';
import {
  formatSecret,
  generateRecoveryCodes,
  generateTotpSecret,
  hashRecoveryCode,
  otpauthUri,
  qrSvg,
  verifyTotp,
} from '../totp.ts';
import { userSealAt } from '../users.ts';
import { reauthenticate, voidPasswordResets } from '../auth/service.ts';
import {
  changePasswordSchema,
  passwordOnlySchema,
  totpConfirmSchema,
  type ChangePasswordInput,
  type PasswordOnlyInput,
  type TotpConfirmInput,
} from './input.ts';
import { countUnusedRecoveryCodes, replaceRecoveryCodes, setTotpPending } from './queries.ts';

/** For the safety page (protection/safety): the duress passphrase follows the password's rules and hashing. */
export { hashPassword, newPasswordSchema, passwordProblem, PASSWORD_LIMITS, PASSWORD_MAX } from '../passwords.ts';

async function self(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'account:self');
  const user = actor.kind === 'user' ? await findUserById(ctx.db, actor.userId) : undefined;
  if (!user || actor.kind !== 'user') throw new NotFoundError('no such account');
  return { user, actor };
}

/**
 * The address of an enabled account, for mail a background job sends about an organisation's work (a
 * helpline's SLA alerts, legislation alerts); undefined for an unknown or disabled account, and for one
 * whose access was cut off or lost (a reported detention, a missed check-in, a reset password) until an
 * admin grants it again: its mailbox may no longer be the person's alone. No actor: no request is behind it.
 */
export async function userEmail(ctx: AppContext, userId: string): Promise<string | undefined> {
  const user = await mailableUser(ctx, userId);
  return user && ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail);
}

/** Whether userEmail would give an address. */
export const canBeMailed = async (ctx: AppContext, userId: string): Promise<boolean> =>
  (await mailableUser(ctx, userId)) !== undefined;

async function mailableUser(ctx: AppContext, userId: string) {
  const user = await findUserById(ctx.db, userId);
  return user && !user.disabledAt && !user.accessLostAt ? user : undefined;
}

/** Who is signed in, by name and address. */
export async function myProfile(ctx: AppContext, actor: Actor) {
  const me = await profile(ctx, (await self(ctx, actor)).user);
  // A duress sign-in's decoy (decision 0016) never says that access was lost.
  return isDecoy(actor) ? { ...me, accessLostAt: null } : me;
}

async function profile(ctx: AppContext, user: UserRow) {
  return {
    email: await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail),
    name: await ctx.sealer.open(userSealAt(user.id, 'name'), user.sealedName),
    /** When the account's keys were last replaced, if its organisations have not all granted them again. */
    accessLostAt: user.accessLostAt,
  };
}

/** Whether `candidate` is the signed-in person's password (an argon2id verification). */
export async function isMyPassword(ctx: AppContext, actor: Actor, candidate: string): Promise<boolean> {
  const { user } = await self(ctx, actor);
  return user.passwordHash !== null && (await verifyPassword(user.passwordHash, candidate));
}

export async function accountOverview(ctx: AppContext, actor: Actor) {
  const { user, actor: me } = await self(ctx, actor);
  return {
    ...(await profile(ctx, user)),
    platformRole: user.platformRole,
    hasTotp: user.sealedTotpSecret !== null,
    recoveryCodesLeft: await countUnusedRecoveryCodes(ctx.db, user.id),
    sessions: (await listSessions(ctx.db, user.id)).map((s) => ({ ...s, current: s.id === me.sessionId })),
  };
}

/** A new password ends every other session and voids every reset link: whoever else held one is out. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  fields: ChangePasswordInput,
): Promise<Result<null>> {
  const { user, actor: me } = await self(ctx, actor);
  const parsed = changePasswordSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.current)))
    return fail(problem('current', 'password.wrongCurrent'));
  const email = await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail);
  const weak = passwordProblem(parsed.data.password, email);
  if (weak) return fail(problem('password', `password.${weak}`));
  const passwordHash = await hashPassword(parsed.data.password);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { passwordHash });
    await rewrapKeyPair(ctx, trx, user.id, parsed.data.password);
    await voidPasswordResets(trx, user.id, ctx.clock.now());
    await revokeSessions(trx, actorId(actor), user.id, ctx.clock.now(), me.sessionId);
    await audit(
      trx,
      { actor: actorId(actor), action: 'password.change', objectType: 'user', objectId: user.id },
      ctx.clock.now(),
    );
  });
  await notifyChange(ctx, user, 'password');
  return ok(null);
}

/** The pending secret, sealed in the user's row: the same key on every visit until confirmed or replaced. */
async function pendingSecret(ctx: AppContext, user: UserRow): Promise<string> {
  if (user.sealedTotpPending) {
    const kept = await ctx.sealer.open(userSealAt(user.id, 'totp_pending'), user.sealedTotpPending).catch(() => null);
    if (kept) return kept;
  }
  const secret = generateTotpSecret();
  // Two first visits at once keep one secret: only an empty slot is filled, then the row is read again.
  await setTotpPending(
    ctx.db,
    user.id,
    await ctx.sealer.seal(userSealAt(user.id, 'totp_pending'), secret),
    user.sealedTotpPending,
  );
  const again = await findUserById(ctx.db, user.id);
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
  await setTotpPending(
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
  fields: TotpConfirmInput,
): Promise<Result<{ recoveryCodes: string[] }>> {
  const { user, actor: me } = await self(ctx, actor);
  const parsed = totpConfirmSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const secret = user.sealedTotpPending
    ? await ctx.sealer.open(userSealAt(user.id, 'totp_pending'), user.sealedTotpPending).catch(() => null)
    : null;
  const step = secret ? verifyTotp(secret, parsed.data.code, ctx.clock.now(), null) : null;
  if (!secret || step === null) return fail(problem('code', 'signin.badCode'));
  const replacing = user.sealedTotpSecret !== null;
  if (replacing) {
    const checked = await reauthenticate(ctx, user, parsed.data.password, parsed.data.current);
    if (!checked.ok) return fail(checked.problems);
  }
  const codes = generateRecoveryCodes();
  const sealed = await ctx.sealer.seal(userSealAt(user.id, 'totp_secret'), secret);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { sealedTotpSecret: sealed, totpLastStep: step, sealedTotpPending: null });
    await replaceRecoveryCodes(trx, user.id, codes.map(hashRecoveryCode));
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
  return ok({ recoveryCodes: codes });
}

export async function disableTotp(ctx: AppContext, actor: Actor, fields: PasswordOnlyInput): Promise<Result<null>> {
  const { user } = await self(ctx, actor);
  const parsed = passwordOnlySchema.safeParse(fields);
  if (!parsed.success || !user.passwordHash || !(await verifyPassword(user.passwordHash, parsed.data.password))) {
    return fail(problem('password', 'password.wrongCurrent'));
  }
  await clearTotp(ctx.db, user.id);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'totp.disable', objectType: 'user', objectId: user.id },
    ctx.clock.now(),
  );
  await notifyChange(ctx, user, 'totp-off');
  return ok(null);
}

async function clearTotp(db: Db, userId: string) {
  await updateUser(db, userId, { sealedTotpSecret: null, totpLastStep: null, sealedTotpPending: null });
  await replaceRecoveryCodes(db, userId, []);
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
  const user = await findUserByLookup(ctx.db, ctx.lookup.email(email));
  if (!user) throw new NotFoundError('no account with that address');
  return user;
}

/** Operator: disabling an account ends all its sessions at once. */
export async function setUserEnabled(ctx: AppContext, actor: Actor, email: string, enabled: boolean): Promise<void> {
  requireAccess(actor, 'user:admin');
  const user = await userByEmail(ctx, email);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { disabledAt: enabled ? null : ctx.clock.now() });
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
