// Rows of organisations and their members. Member rows are found by tags under the organisation's key.
import type { Db } from '../../../db/client.ts';
import { dialectOf } from '../../../db/dialect.ts';
import { readDate, writeDate } from '../../../db/values.ts';

/** A member's row: named by tags under the organisation's key, its contents sealed under it. */
export interface MemberRow {
  memberTag: string;
  sealedDoc: string;
}

export async function findMemberRow(db: Db, memberTag: string): Promise<MemberRow | undefined> {
  const row = await db.selectFrom('org_members').select('doc').where('member_tag', '=', memberTag).executeTakeFirst();
  return row && { memberTag, sealedDoc: row.doc };
}

export async function memberRows(db: Db, orgTag: string): Promise<MemberRow[]> {
  const rows = await db.selectFrom('org_members').select(['member_tag', 'doc']).where('org_tag', '=', orgTag).execute();
  return rows.map((r) => ({ memberTag: r.member_tag, sealedDoc: r.doc }));
}

export async function putMemberRow(db: Db, orgTag: string, row: MemberRow): Promise<void> {
  await db
    .insertInto('org_members')
    .values({ member_tag: row.memberTag, org_tag: orgTag, doc: row.sealedDoc })
    .onConflict((oc) => oc.column('member_tag').doUpdateSet({ doc: row.sealedDoc }))
    .execute();
}

export async function findOrg(db: Db, orgId: string) {
  const row = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  return (
    row && {
      id: row.id,
      sealedName: row.name,
      requireMfa: Boolean(row.require_mfa),
      allowDuressErase: Boolean(row.allow_duress_erase),
      keySalt: row.key_salt,
      recoveryId: row.recovery_id,
      createdAt: readDate(row.created_at),
    }
  );
}

/** Every organisation on the server, oldest first. */
export async function allOrgs(db: Db): Promise<{ id: string; createdAt: Date }[]> {
  const rows = await db.selectFrom('organisations').select(['id', 'created_at']).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, createdAt: readDate(r.created_at) }));
}

export async function setRecoveryId(db: Db, orgId: string, recoveryId: string): Promise<void> {
  await db.updateTable('organisations').set({ recovery_id: recoveryId }).where('id', '=', orgId).execute();
}

export async function findRecovery(db: Db, id: string): Promise<{ wrapped: string } | undefined> {
  return db.selectFrom('org_recovery').select('wrapped').where('id', '=', id).executeTakeFirst();
}

export async function putRecovery(db: Db, row: { id: string; wrapped: string; now: Date }): Promise<void> {
  await db
    .insertInto('org_recovery')
    .values({ id: row.id, wrapped: row.wrapped, created_at: writeDate(row.now) })
    .execute();
}

export async function deleteRecovery(db: Db, id: string): Promise<void> {
  await db.deleteFrom('org_recovery').where('id', '=', id).execute();
}

export async function insertOrg(db: Db, org: { id: string; sealedName: string; keySalt: string; now: Date }) {
  await db
    .insertInto('organisations')
    .values({
      id: org.id,
      name: org.sealedName,
      require_mfa: 0,
      key_salt: org.keySalt,
      recovery_id: null,
      created_at: writeDate(org.now),
    })
    .execute();
}

/** Organisations whose key is still wrapped by the server key (made before 0007, no owner signed in since). */
export async function serverHeldOrgIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('org_keys').select('org_id').execute()).map((r) => r.org_id);
}

export async function dropServerHeldKey(db: Db, orgId: string): Promise<void> {
  await db.deleteFrom('org_keys').where('org_id', '=', orgId).execute();
}

export async function setOrgSettings(db: Db, orgId: string, s: { requireMfa: boolean; allowDuressErase: boolean }) {
  // 0 and 1 are read as booleans by PostgreSQL and stored as integers by SQLite.
  await db
    .updateTable('organisations')
    .set({ require_mfa: s.requireMfa ? 1 : 0, allow_duress_erase: s.allowDuressErase ? 1 : 0 })
    .where('id', '=', orgId)
    .execute();
}

/** Deletes the organisation's pending invitations to a user's address (disabling them); returns their ids. */
export async function withdrawInvitationsTo(db: Db, orgTag: string, userId: string): Promise<string[]> {
  const user = await db.selectFrom('users').select('email_lookup').where('id', '=', userId).executeTakeFirst();
  if (!user) return [];
  const rows = await db
    .deleteFrom('invitations')
    .where('org_tag', '=', orgTag)
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
