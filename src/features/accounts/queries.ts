// Rows every accounts slice reads: users and their sessions. The slices' own tables are in their queries.ts.
import type { Db } from '../../db/client.ts';
import type { SessionTable, UserTable } from '../../db/schema.ts';
import { readDate, readOptionalDate, writeDate } from '../../db/values.ts';
import type { PlatformRole } from '../../platform/access.ts';

export interface UserRow {
  id: string;
  emailLookup: string;
  sealedEmail: string;
  sealedName: string;
  passwordHash: string | null;
  platformRole: PlatformRole | null;
  sealedTotpSecret: string | null;
  totpLastStep: number | null;
  sealedTotpPending: string | null;
  disabledAt: Date | null;
  createdAt: Date;
  publicKey: string | null;
  wrappedPrivateKey: string | null;
  accessLostAt: Date | null;
  /** argon2id hash of the duress passphrase or of a random secret; null until the account's first sign-in after 0009. */
  duressHash: string | null;
  /** The duress record, sealed under the duress passphrase (or a random one). */
  sealedDuress: string | null;
}

function toUser(r: UserTable): UserRow {
  return {
    id: r.id,
    emailLookup: r.email_lookup,
    sealedEmail: r.email,
    sealedName: r.name,
    passwordHash: r.password_hash,
    platformRole: r.platform_role,
    sealedTotpSecret: r.totp_secret,
    totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
    sealedTotpPending: r.totp_pending,
    disabledAt: readOptionalDate(r.disabled_at),
    createdAt: readDate(r.created_at),
    publicKey: r.public_key,
    wrappedPrivateKey: r.private_key,
    accessLostAt: readOptionalDate(r.access_lost_at),
    duressHash: r.duress_hash,
    sealedDuress: r.duress,
  };
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByLookup(db: Db, lookup: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email_lookup', '=', lookup).executeTakeFirst();
  return row && toUser(row);
}

export async function insertUser(
  db: Db,
  u: Pick<
    UserRow,
    'id' | 'emailLookup' | 'sealedEmail' | 'sealedName' | 'passwordHash' | 'platformRole' | 'createdAt' | 'publicKey'
  > & { wrappedPrivateKey: string; duressHash: string; sealedDuress: string },
) {
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email_lookup: u.emailLookup,
      email: u.sealedEmail,
      name: u.sealedName,
      password_hash: u.passwordHash,
      platform_role: u.platformRole,
      totp_secret: null,
      totp_last_step: null,
      totp_pending: null,
      disabled_at: null,
      created_at: writeDate(u.createdAt),
      public_key: u.publicKey,
      private_key: u.wrappedPrivateKey,
      access_lost_at: null,
      duress_hash: u.duressHash,
      duress: u.sealedDuress,
    })
    .execute();
}

export async function updateUser(
  db: Db,
  id: string,
  set: Partial<{
    passwordHash: string;
    platformRole: PlatformRole | null;
    sealedTotpSecret: string | null;
    totpLastStep: number | null;
    sealedTotpPending: string | null;
    disabledAt: Date | null;
    publicKey: string | null;
    wrappedPrivateKey: string | null;
    accessLostAt: Date | null;
    duressHash: string;
    sealedDuress: string;
  }>,
) {
  await db
    .updateTable('users')
    .set({
      ...('passwordHash' in set ? { password_hash: set.passwordHash } : {}),
      ...('platformRole' in set ? { platform_role: set.platformRole } : {}),
      ...('sealedTotpSecret' in set ? { totp_secret: set.sealedTotpSecret } : {}),
      ...('totpLastStep' in set ? { totp_last_step: set.totpLastStep } : {}),
      ...('sealedTotpPending' in set ? { totp_pending: set.sealedTotpPending } : {}),
      ...('disabledAt' in set ? { disabled_at: set.disabledAt ? writeDate(set.disabledAt) : null } : {}),
      ...('publicKey' in set ? { public_key: set.publicKey } : {}),
      ...('wrappedPrivateKey' in set ? { private_key: set.wrappedPrivateKey } : {}),
      ...('accessLostAt' in set ? { access_lost_at: set.accessLostAt ? writeDate(set.accessLostAt) : null } : {}),
      ...('duressHash' in set ? { duress_hash: set.duressHash } : {}),
      ...('sealedDuress' in set ? { duress: set.sealedDuress } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Gives an account made before 0009 its duress hash and record; one set meanwhile is kept. */
export async function fillDuress(db: Db, id: string, duress: { duressHash: string; sealedDuress: string }) {
  await db
    .updateTable('users')
    .set({ duress_hash: duress.duressHash, duress: duress.sealedDuress })
    .where('id', '=', id)
    .where('duress_hash', 'is', null)
    .execute();
}

export type Stage = SessionTable['stage'];

export interface Session {
  id: string;
  userId: string;
  stage: Stage;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  /** The member's key pair, sealed under the cookie token's secret. */
  sealedKeys: string | null;
}

function toSession(r: SessionTable): Session {
  return {
    id: r.id,
    userId: r.user_id,
    stage: r.stage,
    createdAt: readDate(r.created_at),
    lastSeenAt: readDate(r.last_seen_at),
    expiresAt: readDate(r.expires_at),
    sealedKeys: r.keys,
  };
}

export async function insertSession(db: Db, session: Session, tokenHash: string): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      token_hash: tokenHash,
      user_id: session.userId,
      stage: session.stage,
      created_at: writeDate(session.createdAt),
      last_seen_at: writeDate(session.lastSeenAt),
      expires_at: writeDate(session.expiresAt),
      keys: session.sealedKeys,
    })
    .execute();
}

export async function findSessionByToken(db: Db, tokenHash: string): Promise<Session | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toSession(row);
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: writeDate(at) })
    .where('id', '=', id)
    .execute();
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

/** The boxes holding a user's organisation secrets, oldest first. */
export async function grantsOf(db: Db, userId: string): Promise<{ id: string; box: string }[]> {
  return db
    .selectFrom('key_grants')
    .select(['id', 'box'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Puts (or replaces) one grant; its id is a tag under the organisation's key and the user's id. */
export async function putGrant(db: Db, grant: { id: string; userId: string; box: string; now: Date }): Promise<void> {
  await db.deleteFrom('key_grants').where('id', '=', grant.id).execute();
  await db
    .insertInto('key_grants')
    .values({ id: grant.id, user_id: grant.userId, box: grant.box, created_at: writeDate(grant.now) })
    .execute();
}

export async function deleteGrants(db: Db, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return Number((await db.deleteFrom('key_grants').where('id', 'in', ids).executeTakeFirst()).numDeletedRows);
}

export async function deleteGrantsOf(db: Db, userId: string): Promise<number> {
  return Number((await db.deleteFrom('key_grants').where('user_id', '=', userId).executeTakeFirst()).numDeletedRows);
}

/** The salt an organisation's data key is derived with (null before 0007); undefined if it was erased. */
export async function orgKeySalt(db: Db, orgId: string): Promise<{ salt: string | null } | undefined> {
  const row = await db.selectFrom('organisations').select('key_salt').where('id', '=', orgId).executeTakeFirst();
  return row && { salt: row.key_salt };
}
