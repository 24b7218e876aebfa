// Signing in and out. Unknown addresses, disabled accounts and wrong passwords all get the same answer
// after the same work (an argon2id verification), so the form does not reveal who has an account.
import type { AppContext } from '../../../context.ts';
import { actorId, anonymous, requireAccess, type Actor, type DecoyView } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { later } from '../../../platform/background.ts';
import { emptyKeys } from '../../../platform/keyring.ts';
import { fail, ok, problem, type Problems, type Result } from '../../../platform/errors.ts';
import { admitGrants, openSessionKeys, unlockKeyPair } from '../keys.ts';
import { verifyAgainstDummy, verifyPassword } from '../passwords.ts';
import { endSession, findUserById, findUserByLookup, type Session, type UserRow } from '../queries.ts';
import { resumeSession, startSession } from '../sessions.ts';
import { hashRecoveryCode, verifyTotp } from '../totp.ts';
import { userSealAt } from '../users.ts';
import { afterDuress, decoyMemberships, duressKeys, giveDuressHash } from './duress.ts';
import { membershipsOf } from '../orgs/service.ts';
import { noteSignIn } from '../../protection/remote/service.ts';
import { forgetDevice, rememberDevice, trustedDevice, DEVICE_MAX_FAILURES, type TrustedDevice } from './devices.ts';
import { codeSchema, signInSchema, type CodeInput, type SignInInput } from './input.ts';
import { claimRecoveryCode, claimTotpStep, clearAttempts } from './queries.ts';
import { codeKey, deviceKey, globalLimit, reserveAttempt, throttled } from './throttle.ts';

/** For purge (how long a device is kept) and the account page (a new password voids every reset link). */
export { DEVICE_DAYS } from './devices.ts';
export { voidPasswordResets } from './queries.ts';

/** A signed-in (or half signed-in) browser: its session token, and its device token once fully signed in. */
export interface SignedIn {
  token: string;
  stage: Session['stage'];
  deviceToken?: string;
}

const WRONG: Problems = { _form: { key: 'signin.wrong' } };

/** How long a password check takes here, so an attempt shed without one answers after the same time. */
let typicalCheckMs = 20;
async function timedCheck<T>(check: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const outcome = await check();
  typicalCheckMs = 0.8 * typicalCheckMs + 0.2 * (performance.now() - started);
  return outcome;
}

/**
 * Which secret the typed one is: the password, the duress passphrase, or neither. Both hashes are always
 * verified (a dummy stands in for a missing one), side by side, so every attempt costs the same.
 */
async function whichSecret(user: UserRow | null, typed: string): Promise<'password' | 'duress' | null> {
  const [password, duress] = await Promise.all([
    user ? verifyPassword(user.passwordHash!, typed) : verifyAgainstDummy(typed),
    user?.duressHash ? verifyPassword(user.duressHash, typed) : verifyAgainstDummy(typed),
  ]);
  return password ? 'password' : duress ? 'duress' : null;
}

/** Written after the answer, so a known address does not answer slower than an unknown one. */
function auditLater(ctx: AppContext, actor: string, action: string, userId: string) {
  const at = ctx.clock.now();
  later(ctx, 'audit', () => audit(ctx.db, { actor, action, objectType: 'user', objectId: userId }, at));
}

/**
 * The password step. A browser holding this account's device cookie is throttled on the device's own
 * counter and skips the server-wide limit; any other attempt counts against the address and the
 * server-wide limit (globalLimit), where made-up addresses are shed first.
 */
