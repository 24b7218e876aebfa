// The rows an organisation's erasure destroys: its key material first, then its sealed rows.
import type { Db } from '../../../db/client.ts';
import type { Database } from '../../../db/schema.ts';

/** The tables that hold an organisation's key in some wrapped form, or name its members and invitations. */
export const KEY_TABLES: (keyof Database)[] = [
  'organisations',
  'org_keys',
  'org_recovery',
  'key_grants',
  'invitations',
  'org_members',
];

/**
 * A new salt for the organisation's data key: every wrapped copy of its secret left anywhere derives a
 * key that opens nothing. On PostgreSQL the update also holds the row until commit.
 */
export async function replaceKeySalt(db: Db, orgId: string, salt: string): Promise<boolean> {
  const result = await db
    .updateTable('organisations')
    .set({ key_salt: salt })
    .where('id', '=', orgId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The copies found without the key: under the recovery key the row names now, and under the server key (before 0007). */
export async function deleteServerFoundCopies(db: Db, orgId: string): Promise<void> {
  const recoveryId = db.selectFrom('organisations').select('recovery_id').where('id', '=', orgId);
  await db.deleteFrom('org_recovery').where('id', '=', recoveryId).execute();
  await db.deleteFrom('org_keys').where('org_id', '=', orgId).execute();
}

/** Member rows and pending invitations (whose links carry the secret), found by their tags. */
export async function deleteTaggedRows(db: Db, tags: { members: string; invitations: string }): Promise<void> {
  await db.deleteFrom('invitations').where('org_tag', '=', tags.invitations).execute();
  await db.deleteFrom('org_members').where('org_tag', '=', tags.members).execute();
}

/** The sealed rows and the organisation's own row (anything else that names it goes with it: ON DELETE CASCADE). */
export async function deleteOrgRows(db: Db, orgId: string): Promise<void> {
  await db.deleteFrom('assessments').where('org_id', '=', orgId).execute();
  await db.deleteFrom('org_documents').where('org_id', '=', orgId).execute();
  await db.deleteFrom('organisations').where('id', '=', orgId).execute();
}
