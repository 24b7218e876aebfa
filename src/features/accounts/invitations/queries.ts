// Rows of invitations, to an organisation or to a platform role. Only hashes of their tokens are stored;
// addresses are sealed.
import type { Db } from '../../../db/client.ts';
import type { InvitationTable } from '../../../db/schema.ts';
import { readDate, readOptionalDate, writeDate } from '../../../db/values.ts';

export interface InvitationRow {
  id: string;
  orgTag: string | null;
  /** The organisation's id and secret under the link's token (organisation invitations only). */
  sealedGrant: string | null;
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
    orgTag: r.org_tag,
    sealedGrant: r.grant,
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
      org_id: null,
      org_tag: inv.orgTag,
      grant: inv.sealedGrant,
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

export async function pendingInvitations(db: Db, orgTag: string, now: Date): Promise<InvitationRow[]> {
  const rows = await db
    .selectFrom('invitations')
    .selectAll()
    .where('org_tag', '=', orgTag)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', writeDate(now))
    .orderBy('created_at')
    .execute();
  return rows.map(toInvitation);
}

/** Marks an invitation used, once; what tied it to its organisation is destroyed with it. */
export async function claimInvitation(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: writeDate(now), org_tag: null, grant: null })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Withdraws a pending invitation of this organisation; false when there is none by that id. */
export async function deleteInvitation(db: Db, orgTag: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('invitations')
    .where('org_tag', '=', orgTag)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
