// Erasing an organisation (the "panic wipe"): first every wrapped copy of its key, in one short
// transaction, then its sealed rows. Keys go first so that an erasure cut short (a crash, a machine
// taken mid-way) leaves nothing readable: whatever rows remain are sealed under a key that no longer
// exists anywhere. Sessions hold no copy of an organisation's key (only the member's key pair), and a
// request that holds it in memory wipes it when it ends.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import { purgeErased } from '../../../db/client.ts';
import { actorId, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { deleteGrants } from '../queries.ts';
import { eraseFollow } from '../../legislation/service.ts';
import { eraseIntakes, eraseMonitorRows } from '../../monitor/service.ts';
import { allMembers, findOrg, orgName, orgSummary } from '../orgs/service.ts';
import { eraseSchema, sameName, type EraseInput } from './input.ts';
import * as q from './queries.ts';

export interface EraseReport {
  /** From the call until the transaction that destroyed every copy of the key had committed. */
  keysGoneMs: number;
  /** The whole erasure, the database files purged included. */
  totalMs: number;
  /**
   * Whether the member rows, their grants and the pending invitations were deleted too. Their ids are
   * tags under the organisation's key, so without it (an operator, at the command line) they cannot be
   * found. They are useless all the same: each holds the secret, and the data key also needs the
   * organisation's salt, which is gone. A grant goes when its holder next signs in (keys.ts
   * admitGrants); an invitation link finds no organisation.
   */
  tidied: boolean;
  /** SQLite: the WAL was emptied into the file (false when another reader still held old pages). */
  purged: boolean;
}

/** What the confirmation page shows: only an owner reaches it. */
export async function eraseConfirmation(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:own', { orgId });
  const org = await orgSummary(ctx, actor, orgId);
  return { id: org.id, name: org.name };
}

/**
 * An owner (who confirms by typing the organisation's name) or the operator (whose confirmation is the
 * command's --yes) erases an organisation. A wrong name changes nothing.
 */
export async function eraseOrganisation(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: EraseInput,
): Promise<Result<EraseReport>> {
  requireAccess(actor, 'org:own', { orgId });
  const started = performance.now();
  const org = await findOrg(ctx.db, orgId);
  if (!org) throw new NotFoundError('no such organisation');
  const tidy = ctx.keyring.held()?.orgs.has(orgId) ?? false;
  if (actor.kind === 'user') {
    const parsed = eraseSchema.safeParse(fields);
    if (!parsed.success) return fail(formProblems(parsed.error));
    if (!sameName(parsed.data.name, await orgName(ctx, org.sealedName, orgId)))
      return fail(problem('name', 'erase.nameMismatch'));
  }
  await ctx.db.transaction().execute(async (trx) => {
    // First, so that on PostgreSQL the organisation's row is held until this commits.
    if (!(await q.replaceKeySalt(trx, orgId, randomBytes(32).toString('base64url'))))
      throw new NotFoundError('no such organisation');
    if (tidy) {
      const members = await allMembers(ctx, trx, orgId);
      await deleteGrants(
        trx,
        members.map((m) => ctx.keyring.tag(orgId, `grant:${m.userId}`)),
      );
      await q.deleteTaggedRows(trx, {
        members: ctx.keyring.tag(orgId, 'members'),
        invitations: ctx.keyring.tag(orgId, 'invitations'),
      });
      // Its public report form goes too, so nobody sends reports that nobody can read.
      await eraseIntakes(ctx, actor, orgId, trx);
      await eraseFollow(ctx, orgId, trx);
    }
    await q.deleteServerFoundCopies(trx, orgId);
    // Sealed under the key being destroyed when it is held: the entry shows an erasure, not whose.
    await audit(
      trx,
      { actor: actorId(actor), action: 'org.erase', objectType: 'organisation', objectId: orgId, orgId },
      ctx.clock.now(),
    );
  });
  const keysGoneMs = performance.now() - started;
  // Rows found by tags under the old key, while this request still holds it.
  if (tidy) await eraseMonitorRows(ctx, orgId);
  ctx.keyring.release(orgId);
  await ctx.db.transaction().execute((trx) => q.deleteOrgRows(trx, orgId));
  const purged = await purgeErased(ctx.db, q.KEY_TABLES);
  return ok({ keysGoneMs, totalMs: performance.now() - started, tidied: tidy, purged });
}
