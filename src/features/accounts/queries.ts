// Rows of users, organisations, memberships and invitations. Every query of an organisation's data
// takes its organisation id.
import type { Db } from '../../db/client.ts';
import type { InvitationTable, UserTable } from '../../db/schema.ts';
import { dialectOf } from '../../db/dialect.ts';
import { readDate, readOptionalDate, writeDate } from '../../db/values.ts';
import type { OrgRole, PlatformRole } from '../../platform/access.ts';

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
  u: Pick<UserRow, 'id' | 'emailLookup' | 'sealedEmail' | 'sealedName' | 'passwordHash' | 'platformRole' | 'createdAt'>,
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
    })
    .where('id', '=', id)
    .execute();
}

/** Stores a pending TOTP secret; with `ifStill`, only when the slot still holds that value (null: empty). */
export async function setTotpPending(db: Db, userId: string, sealed: string, ifStill?: string | null): Promise<void> {
  let query = db.updateTable('users').set({ totp_pending: sealed }).where('id', '=', userId);
  if (ifStill !== undefined)
    query = ifStill === null ? query.where('totp_pending', 'is', null) : query.where('totp_pending', '=', ifStill);
  await query.execute();
}

/** Records a TOTP step as used, once: a second sign-in with the same code loses the race. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface MembershipRow {
  orgId: string;
  userId: string;
  role: OrgRole;
  requireMfa: boolean;
  sealedOrgName: string;
}

/** A user's active memberships, with what the access check needs of each organisation. */
export async function membershipsOf(db: Db, userId: string): Promise<MembershipRow[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'm.user_id', 'm.role', 'o.require_mfa', 'o.name'])
    .where('m.user_id', '=', userId)
    .where('m.disabled_at', 'is', null)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    userId: r.user_id,
    role: r.role,
    requireMfa: Boolean(r.require_mfa),
    sealedOrgName: r.name,
  }));
}

export async function orgMembers(db: Db, orgId: string) {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'm.role', 'm.disabled_at', 'm.created_at', 'u.email', 'u.name', 'u.totp_secret'])
    .where('m.org_id', '=', orgId)
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    role: r.role,
    disabled: r.disabled_at !== null,
    since: readDate(r.created_at),
    sealedEmail: r.email,
    sealedName: r.name,
    hasTotp: r.totp_secret !== null,
  }));
}

export async function upsertMembership(db: Db, orgId: string, userId: string, role: OrgRole, now: Date) {
  await db
    .insertInto('memberships')
    .values({ org_id: orgId, user_id: userId, role, disabled_at: null, created_at: writeDate(now) })
    .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ role, disabled_at: null }))
    .execute();
}

export async function updateMembership(
  db: Db,
  orgId: string,
  userId: string,
  set: { role?: OrgRole; disabledAt?: Date | null },
): Promise<boolean> {
  const result = await db
    .updateTable('memberships')
    .set({
      ...(set.role ? { role: set.role } : {}),
      ...('disabledAt' in set ? { disabled_at: set.disabledAt ? writeDate(set.disabledAt) : null } : {}),
    })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countOwners(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOrg(db: Db, orgId: string) {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  return (
    row && {
      id: row.id,
      sealedName: row.name,
      requireMfa: Boolean(row.require_mfa),
      createdAt: readDate(row.created_at),
    }
  );
}

export async function insertOrg(db: Db, org: { id: string; sealedName: string; now: Date }) {
  await db
    .insertInto('organisations')
    .values({ id: org.id, name: org.sealedName, require_mfa: 0, created_at: writeDate(org.now) })
    .execute();
}

export async function setOrgRequireMfa(db: Db, orgId: string, requireMfa: boolean) {
  // 0 and 1 are read as booleans by PostgreSQL and stored as integers by SQLite.
  await db
    .updateTable('organisations')
    .set({ require_mfa: requireMfa ? 1 : 0 })
    .where('id', '=', orgId)
    .execute();
}

export interface InvitationRow {
  id: string;
  orgId: string | null;
  emailLookup: string;
  sealedEmail: string;
  role: InvitationTable['role'];
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
}

function toInvitation(r: InvitationTable): InvitationRow {
  return {
    id: r.id,
    orgId: r.org_id,
    emailLookup: r.email_lookup,
    sealedEmail: r.email,
    role: r.role,
    expiresAt: readDate(r.expires_at),
    acceptedAt: readOptionalDate(r.accepted_at),
    createdAt: readDate(r.created_at),
  };
}

export async function insertInvitation(
  db: Db,
  inv: Omit<InvitationRow, 'acceptedAt'> & { tokenHash: string; invitedBy: string },
) {
  await db
    .insertInto('invitations')
    .values({
      id: inv.id,
      token_hash: inv.tokenHash,
      org_id: inv.orgId,
      email_lookup: inv.emailLookup,
      email: inv.sealedEmail,
      role: inv.role,
      invited_by: inv.invitedBy,
      expires_at: writeDate(inv.expiresAt),
      accepted_at: null,
      created_at: writeDate(inv.createdAt),
    })
    .execute();
}

export async function findInvitationByToken(db: Db, tokenHash: string): Promise<InvitationRow | undefined> {
  const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toInvitation(row);
}

export async function pendingInvitations(db: Db, orgId: string, now: Date): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', writeDate(now))
    .orderBy('created_at')
    .execute();
  return rows.map(toInvitation);
}

/** Marks an invitation used, once. */
export async function claimInvitation(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: writeDate(now) })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws a pending invitation of this organisation; false when there is none by that id. */
export async function deleteInvitation(db: Db, orgId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('invitations')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Deletes the organisation's pending invitations to a user's address; returns their ids. */
export async function withdrawInvitationsTo(db: Db, orgId: string, userId: string): Promise<string[]> {
  const user = await db.selectFrom('users').select('email_lookup').where('id', '=', userId).executeTakeFirst();
  if (!user) return [];
  const rows = await db
    .deleteFrom('invitations')
    .where('org_id', '=', orgId)
    .where('email_lookup', '=', user.email_lookup)
    .where('accepted_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Within a transaction: holds the organisation's row until commit (PostgreSQL; SQLite writes one at a time). */
export async function lockOrg(trx: Db, orgId: string): Promise<void> {
  if (dialectOf(trx) === 'postgres')
    await trx.selectFrom('organisations').select('id').where('id', '=', orgId).forUpdate().execute();
}

export async function isActiveMember(db: Db, orgId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]) {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length > 0)
    await db
      .insertInto('recovery_codes')
      .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })))
      .execute();
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Uses a recovery code once; false when it is unknown or already used. */
export async function claimRecoveryCode(db: Db, userId: string, codeHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: writeDate(at) })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