export async function signIn(
  ctx: AppContext,
  actor: Actor,
  fields: SignInInput,
  deviceToken?: string,
): Promise<Result<SignedIn>> {
  requireAccess(actor, 'session:start');
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success || parsed.data.email === '') return fail({ email: { key: 'validation.required' } });
  const lookup = ctx.lookup.email(parsed.data.email);
  const user = await findUserByLookup(ctx.db, lookup);
  const usable = user && user.passwordHash && !user.disabledAt ? user : null;
  const device = usable ? await trustedDevice(ctx.db, deviceToken, lookup) : undefined;
  const limit = device ? { waitSeconds: 0, shed: false } : await globalLimit(ctx, usable !== null);
  if (limit.waitSeconds > 0) return throttled(limit.waitSeconds);
  const key = device ? deviceKey(device.tokenHash) : lookup;
  const reserved = await reserveAttempt(ctx.db, key, ctx.clock.now());
  if (!reserved.ok) return reserved;
  if (limit.shed) {
    // Shed: a made-up address cannot succeed, so no argon2 work, but the same count, pause and answer.
    await new Promise((resolve) => setTimeout(resolve, typicalCheckMs));
    return fail(WRONG);
  }
  const outcome = await timedCheck(() => whichSecret(usable, parsed.data.password));
  if (!outcome || !usable) {
    if (device && reserved.value.failures >= DEVICE_MAX_FAILURES) await forgetDevice(ctx.db, device.tokenHash);
    if (user) auditLater(ctx, 'anonymous', 'session.fail', user.id);
    return fail(WRONG);
  }
  await clearAttempts(ctx.db, key);
  const stage = usable.sealedTotpSecret ? 'second-factor' : 'full';
  // Either way one more argon2id derivation: the key pair's, or the duress record's (decision 0016).
  const keys =
    outcome === 'password'
      ? { pair: await unlockKeyPair(ctx, usable, parsed.data.password) }
      : await duressKeys(usable, parsed.data.password);
  if (!keys) return fail(WRONG);
  const { token, session } = await startSession(ctx, usable.id, stage, keys.pair, keys.decoy);
  if (outcome === 'duress') afterDuress(ctx, usable.id, session.id, keys.plan!);
  else if (!usable.duressHash) later(ctx, 'duress hash', () => giveDuressHash(ctx, usable.id));
  if (stage === 'second-factor') return ok({ token, stage });
  await audit(
    ctx.db,
    { actor: `user:${usable.id}`, action: 'session.start', objectType: 'user', objectId: usable.id },
    ctx.clock.now(),
  );
  // A sign-in under duress is not a check-in: a coerced member must not push their own deadline away.
  if (outcome === 'password') await noteSignIn(ctx, usable.id);
  return ok({ token, stage, deviceToken: await rememberDevice(ctx, deviceToken, usable) });
}

/**
 * The second step: a TOTP code, or one of the recovery codes. It has its own counter, per account (or per
 * trusted device), which a right password does not reset. A new session id replaces the pending one.
 */
export async function completeSecondFactor(
  ctx: AppContext,
  sessionToken: string | undefined,
  fields: CodeInput,
  deviceToken?: string,
): Promise<Result<SignedIn>> {
  const pending = await resumeSession(ctx, sessionToken);
  const user = pending?.stage === 'second-factor' ? await findUserById(ctx.db, pending.userId) : undefined;
  if (!pending || !user || user.disabledAt || !user.sealedTotpSecret) return fail({ _form: { key: 'signin.expired' } });
  const parsed = codeSchema.safeParse(fields);
  if (!parsed.success) return fail({ code: { key: 'validation.required' } });
  const device = await trustedDevice(ctx.db, deviceToken, user.emailLookup);
  const checked = await checkSecondFactor(ctx, user, parsed.data.code, device);
  if (!checked.ok) return checked;
  await endSession(ctx.db, pending.id);
  const keys = openSessionKeys(sessionToken!, pending.id, pending.sealedKeys);
  const { token } = await startSession(ctx, user.id, 'full', keys?.pair, keys?.decoy);
  await audit(
    ctx.db,
    { actor: `user:${user.id}`, action: 'session.start', objectType: 'user', objectId: user.id },
    ctx.clock.now(),
  );
  if (!keys?.decoy) await noteSignIn(ctx, user.id);
  return ok({ token, stage: 'full', deviceToken: await rememberDevice(ctx, deviceToken, user) });
}

/** A code (TOTP or recovery) under the code counter; failures are audited. Also used to re-authenticate. */
async function checkSecondFactor(
  ctx: AppContext,
  user: UserRow,
  code: string,
  device?: TrustedDevice,
): Promise<Result<null>> {
  const key = device ? deviceKey(`code:${device.tokenHash}`) : codeKey(user.id);
  const reserved = await reserveAttempt(ctx.db, key, ctx.clock.now());
  if (!reserved.ok) return reserved;
  if (!(await acceptsCode(ctx, user, code))) {
    if (device && reserved.value.failures >= DEVICE_MAX_FAILURES) await forgetDevice(ctx.db, device.tokenHash);
    await audit(
      ctx.db,
      { actor: `user:${user.id}`, action: 'session.code-fail', objectType: 'user', objectId: user.id },
      ctx.clock.now(),
    );
    return fail({ code: { key: 'signin.badCode' } });
  }
  await clearAttempts(ctx.db, key);
  return ok(null);
}

