// The handlers' side: the queue per language with its clocks, a case's messages, replies, internal
// notes, states, assignment and vetting. The desk document (under the organisation's key) is the index
// the queue reads in one opening; cases that arrived since it was last written are taken in from their
// intake box, and cases whose rows are gone (purged, deleted at the requester's wish) stay only as
// statistics.
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { fail, ForbiddenError, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { newId } from '../../platform/ids.ts';
import { newRevision, withRetries } from '../../platform/sealed-documents.ts';
import { activeMembers } from '../accounts/orgs/service.ts';
import { helplineWithDesk, requireHelplineWithDesk } from './helpline.ts';
import {
  assignSchema,
  messageSchema,
  stateSchema,
  vettingSchema,
  type MessageInput,
  type VettingInput,
} from './input.ts';
import { inQueueOrder, isAnswered, isPurged, newRow, rowIndex, toEntry, toRow } from './desk-rows.ts';
import type { CaseMessage, CaseState, Desk, DeskEntry, DeskRow, MessageBody } from './model.ts';
import * as q from './queries.ts';
import { helplineMessages, openDesk, sealDesk, sealMessage } from './sealed.ts';
import { cancelAlerts, cancelPurge, schedulePurge } from './sla.ts';

type Helpline = Awaited<ReturnType<typeof requireHelplineWithDesk>>;

/**
 * The desk as it stands, and the desk_revision it stands at (null when another write landed while cases
 * were being taken in). While the row is still at the revision the desk was written under, no case
 * arrived or left since and the desk is complete as read; otherwise new cases are taken in from their
 * intake boxes, gone ones marked, and the desk written back.
 */
export async function currentDesk(
  ctx: AppContext,
  orgId: string,
  helpline: Helpline,
): Promise<{ desk: Desk; revision: string | null }> {
  const { row, doc } = helpline;
  const desk = await openDesk(ctx, orgId, row);
  if (desk.revision === row.desk_revision) return { desk, revision: row.desk_revision };
  const onDisk = new Set(await q.caseIds(ctx.db, row.id));
  const known = new Set<string>();
  desk.rows.forEach((r, i) => {
    known.add(r.id);
    if (!isPurged(r) && !onDisk.has(r.id))
      desk.rows[i] = toRow(r.id, { ...toEntry(r), purged: true, vetting: null, assignee: null });
  });
  const arrived = [...onDisk].filter((id) => !known.has(id));
  let complete = true;
  if (arrived.length > 0) {
    const messages = helplineMessages(doc, await q.messageRows(ctx.db, arrived));
    for (const id of arrived) {
      const intake = messages.get(id)?.find((m) => m.body.kind === 'intake')?.body;
      if (intake?.kind === 'intake') desk.rows.push(newRow(id, intake));
      else complete = false; // looked at again next time: the desk does not claim to be complete
    }
  }
  const next = newRevision();
  const sealed = await sealDesk(ctx, orgId, row.id, desk, complete ? next : null);
  const landed = await q.swapDesk(ctx.db, row.id, row.desk_revision, sealed, next);
  desk.revision = landed && complete ? next : null;
  return { desk, revision: landed ? next : null };
}

/** Applies a change to one case's desk entry, compare-and-swap on the desk. */
export async function changeEntry(
  ctx: AppContext,
  orgId: string,
  caseId: string,
  change: (entry: DeskEntry) => DeskEntry,
  /** Writes that must land with the change or not at all (the clocks' jobs), in its transaction. */
  also?: (trx: Db, before: DeskEntry, after: DeskEntry, helpline: Helpline) => Promise<void>,
): Promise<{ before: DeskEntry; after: DeskEntry; helpline: Helpline }> {
  return withRetries(async () => {
    const helpline = await requireHelplineWithDesk(ctx, orgId);
    const { desk, revision } = await currentDesk(ctx, orgId, helpline);
    if (revision === null) return undefined;
    const i = rowIndex(desk, caseId);
    const before = i < 0 ? undefined : toEntry(desk.rows[i]!);
    if (!before || before.purged) throw new NotFoundError('no such case');
    const after = change(before);
    desk.rows[i] = toRow(caseId, after);
    const next = newRevision();
    // Complete as read (not missing a case whose intake did not open): then complete as written.
    const sealed = await sealDesk(ctx, orgId, helpline.row.id, desk, desk.revision === revision ? next : null);
    const landed = await ctx.db.transaction().execute(async (trx) => {
      const swapped = await q.swapDesk(trx, helpline.row.id, revision, sealed, next);
      if (swapped) await also?.(trx, before, after, helpline);
      return swapped;
    });
    return landed ? { before, after, helpline } : undefined;
  });
}

export interface QueueItem extends DeskEntry {
  id: string;
}

export interface Queue {
  /** The helpline's public id, and whether it takes new cases: every handler can give out its address. */
  helplineId: string;
  enabled: boolean;
  languages: { code: string; open: number }[];
  items: QueueItem[];
  total: number;
  targetMinutes: number;
}

const ACTIVE: ReadonlySet<CaseState> = new Set(['new', 'open', 'waiting', 'referred']);
export const PAGE = 50;

/** The open cases, in one language or all, those waiting longest for a first reply first; null without a helpline. */
export async function caseQueue(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  view: { language: string | null; page: number },
): Promise<Queue | null> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) return null;
  const helpline = await helplineWithDesk(ctx, orgId);
  if (!helpline) return null;
  const { desk } = await currentDesk(ctx, orgId, helpline);
  // One pass over the desk, already in opening order: waiting for a first reply, then answered.
  const counts = new Map<string, number>(helpline.doc.languages.map((l) => [l, 0]));
  const waiting: DeskRow[] = [];
  const answered: DeskRow[] = [];
  for (const r of inQueueOrder(desk.rows)) {
    if (isPurged(r) || !ACTIVE.has(r.state)) continue;
    counts.set(r.language, (counts.get(r.language) ?? 0) + 1);
    if (view.language === null || r.language === view.language) (isAnswered(r) ? answered : waiting).push(r);
  }
  const start = Math.max(0, view.page - 1) * PAGE;
  const from = (rows: DeskRow[], at: number) => rows.slice(Math.max(0, at), Math.max(0, at + PAGE));
  const page = from(waiting, start)
    .concat(from(answered, start - waiting.length))
    .slice(0, PAGE);
  return {
    helplineId: helpline.row.id,
    enabled: helpline.doc.enabled,
    languages: [...counts].map(([code, n]) => ({ code, open: n })),
    items: page.map((r) => ({ id: r.id, ...toEntry(r) })),
    total: waiting.length + answered.length,
    targetMinutes: helpline.doc.targetMinutes,
  };
}

