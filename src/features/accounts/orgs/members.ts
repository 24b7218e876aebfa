// An organisation's members as stored (decision 0014): one row each, named by a tag under the
// organisation's key, its contents (who, which role, since when, which public key holds the grant)
// sealed under it. Without the key a copied disk shows rows, never who is in which organisation.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import type { Membership, OrgRole } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { grantTo } from '../keys.ts';
import { findUserById } from '../queries.ts';
import * as q from './queries.ts';

export interface MemberDoc {
  userId: string;
  role: OrgRole;
  disabledAt: string | null;
  createdAt: string;
  /** The public key the organisation's secret was last granted to; another one on the account means lost access. */
  publicKey: string | null;
}

const memberAt = (orgId: string, memberTag: string) => sealAt.org(orgId, 'org_members', 'doc', memberTag);
const memberTag = (ctx: AppContext, orgId: string, userId: string) => ctx.keyring.tag(orgId, `member:${userId}`);

export async function readMember(
  ctx: AppContext,
  orgId: string,
  userId: string,
  db: Db = ctx.db,
): Promise<MemberDoc | undefined> {
  const row = await q.findMemberRow(db, memberTag(ctx, orgId, userId));
  return row && (JSON.parse(await ctx.sealer.open(memberAt(orgId, row.memberTag), row.sealedDoc)) as MemberDoc);
}

export async function writeMember(ctx: AppContext, db: Db, orgId: string, doc: MemberDoc): Promise<void> {
  const tag = memberTag(ctx, orgId, doc.userId);
  const sealedDoc = await ctx.sealer.seal(memberAt(orgId, tag), JSON.stringify(doc));
  await q.putMemberRow(db, ctx.keyring.tag(orgId, 'members'), { memberTag: tag, sealedDoc });
}

/** Every member, enabled or not, in the order they joined. */
export async function allMembers(ctx: AppContext, db: Db, orgId: string): Promise<MemberDoc[]> {
  const rows = await q.memberRows(db, ctx.keyring.tag(orgId, 'members'));
  const docs = await Promise.all(
    rows.map(async (r) => JSON.parse(await ctx.sealer.open(memberAt(orgId, r.memberTag), r.sealedDoc)) as MemberDoc),
  );
  return docs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.userId.localeCompare(b.userId));
}

/** Makes someone a member with a role (again, if they were one) and grants them the organisation's key. */
export async function admitMember(
  ctx: AppContext,
  db: Db,
  orgId: string,
  user: { id: string; publicKey: string },
  role: OrgRole,
): Promise<void> {
  const old = await readMember(ctx, orgId, user.id, db);
  const createdAt = old?.createdAt ?? ctx.clock.now().toISOString();
  await writeMember(ctx, db, orgId, { userId: user.id, role, disabledAt: null, createdAt, publicKey: user.publicKey });
  await grantTo(ctx, db, orgId, user);
}

/**
 * The organisations whose keys this request holds and of which the person is an enabled member, with
 * what the access check needs. Keys of the others are let go. An organisation whose key the server still
 * holds (made before 0007) is looked at too, and the first owner to come moves its key to its members.
 */
export async function membershipsOf(ctx: AppContext, userId: string): Promise<Map<string, Membership>> {
  const serverHeld = await q.serverHeldOrgIds(ctx.db);
  for (const orgId of serverHeld) {
    const secret = await ctx.keyring.legacySecret(orgId);
    if (secret && !ctx.keyring.held()!.orgs.has(orgId)) ctx.keyring.admit(orgId, secret, null);
  }
  const memberships = new Map<string, Membership>();
  for (const orgId of [...ctx.keyring.held()!.orgs.keys()]) {
    const doc = await readMember(ctx, orgId, userId);
    const org = doc && !doc.disabledAt ? await q.findOrg(ctx.db, orgId) : undefined;
    if (!doc || !org) {
      ctx.keyring.release(orgId);
      continue;
    }
    memberships.set(orgId, { role: doc.role, requireMfa: org.requireMfa });
    if (doc.role === 'owner' && serverHeld.includes(orgId)) await moveServerHeldKey(ctx, orgId, userId);
  }
  return memberships;
}

/** Grants a server-held key to every member with a key pair and destroys the server's copy, in one transaction. */
async function moveServerHeldKey(ctx: AppContext, orgId: string, ownerId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await q.lockOrg(trx, orgId);
    for (const doc of await allMembers(ctx, trx, orgId)) {
      const user = await findUserById(trx, doc.userId);
      if (!user?.publicKey || doc.disabledAt) continue;
      await writeMember(ctx, trx, orgId, { ...doc, publicKey: user.publicKey });
      await grantTo(ctx, trx, orgId, { id: user.id, publicKey: user.publicKey });
    }
    await q.dropServerHeldKey(trx, orgId);
    await audit(
      trx,
      { actor: `user:${ownerId}`, action: 'org.keys-to-members', objectType: 'organisation', objectId: orgId, orgId },
      ctx.clock.now(),
    );
  });
}
