// Signing in with the duress passphrase (docs/decisions/0016). The answer is the same as a real sign-in's;
// the session carries, sealed under its cookie's secret, only what the decoy shows. After the answer has
// gone, what the member chose beforehand is done: their keys destroyed, their other sessions ended, their
// prepared alert queued. The audit log records it; no page of the decoy shows the log.
import type { AppContext } from '../../../context.ts';
import type { DecoyView, Membership } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { later } from '../../../platform/background.ts';
import { blankDuress, openDuressPlan, type DuressPlan } from '../../../platform/duress-record.ts';
import type { KeyPair } from '../../../platform/member-keys.ts';
import { queueAlert } from '../../protection/alerts/service.ts';
import { destroyKeys } from '../keys.ts';
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
    if (plan.endSessions) await revokeSessions(ctx.db, actor, userId, at, sessionId);
    if (plan.destroyKeys) await destroyKeys(ctx.db, userId, at);
    if (plan.alert) await queueAlert(ctx, ctx.db, userId, 'duress');
    await audit(ctx.db, { actor, action: 'protection.duress', objectType: 'user', objectId: userId }, at);
  });
}

/** An account from before 0009 gets its duress hash and record at its first sign-in since. */
export async function giveDuressHash(ctx: AppContext, userId: string): Promise<void> {
  await fillDuress(ctx.db, userId, await blankDuress(userId, hashPassword));
}