export interface CaseView {
  id: string;
  entry: DeskEntry;
  messages: CaseMessage[];
  members: { id: string; name: string }[];
  targetMinutes: number;
}

/** One of the organisation's cases with its messages, for members who write; NotFound for anyone else's. */
export async function handlersCase(ctx: AppContext, actor: Actor, orgId: string, caseId: string) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such case');
  const helpline = await requireHelplineWithDesk(ctx, orgId);
  const { desk } = await currentDesk(ctx, orgId, helpline);
  const i = rowIndex(desk, caseId);
  const entry = i < 0 ? undefined : toEntry(desk.rows[i]!);
  if (!entry || entry.purged) throw new NotFoundError('no such case');
  const messages = helplineMessages(helpline.doc, await q.messageRows(ctx.db, [caseId])).get(caseId) ?? [];
  return { helpline, entry, messages };
}

export async function caseView(ctx: AppContext, actor: Actor, orgId: string, caseId: string): Promise<CaseView> {
  const { helpline, entry, messages } = await handlersCase(ctx, actor, orgId, caseId);
  // The requester agreed to a referral since the desk was written: the case is now the other helpline's too.
  const consent = messages.findLast((m) => m.body.kind === 'consent' && m.body.caseId)?.body;
  const referredTo = consent?.kind === 'consent' ? consent.caseId : null;
  if (referredTo && entry.referredTo !== referredTo) {
    const state = (e: DeskEntry): CaseState => (ACTIVE.has(e.state) ? 'referred' : e.state);
    Object.assign(entry, (await changeEntry(ctx, orgId, caseId, (e) => ({ ...e, state: state(e), referredTo }))).after);
  }
  const members = (await activeMembers(ctx, actor, orgId)).map(({ id, name }) => ({ id, name }));
  return { id: caseId, entry, messages, members, targetMinutes: helpline.doc.targetMinutes };
}

