// Rows of organisations and memberships. Every query of an organisation's data takes its organisation id.
import type { Db } from '../../../db/client.ts';
import { dialectOf } from '../../../db/dialect.ts';
import { readDate, writeDate } from '../../../db/values.ts';
import type { OrgRole } from '../../../platform/access.ts';

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

/** Every organisation on the server, oldest first. */
export async function allOrgs(db: Db): Promise<{ id: string; sealedName: string }[]> {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, sealedName: r.name }));
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

/** Deletes the organisation's pending invitations to a user's address (disabling them); returns their ids. */
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
