// Signing in with the duress passphrase (docs/decisions/0016). The answer is the same as a real sign-in's;
// the session carries, sealed under its cookie's secret, only what the decoy shows. After the answer has
// gone, what the member chose beforehand is done: their keys destroyed, their other sessions ended, their
// prepared alert queued, the organisation erased. The audit log records it; no page of the decoy shows the log.
import type { AppContext } from '../../../context.ts';
import type { Actor, DecoyView, Membership } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { later } from '../../../platform/background.ts';
import { blankDuress, openDuressPlan, type DuressPlan } from '../../../platform/duress-record.ts';
import { emptyKeys } from '../../../platform/keyring.ts';
import type { KeyPair } from '../../../platform/member-keys.ts';
import { queueAlert } from '../../protection/alerts/service.ts';
import { eraseOrganisation } from '../erase/service.ts';
import { admitSecret, destroyKeys, type OrgSecret } from '../keys.ts';
import { allMembers, findOrg, orgName } from '../orgs/service.ts';
import { hashPassword } from '../passwords.ts';
import { fillDuress, type UserRow } from '../queries.ts';
import { revokeSessions } from '../sessions.ts';

/** What a sign-in puts in its session: the key pair, or (duress) the decoy and the plan to carry out. */
export interface SignInKeys {
  pair?: KeyPair;
  decoy?: DecoyView;
  plan?: DuressPlan;
}

/** The duress record opened with the passphrase: one argon2id derivation, as unwrapping a key pair costs. */
export async function duressKeys(user: UserRow, passphrase: string): Promise<SignInKeys | null> {
  const plan = await openDuressPlan(user.id, user.sealedDuress, passphrase);
  return plan && { decoy: plan.decoy, plan };
}

/** The decoy's one organisation, for the access checks of its empty pages. */
export function decoyMemberships(decoy: DecoyView): Map<string, Membership> {
  return new Map(decoy.org ? [[decoy.org.id, { role: decoy.org.role, requireMfa: false }]] : []);
}

/** Carries out the member's choices after the answer, so the sign-in takes no longer than a real one. */
export function afterDuress(ctx: AppContext, userId: string, sessionId: string, plan: DuressPlan): void {
  const at = ctx.clock.now();
  const actor = `user:${userId}`;
  later(ctx, 'duress', async () => {
    if (plan.erase) await eraseUnderDuress(ctx, userId, plan.erase);
    if (plan.endSessions) await revokeSessions(ctx.db, actor, userId, at, sessionId);
    if (plan.destroyKeys) await destroyKeys(ctx.db, userId, at);
    if (plan.alert) await queueAlert(ctx, ctx.db, userId, 'duress');
    await audit(ctx.db, { actor, action: 'protection.duress', objectType: 'user', objectId: userId }, at);
  });
}

/**
 * Erases the organisation with the secret the owner's duress record kept, as that owner (the erasure's
 * own entry is sealed under the key it destroys). Nothing happens if it was erased already, if the
 * organisation no longer allows it, or if the member is no longer one of its enabled owners.
 */
async function eraseUnderDuress(ctx: AppContext, userId: string, target: OrgSecret): Promise<void> {
  await ctx.keyring.hold(emptyKeys(), async () => {
    const org = (await admitSecret(ctx, target)) ? await findOrg(ctx.db, target.orgId) : undefined;
    if (!org?.allowDuressErase) return;
    const self = (await allMembers(ctx, ctx.db, target.orgId)).find((m) => m.userId === userId);
    if (self?.role !== 'owner' || self.disabledAt) return;
    const owner: Actor = {
      kind: 'user',
      userId,
      sessionId: '',
      platformRole: null,
      mfa: true,
      memberships: new Map([[target.orgId, { role: 'owner', requireMfa: false }]]),
    };
    await eraseOrganisation(ctx, owner, target.orgId, { name: await orgName(ctx, org.sealedName, org.id) });
  });
}

/** An account from before 0009 gets its duress hash and record at its first sign-in since. */
export async function giveDuressHash(ctx: AppContext, userId: string): Promise<void> {
  await fillDuress(ctx.db, userId, await blankDuress(userId, hashPassword));
}
