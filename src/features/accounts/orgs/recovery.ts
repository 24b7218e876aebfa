// The recovery key (decision 0014): shown once to whoever creates the organisation, it holds the
// organisation's secret, so an owner who lost their keys (or a member whose admins are gone) can have
// it granted again. It restores members only: it never makes anyone a member.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { actorId, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, ok, problem, type Result } from '../../../platform/errors.ts';
import {
  newRecoveryKey,
  normaliseRecoveryKey,
  openUnderSecret,
  sealUnderSecret,
} from '../../../platform/member-keys.ts';
import { hashToken } from '../../../platform/tokens.ts';
import { admitSecret, orgSecretOf, type OrgSecret } from '../keys.ts';
import { admitMember, readMember } from './members.ts';
import * as q from './queries.ts';

const recoveryId = (key: string) => hashToken(`amparo-recovery:${key}`);
const recoveryAd = (id: string) => `org_recovery:${id}`;

/** A new recovery key for the organisation (whose key this request holds); the old one stops working. */
export async function issueRecoveryKey(ctx: AppContext, db: Db, orgId: string): Promise<string> {
  const key = newRecoveryKey();
  const id = recoveryId(key);
  const org = await q.findOrg(db, orgId);
  if (org?.recoveryId) await q.deleteRecovery(db, org.recoveryId);
  const wrapped = sealUnderSecret(key, 'recovery', recoveryAd(id), orgSecretOf(ctx, orgId));
  await q.putRecovery(db, { id, wrapped, now: ctx.clock.now() });
  await q.setRecoveryId(db, orgId, id);
  return key;
}

/** An owner replaces the recovery key (the old one was lost, or seen by someone it should not have been). */
export async function replaceRecoveryKey(ctx: AppContext, actor: Actor, orgId: string): Promise<string> {
  requireAccess(actor, 'org:own', { orgId });
  return ctx.db.transaction().execute(async (trx) => {
    const key = await issueRecoveryKey(ctx, trx, orgId);
    await audit(
      trx,
      { actor: actorId(actor), action: 'org.recovery-key', objectType: 'organisation', objectId: orgId, orgId },
      ctx.clock.now(),
    );
    return key;
  });
}

/**
 * A signed-in person types a recovery key: if they are a member of its organisation, the organisation's key
 * is granted to their current key pair, with the role they have. Returns the organisation's id.
 */
export async function recoverAccess(ctx: AppContext, actor: Actor, typed: string): Promise<Result<{ orgId: string }>> {
  requireAccess(actor, 'account:self');
  const wrong = fail(problem('recovery_key', 'recoveryKey.wrong'));
  const key = normaliseRecoveryKey(typed);
  const pair = ctx.keyring.held()?.pair;
  if (!key || actor.kind !== 'user' || !pair) return wrong;
  const id = recoveryId(key);
  const row = await q.findRecovery(ctx.db, id);
  if (!row) return wrong;
  const value = openUnderSecret<OrgSecret>(key, 'recovery', recoveryAd(id), row.wrapped);
  if (!(await admitSecret(ctx, value))) return wrong;
  const doc = await readMember(ctx, value.orgId, actor.userId);
  if (!doc || doc.disabledAt) {
    ctx.keyring.release(value.orgId);
    return wrong;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await admitMember(ctx, trx, value.orgId, { id: actor.userId, publicKey: pair.publicKey }, doc.role);
    await audit(
      trx,
      {
        actor: actorId(actor),
        action: 'membership.recover',
        objectType: 'user',
        objectId: actor.userId,
        orgId: value.orgId,
      },
      ctx.clock.now(),
    );
  });
  return ok({ orgId: value.orgId });
}
