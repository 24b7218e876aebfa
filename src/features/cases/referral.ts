// Referral between helplines on this server, only with the requester's recorded consent: a handler asks
// (naming the helpline and the fields it would receive), the requester agrees or refuses on their status
// page, an agreement opens a case at the other helpline with those fields only, and that helpline
// accepts or declines. Every step is a message, so both helplines and the requester see where it stands.
import type { AppContext } from '../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { fail, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { newId } from '../../platform/ids.ts';
import { addMessage, caseView, changeEntry } from './desk.ts';
import { schedulePurge } from './sla.ts';
import { requireHelpline } from './helpline.ts';
import { referralSchema, type ReferralInput } from './input.ts';
import type { MessageBody } from './model.ts';
import * as q from './queries.ts';
import { openHelplineList, openReferredCase, requesterView, type RequesterSession } from './requester.ts';
import { openProfile, sealMessage } from './sealed.ts';

/** The other helplines a case can go to. */
export async function referralTargets(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) return [];
  const own = await requireHelpline(ctx, orgId);
  return (await openHelplineList(ctx, actor)).filter((h) => h.id !== own.row.id);
}

export async function proposeReferral(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
  fields: ReferralInput,
): Promise<Result<Record<string, never>>> {
  requireAccess(actor, 'org:write', { orgId });
  const parsed = referralSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  await caseView(ctx, actor, orgId, caseId); // the case is this helpline's and still there
  const target = (await referralTargets(ctx, actor, orgId)).find((h) => h.id === parsed.data.to);
  if (!target) return fail(problem('to', 'validation.choice'));
  const own = await requireHelpline(ctx, orgId);
  const body: MessageBody = {
    kind: 'referral',
    at: ctx.clock.now().toISOString(),
    by: actorId(actor),
    to: target.id,
    toName: target.name,
    fields: parsed.data.fields,
  };
  await addMessage(ctx, own.doc.publicKey, caseId, body);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'cases.refer', objectType: 'case', objectId: caseId, orgId },
    ctx.clock.now(),
  );
  return ok({});
}

/** The requester's answer to a referral they were asked about; agreeing opens the case at the other helpline. */
export async function answerReferralRequest(
  ctx: AppContext,
  actor: Actor,
  session: RequesterSession,
  referralId: string,
  agreed: boolean,
): Promise<void> {
  requireAccess(actor, 'cases:request');
  const view = await requesterView(ctx, actor, session);
  const asked = view.messages.find((m) => m.id === referralId)?.body;
  if (asked?.kind !== 'referral') throw new NotFoundError('no such referral');
  if (view.messages.some((m) => m.body.kind === 'consent' && m.body.to === asked.to)) return; // answered already
  const intake = view.messages.find((m) => m.body.kind === 'intake')?.body;
  const found = await q.caseById(ctx.db, session.caseId);
  const from = found && (await q.helplineById(ctx.db, found.helpline_id));
  const to = await q.helplineById(ctx.db, asked.to);
  if (!found || !from || intake?.kind !== 'intake') throw new NotFoundError('no such case');
  const at = ctx.clock.now().toISOString();
  const consentTo = (caseId: string | null) => {
    const id = newId(20);
    const body: MessageBody = { kind: 'consent', at, to: asked.to, agreed: caseId !== null, caseId };
    const keys = { helpline: from.public_key, requester: found.requester_key };
    return { id, case_id: found.id, ...sealMessage(keys, found.id, id, body) };
  };
  if (!agreed || !to?.profile) return q.insertMessage(ctx.db, consentTo(null));
  // The case opened there and the consent recorded here land together: a retry after a crash between
  // them would otherwise open the case twice.
  const has = (f: string) => (asked.fields as string[]).includes(f);
  const caseId = newId(20);
  const consent = consentTo(caseId);
  await openReferredCase(
    ctx,
    to,
    found.requester_key,
    {
      what: has('what') ? intake.what : '',
      contact: has('contact') ? intake.contact : '',
      language: has('language') ? intake.language : (await openProfile(ctx, to)).languages[0]!,
      locale: intake.locale,
      from: { helplineId: from.id, caseId: found.id, name: view.helpline.name },
    },
    { caseId, also: (trx) => q.insertMessage(trx, consent) },
  );
}

/** The receiving helpline accepts or declines a referred case; both cases get the answer. */
export async function answerReferral(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
  accepted: boolean,
): Promise<void> {
  requireAccess(actor, 'org:write', { orgId });
  const view = await caseView(ctx, actor, orgId, caseId);
  const from = view.entry.referredFrom;
  if (!from) throw new NotFoundError('not a referred case');
  if (view.messages.some((m) => m.body.kind === 'answer')) return;
  const own = await requireHelpline(ctx, orgId);
  const ownName = own.row.profile ? (await openProfile(ctx, own.row)).name : '';
  const body: MessageBody = {
    kind: 'answer',
    at: ctx.clock.now().toISOString(),
    by: actorId(actor),
    helpline: ownName,
    accepted,
  };
  await addMessage(ctx, own.doc.publicKey, caseId, body);
  const at = body.at;
  // A declined case is closed, and its purge queued in the same transaction.
  await changeEntry(
    ctx,
    orgId,
    caseId,
    (e) =>
      accepted ? { ...e, state: 'open' } : { ...e, state: 'closed', resolvedAt: e.resolvedAt ?? at, closedAt: at },
    async (trx) => {
      if (!accepted) await schedulePurge(ctx, own.row.id, caseId, own.doc.retentionDays, trx);
    },
  );
  const origin = await q.helplineById(ctx.db, from.helplineId);
  if (origin && (await q.caseById(ctx.db, from.caseId))) await addMessage(ctx, origin.public_key, from.caseId, body);
  await audit(
    ctx.db,
    {
      actor: actorId(actor),
      action: accepted ? 'cases.accept' : 'cases.decline',
      objectType: 'case',
      objectId: caseId,
      orgId,
    },
    ctx.clock.now(),
  );
}
