// The handlers' side: the queue per language with its clocks, a case's messages, replies, internal
// notes, states, assignment and vetting. The desk document (under the organisation's key) is the index
// the queue reads in one opening; cases that arrived since it was last written are taken in from their
// intake box, and cases whose rows are gone (purged, deleted at the requester's wish) stay only as
// statistics.
import type { AppContext } from '../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { fail, ForbiddenError, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { newId } from '../../platform/ids.ts';
import { withRetries } from '../../platform/sealed-documents.ts';
import { activeMembers } from '../accounts/orgs/service.ts';
import { helplineOf, requireHelpline } from './helpline.ts';
import {
  assignSchema,
  messageSchema,
  stateSchema,
  vettingSchema,
  type MessageInput,
  type VettingInput,
} from './input.ts';
import type { CaseMessage, CaseState, Desk, DeskEntry, HelplineDoc, MessageBody } from './model.ts';
import * as q from './queries.ts';
import { openDesk, openMessage, pairOf, sealDesk, sealMessage } from './sealed.ts';
import { cancelAlerts, cancelPurge, schedulePurge } from './sla.ts';

type Helpline = Awaited<ReturnType<typeof requireHelpline>>;

/** Opens the messages of some cases with the helpline's key, oldest first. */
export function helplineMessages(doc: HelplineDoc, rows: q.MessageRow[]): Map<string, CaseMessage[]> {
  const pair = pairOf(doc);
  const byCase = new Map<string, CaseMessage[]>();
  try {
    for (const row of rows) {
      const body = openMessage('helpline', pair, row);
      if (!body) continue;
      const list = byCase.get(row.case_id) ?? [];
      list.push({ id: row.id, body });
      byCase.set(row.case_id, list);
    }
  } finally {
    pair.privateKey.fill(0);
  }
  for (const list of byCase.values())
    list.sort((a, b) => a.body.at.localeCompare(b.body.at) || a.id.localeCompare(b.id));
  return byCase;
}

const newEntry = (intake: Extract<MessageBody, { kind: 'intake' }>): DeskEntry => ({
  language: intake.language,
  openedAt: intake.at,
  state: 'new',
  assignee: null,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  purged: false,
  vetting: null,
  referredFrom: intake.referredFrom,
  referredTo: null,
});

/** The desk as it stands: new cases taken in, gone ones marked; written back when it changed. */
export async function currentDesk(ctx: AppContext, orgId: string, helpline: Helpline): Promise<Desk> {
  const { row, doc } = helpline;
  const desk = await openDesk(ctx, orgId, row);
  const onDisk = new Set(await q.caseIds(ctx.db, row.id));
  const arrived = [...onDisk].filter((id) => !desk.cases[id]);
  let changed = false;
  for (const [id, entry] of Object.entries(desk.cases))
    if (!entry.purged && !onDisk.has(id)) {
      desk.cases[id] = { ...entry, purged: true, vetting: null, assignee: null };
      changed = true;
    }
  if (arrived.length > 0) {
    const messages = helplineMessages(doc, await q.messageRows(ctx.db, arrived));
    for (const id of arrived) {
      const intake = messages.get(id)?.find((m) => m.body.kind === 'intake')?.body;
      if (intake?.kind === 'intake') {
        desk.cases[id] = newEntry(intake);
        changed = true;
      }
    }
  }
  if (changed) await q.swapDesk(ctx.db, row.id, row.desk_revision, await sealDesk(ctx, orgId, row.id, desk));
  return desk;
}

/** Applies a change to one case's desk entry, compare-and-swap on the desk. */
export async function changeEntry(
  ctx: AppContext,
  orgId: string,
  caseId: string,
  change: (entry: DeskEntry) => DeskEntry,
): Promise<{ before: DeskEntry; after: DeskEntry; helpline: Helpline }> {
  return withRetries(async () => {
    const helpline = await requireHelpline(ctx, orgId);
    const desk = await currentDesk(ctx, orgId, helpline);
    const fresh = await q.helplineById(ctx.db, helpline.row.id);
    const before = desk.cases[caseId];
    if (!before || before.purged || !fresh) throw new NotFoundError('no such case');
    const after = change(before);
    desk.cases[caseId] = after;
    const landed = await q.swapDesk(ctx.db, fresh.id, fresh.desk_revision, await sealDesk(ctx, orgId, fresh.id, desk));
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
  const helpline = await helplineOf(ctx, orgId);
  if (!helpline) return null;
  const desk = await currentDesk(ctx, orgId, helpline);
  const open = Object.entries(desk.cases).filter(([, e]) => ACTIVE.has(e.state) && !e.purged);
  const counts = new Map<string, number>(helpline.doc.languages.map((l) => [l, 0]));
  for (const [, e] of open) counts.set(e.language, (counts.get(e.language) ?? 0) + 1);
  const chosen = open.filter(([, e]) => view.language === null || e.language === view.language);
  chosen.sort(
    ([ia, a], [ib, b]) =>
      Number(a.firstResponseAt !== null) - Number(b.firstResponseAt !== null) ||
      a.openedAt.localeCompare(b.openedAt) ||
      ia.localeCompare(ib),
  );
  const start = Math.max(0, view.page - 1) * PAGE;
  return {
    helplineId: helpline.row.id,
    enabled: helpline.doc.enabled,
    languages: [...counts].map(([code, n]) => ({ code, open: n })),
    items: chosen.slice(start, start + PAGE).map(([id, e]) => ({ id, ...e })),
    total: chosen.length,
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
  const helpline = await requireHelpline(ctx, orgId);
  const desk = await currentDesk(ctx, orgId, helpline);
  const entry = desk.cases[caseId];
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
  const { before, helpline } = await changeEntry(ctx, orgId, caseId, (e) => ({
    ...e,
    state,
    resolvedAt: state === 'resolved' || state === 'closed' ? (e.resolvedAt ?? at) : null,
    closedAt: state === 'closed' ? (e.closedAt ?? at) : null,
  }));
  // A case resolved or closed waits for nobody: its alerts go (spam closed unanswered mails no one).
  if (state === 'resolved' || state === 'closed') await cancelAlerts(ctx, caseId);
  if (state === 'closed' && before.state !== 'closed')
    await schedulePurge(ctx, helpline.row.id, caseId, helpline.doc.retentionDays);
  if (state !== 'closed' && before.state === 'closed') await cancelPurge(ctx, caseId);
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