/** Seals a message into a case, to the helpline and (unless a note) to the requester. */
export async function addMessage(
  ctx: AppContext,
  helplineKey: string,
  caseId: string,
  body: MessageBody,
  helplineOnly = false,
) {
  const found = await q.caseById(ctx.db, caseId);
  if (!found) throw new NotFoundError('no such case');
  const id = newId(20);
  const keys = { helpline: helplineKey, requester: found.requester_key };
  await q.insertMessage(ctx.db, { id, case_id: caseId, ...sealMessage(keys, caseId, id, body, helplineOnly) });
}

export async function auditCase(ctx: AppContext, actor: Actor, orgId: string, action: string, caseId: string) {
  await audit(ctx.db, { actor: actorId(actor), action, objectType: 'case', objectId: caseId, orgId }, ctx.clock.now());
}

/** A reply to the requester: the first one stops the SLA clock and moves the case from new to open. */
export async function replyToCase(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
  fields: MessageInput,
  helplineOnly = false,
): Promise<Result<Record<string, never>>> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such case');
  const parsed = messageSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const at = ctx.clock.now().toISOString();
  // The case must be this helpline's: a note is written without touching the desk, which would catch it.
  const { helpline } = await handlersCase(ctx, actor, orgId, caseId);
  const kind = helplineOnly ? 'note' : 'reply';
  await addMessage(
    ctx,
    helpline.doc.publicKey,
    caseId,
    { kind, at, by: actorId(actor), text: parsed.data.text },
    helplineOnly,
  );
  if (!helplineOnly) {
    await changeEntry(ctx, orgId, caseId, (e) => ({
      ...e,
      firstResponseAt: e.firstResponseAt ?? at,
      state: e.state === 'new' ? 'open' : e.state,
    }));
    await cancelAlerts(ctx, caseId);
  }
  await auditCase(ctx, actor, orgId, `cases.${kind}`, caseId);
  return ok({});
}

export async function setCaseState(ctx: AppContext, actor: Actor, orgId: string, caseId: string, fields: unknown) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such case');
  const parsed = stateSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const at = ctx.clock.now().toISOString();
  const state = parsed.data.state;
  await changeEntry(
    ctx,
    orgId,
    caseId,
    (e) => ({
      ...e,
      state,
      resolvedAt: state === 'resolved' || state === 'closed' ? (e.resolvedAt ?? at) : null,
      closedAt: state === 'closed' ? (e.closedAt ?? at) : null,
    }),
    // The clocks move with the state, in its transaction: a crash never leaves a closed case unpurged.
    async (trx, before, _after, helpline) => {
      // A case resolved or closed waits for nobody: its alerts go (spam closed unanswered mails no one).
      if (state === 'resolved' || state === 'closed') await cancelAlerts(ctx, caseId, trx);
      if (state === 'closed' && before.state !== 'closed')
        await schedulePurge(ctx, helpline.row.id, caseId, helpline.doc.retentionDays, trx);
      if (state !== 'closed' && before.state === 'closed') await cancelPurge(ctx, caseId, trx);
    },
  );
  await auditCase(ctx, actor, orgId, 'cases.state', caseId);
  return ok({});
}

export async function assignCase(ctx: AppContext, actor: Actor, orgId: string, caseId: string, fields: unknown) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such case');
  const parsed = assignSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const assignee = parsed.data.assignee || null;
  if (assignee && !(await activeMembers(ctx, actor, orgId)).some((m) => m.id === assignee))
    return fail(problem('assignee', 'validation.choice'));
  await changeEntry(ctx, orgId, caseId, (e) => ({ ...e, assignee }));
  await auditCase(ctx, actor, orgId, 'cases.assign', caseId);
  return ok({});
}

/** CiviCERT's vetting steps: public sources, a trusted person who vouches, the evaluation, the sign-off (who gave it). */
export async function vetCase(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  caseId: string,
  fields: VettingInput,
): Promise<Result<Record<string, never>>> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const parsed = vettingSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const { signOff, ...steps } = parsed.data;
  const by = actorId(actor);
  const at = ctx.clock.now().toISOString();
  await changeEntry(ctx, orgId, caseId, (e) => {
    const signedOffBy = signOff ? (e.vetting?.signedOffBy ?? by) : null;
    return { ...e, vetting: { ...steps, signedOffBy, at, by } };
  });
  await auditCase(ctx, actor, orgId, 'cases.vet', caseId);
  return ok({});
}
