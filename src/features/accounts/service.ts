// Signing in and out. Unknown addresses, disabled accounts and wrong passwords all get the same answer
// after the same work (an argon2id verification), so the form does not reveal who has an account.
import type { AppContext } from '../../context.ts';
import { actorId, anonymous, requireAccess, type Actor, type Membership } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import type { FormProblems } from '../../platform/errors.ts';
import { codeSchema, signInSchema } from './input.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { claimRecoveryCode, claimTotpStep, findUserById, findUserByLookup, membershipsOf, type UserRow } from './queries.ts';
import { endSession, startSession, type Session } from './sessions.ts';
import { clearFailures, recordFailure, throttleWait } from './throttle.ts';
import { emailLookup } from './tokens.ts';
import { hashRecoveryCode, verifyTotp } from './totp.ts';

export type SignInResult =
  | { ok: true; token: string; stage: Session['stage'] }
  | { ok: false; problems: FormProblems; retryAfterSeconds?: number };

const WRONG: FormProblems = { _form: { key: 'signin.wrong' } };
const throttled = (seconds: number): SignInResult => ({ ok: false, problems: { _form: { key: 'signin.throttled', values: { seconds } } }, retryAfterSeconds: seconds });

export const userSealAt = (userId: string, column: 'email' | 'name' | 'totp_secret') => ({ scope: 'platform', table: 'users', column, rowId: userId });

export async function signIn(ctx: AppContext, actor: Actor, fields: Record<string, unknown>): Promise<SignInResult> {
  requireAccess(actor, 'session:start');
  const parsed = signInSchema.safeParse(fields);
  if (!parsed.success || parsed.data.email === '') return { ok: false, problems: { email: { key: 'validation.required' } } };
  const lookup = emailLookup(ctx.serverKey, parsed.data.email);
  const wait = await throttleWait(ctx, lookup);
  if (wait > 0) return throttled(wait);
  const user = await findUserByLookup(ctx.db, lookup);
  const usable = user && user.passwordHash && !user.disabledAt ? user : null;
  const good = usable ? await verifyPassword(usable.passwordHash!, parsed.data.password) : await verifyAgainstDummy(parsed.data.password);
  if (!good || !usable) {
    await recordFailure(ctx, lookup);
    return { ok: false, problems: WRONG };
  }
  await clearFailures(ctx, lookup);
  const stage = usable.sealedTotpSecret ? 'second-factor' : 'full';
  const { token } = await startSession(ctx, usable.id, stage);
  if (stage === 'full') await audit(ctx.db, { actor: `user:${usable.id}`, action: 'session.start', objectType: 'user', objectId: usable.id }, ctx.clock.now());
  return { ok: true, token, stage };
}

/** The second step: a TOTP code, or one of the recovery codes. A new session id replaces the pending one. */
export async function completeSecondFactor(ctx: AppContext, pending: Session | null, fields: Record<string, unknown>): Promise<SignInResult> {
  const user = pending?.stage === 'second-factor' ? await findUserById(ctx.db, pending.userId) : undefined;
  if (!pending || !user || user.disabledAt || !user.sealedTotpSecret) return { ok: false, problems: { _form: { key: 'signin.expired' } } };
  const parsed = codeSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: { code: { key: 'validation.required' } } };
  const wait = await throttleWait(ctx, user.emailLookup);
  if (wait > 0) return throttled(wait);
  if (!(await acceptsCode(ctx, user, parsed.data.code))) {
    await recordFailure(ctx, user.emailLookup);
    return { ok: false, problems: { code: { key: 'signin.badCode' } } };
  }
  await clearFailures(ctx, user.emailLookup);
  await endSession(ctx.db, pending.id);
  const { token } = await startSession(ctx, user.id, 'full');
  await audit(ctx.db, { actor: `user:${user.id}`, action: 'session.start', objectType: 'user', objectId: user.id }, ctx.clock.now());
  return { ok: true, token, stage: 'full' };
}

async function acceptsCode(ctx: AppContext, user: UserRow, code: string): Promise<boolean> {
  if (/^[\d\s]+$/.test(code)) {
    const secret = await ctx.sealer.open(userSealAt(user.id, 'totp_secret'), user.sealedTotpSecret!);
    const step = verifyTotp(secret, code, ctx.clock.now(), user.totpLastStep);
    return step !== null && (await claimTotpStep(ctx.db, user.id, step));
  }
  return claimRecoveryCode(ctx.db, user.id, hashRecoveryCode(code), ctx.clock.now());
}

export async function signOut(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.kind !== 'user') return;
  await endSession(ctx.db, actor.sessionId);
  await audit(ctx.db, { actor: actorId(actor), action: 'session.end', objectType: 'user', objectId: actor.userId }, ctx.clock.now());
}

/** Who a live, fully signed-in session acts as; a disabled account ends the session. */
export async function actorForSession(ctx: AppContext, session: Session | null): Promise<Actor> {
  if (!session || session.stage !== 'full') return anonymous;
  const user = await findUserById(ctx.db, session.userId);
  if (!user || user.disabledAt) {
    await endSession(ctx.db, session.id);
    return anonymous;
  }
  const memberships = new Map<string, Membership>();
  for (const m of await membershipsOf(ctx.db, user.id)) memberships.set(m.orgId, { role: m.role, requireMfa: m.requireMfa });
  return { kind: 'user', userId: user.id, sessionId: session.id, platformRole: user.platformRole, mfa: user.sealedTotpSecret !== null, memberships };
}
