// Server-side sessions. The cookie holds a 256-bit random token; the database holds only its hash and
// a short public id (to list and revoke). A session ends after an idle time, after an absolute time,
// at sign-out, and when its account or any membership is disabled. Each ending is audited (by user id).
import type { AppContext } from '../../context.ts';
import { audit } from '../../platform/audit.ts';
import type { Db } from '../../db/client.ts';
import type { SessionTable } from '../../db/schema.ts';
import { readDate, writeDate } from '../../db/values.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../platform/tokens.ts';
import { newId } from '../../platform/ids.ts';

export type Stage = SessionTable['stage'];

export interface Session {
  id: string;
  userId: string;
  stage: Stage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** A session waiting for its second factor lives only this long. */
export const SECOND_FACTOR_MS = 5 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

function toSession(r: SessionTable): Session {
  return {
    id: r.id,
    userId: r.user_id,
    stage: r.stage,
    createdAt: readDate(r.created_at),
    lastSeenAt: readDate(r.last_seen_at),
    expiresAt: readDate(r.expires_at),
  };
}

/** A new session and its token; the token is shown to the browser once and never stored. */
export async function startSession(
  ctx: AppContext,
  userId: string,
  stage: Stage,
): Promise<{ token: string; session: Session }> {
  const now = ctx.clock.now();
  const lifetime = stage === 'full' ? ctx.config.sessionMaxHours * 3600_000 : SECOND_FACTOR_MS;
  const { token, hash } = newToken();
  const session: Session = {
    id: newId(12),
    userId,
    stage,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + lifetime),
  };
  await ctx.db
    .insertInto('sessions')
    .values({
      id: session.id,
      token_hash: hash,
      user_id: userId,
      stage,
      created_at: writeDate(now),
      last_seen_at: writeDate(now),
      expires_at: writeDate(session.expiresAt),
    })
    .execute();
  return { token, session };
}

/** The live session a token names, or null; an expired or idle one is deleted on the way. */
export async function resumeSession(ctx: AppContext, token: string | undefined): Promise<Session | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const row = await ctx.db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const session = toSession(row);
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
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: writeDate(now) })
      .where('id', '=', session.id)
      .execute();
    session.lastSeenAt = now;
  }
  return session;
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends one of a user's sessions; the user id keeps anyone from ending someone else's. */
export async function endUserSession(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function endAllSessions(db: Db, userId: string, exceptId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return Number((await query.executeTakeFirst()).numDeletedRows);
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
): Promise<number> {
  const ended = await endAllSessions(db, userId, exceptId);
  if (ended > 0) await audit(db, { actor, action: 'session.revoke', objectType: 'user', objectId: userId }, now);
  return ended;
}

export async function listSessions(db: Db, userId: string): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('stage', '=', 'full')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toSession);
}
