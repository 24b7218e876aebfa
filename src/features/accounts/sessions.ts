// Server-side sessions. The cookie holds a 256-bit random token; the database holds only its hash and
// a short public id (to list and revoke). A session ends after an idle time, after an absolute time,
// at sign-out, and when its account or any membership is disabled. Each ending is audited (by user id).
// A full session also carries the member's key pair, sealed under a secret derived from the cookie's token.
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import { newId } from '../../platform/ids.ts';
import type { KeyPair } from '../../platform/member-keys.ts';
import type { DecoyView } from '../../platform/access.ts';
import { sealSessionKeys } from './keys.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../platform/tokens.ts';
import {
  endAllSessions,
  endSession,
  findSessionByToken,
  insertSession,
  touchSession,
  type Session,
  type Stage,
} from './queries.ts';

/** A session waiting for its second factor lives only this long. */
export const SECOND_FACTOR_MS = 5 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** A new session and its token; the token is shown to the browser once and never stored. */
export async function startSession(
  ctx: AppContext,
  userId: string,
  stage: Stage,
  pair: KeyPair | undefined,
  decoy?: DecoyView,
): Promise<{ token: string; session: Session }> {
  const now = ctx.clock.now();
  const lifetime = stage === 'full' ? ctx.config.sessionMaxHours * 3600_000 : SECOND_FACTOR_MS;
  const { token, hash } = newToken();
  const id = newId(12);
  const session: Session = {
    id,
    userId,
    stage,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetime),
    sealedKeys: pair || decoy ? sealSessionKeys(token, id, { pair, decoy }) : null,
  };
  await insertSession(ctx.db, session, hash);
  return { token, session };
}

/** The live session a token names, or null; an expired or idle one is deleted on the way. */
export async function resumeSession(ctx: AppContext, token: string | undefined): Promise<Session | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const session = await findSessionByToken(ctx.db, hashToken(token));
  if (!session) return null;
  const now = ctx.clock.now();
  const idleLimit = session.stage === 'full' ? ctx.config.sessionIdleMinutes * 60_000 : SECOND_FACTOR_MS;
  if (now >= session.expiresAt || now.getTime() - session.lastSeenAt.getTime() >= idleLimit) {
    await endSession(ctx.db, session.id);
    await audit(
      ctx.db,
      { actor: 'system', action: 'session.expire', objectType: 'user', objectId: session.userId },
      now,
    );
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(ctx.db, session.id, now);
    session.lastSeenAt = now;
  }
  return session;
}

/**
 * Ends the account's sessions (all but `exceptId`) because of a security change (a new password or second
 * factor, a disabled account or membership); when any ended, that is audited with the same transaction.
 */
export async function revokeSessions(
  db: Db,
  actor: string,
  userId: string,
  now: Date,
  exceptId?: string,
  orgId?: string,
): Promise<number> {
  const ended = await endAllSessions(db, userId, exceptId);
  // Ended by someone else in an organisation: the entry is the organisation's (sealed), as it links the two.
  if (ended > 0) await audit(db, { actor, action: 'session.revoke', objectType: 'user', objectId: userId, orgId }, now);
  return ended;
}