async function acceptsCode(ctx: AppContext, user: UserRow, code: string): Promise<boolean> {
  if (!user.sealedTotpSecret) return false;
  if (/^[\d\s]+$/.test(code)) {
    const secret = await ctx.sealer.open(userSealAt(user.id, 'totp_secret'), user.sealedTotpSecret);
    const step = verifyTotp(secret, code, ctx.clock.now(), user.totpLastStep);
    return step !== null && (await claimTotpStep(ctx.db, user.id, step));
  }
  return claimRecoveryCode(ctx.db, user.id, hashRecoveryCode(code), ctx.clock.now());
}

/**
 * Asks a signed-in person again before a change to how they sign in (replacing the authenticator): the
 * password, then a current code or recovery code, each under its own counter.
 */
export async function reauthenticate(
  ctx: AppContext,
  user: UserRow,
  password: string,
  current: string,
): Promise<Result<null>> {
  const key = `reauth:${user.id}`;
  const reserved = await reserveAttempt(ctx.db, key, ctx.clock.now());
  if (!reserved.ok) return reserved;
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password)))
    return fail(problem('password', 'password.wrongCurrent'));
  await clearAttempts(ctx.db, key);
  const checked = await checkSecondFactor(ctx, user, current);
  return checked.ok ? ok(null) : fail({ current: checked.problems.code ?? checked.problems._form! });
}

export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.kind !== 'user') return;
  await endSession(ctx.db, actor.sessionId);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'session.end', objectType: 'user', objectId: actor.userId },
    ctx.clock.now(),
  );
}

/**
 * Who a live, fully signed-in session acts as; a disabled account ends the session. Runs with the
 * session's key pair held: the grants it opens bring the keys of the person's organisations.
 */
export async function actorForSession(ctx: AppContext, session: Session | null, decoy?: DecoyView): Promise<Actor> {
  if (!session || session.stage !== 'full') return anonymous;
  const user = await findUserById(ctx.db, session.userId);
  if (!user || user.disabledAt) {
    await endSession(ctx.db, session.id);
    if (user)
      await audit(
        ctx.db,
        { actor: 'system', action: 'session.revoke', objectType: 'user', objectId: user.id },
        ctx.clock.now(),
      );
    return anonymous;
  }
  const self = { kind: 'user', userId: user.id, sessionId: session.id, mfa: user.sealedTotpSecret !== null } as const;
  // A duress sign-in's session (decision 0016): no keys, one empty organisation, no platform role.
  if (decoy) return { ...self, platformRole: null, memberships: decoyMemberships(decoy), decoy };
  await admitGrants(ctx, user.id);
  return { ...self, platformRole: user.platformRole, memberships: await membershipsOf(ctx, user.id) };
}

/**
 * A command run as a member (the CLI's `monitor import`; docs/decisions/0014: only members hold their
 * organisations' keys). The password is checked under the same per-address counter as the form, and an
 * account with two-factor sign-in needs its code (TOTP or recovery code) under the code counter; then `fn`
 * runs holding the member's key pair and the keys their grants open, as them. A duress passphrase here
 * opens nothing (the answer is the same as for a wrong password) and its plan is not run.
 */
export async function runAsMember<T>(
  ctx: AppContext,
  email: string,
  secrets: { password: string; code?: string },
  fn: (actor: Actor) => Promise<T>,
): Promise<Result<T>> {
  const { password, code } = secrets;
  const lookup = ctx.lookup.email(email);
  const user = await findUserByLookup(ctx.db, lookup);
  const usable = user && user.passwordHash && !user.disabledAt ? user : null;
  const reserved = await reserveAttempt(ctx.db, lookup, ctx.clock.now());
  if (!reserved.ok) return reserved;
  if (!usable || (await whichSecret(usable, password)) !== 'password') return fail(WRONG);
  await clearAttempts(ctx.db, lookup);
  if (usable.sealedTotpSecret) {
    if (!code) return fail({ code: { key: 'signin.codeNeeded' } });
    const checked = await checkSecondFactor(ctx, usable, code);
    if (!checked.ok) return checked;
  }
  const pair = await unlockKeyPair(ctx, usable, password);
  return ctx.keyring.hold(emptyKeys(pair), async () => {
    await admitGrants(ctx, usable.id);
    const memberships = await membershipsOf(ctx, usable.id);
    const self = { kind: 'user', userId: usable.id, sessionId: 'cli', mfa: usable.sealedTotpSecret !== null } as const;
    return ok(await fn({ ...self, platformRole: usable.platformRole, memberships }));
  });
}
