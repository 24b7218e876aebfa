// Internal risk assessments: start, answer (several members), close (an owner), compare, reassess.
// All of an assessment's answers and notes are one sealed document under the organisation's key
// (platform/sealed-documents.ts): which questions were answered is no more visible on disk than how.
import type { AppContext } from '../../../context.ts';
import { actorId, anonymous, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { formatDataProblem } from '../../../platform/data-files.ts';
import { ConflictError, NotFoundError, ok, type Result } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { listDirectory } from '../../directory/service.ts';
import {
  parseContextForm,
  parseDomainForm,
  startSchema,
  type ContextFormInput,
  type DomainFormInput,
  type StartAssessmentInput,
} from './input.ts';
import { readLibrary, type DomainId, type Library } from './instrument.ts';
import { openDocument, sealDocument, withRetries } from '../../../platform/sealed-documents.ts';
import * as q from './queries.ts';
import { scoreAll, type Answers, type DomainScore } from './scoring.ts';
import { sealAt } from '../../../platform/sealer.ts';

// What the plan and scenarios slices, the CLI and the context use of this slice.
export { readLibrary } from './instrument.ts';
export type { Domain, DomainId, Instrument, Library, RecommendedAction, Scenario } from './instrument.ts';
export type { DomainScore } from './scoring.ts';

/**
 * The instrument, actions and cards, read from the data files and checked against the directory. The
 * context reads it once, on first use (context.ts): ask for it with `loadLibrary`.
 */
export async function readAssessmentLibrary(ctx: AppContext): Promise<Library> {
  const known = new Set((await listDirectory(ctx, anonymous)).map((m) => m.id));
  const { library, problems } = readLibrary(ctx.config.seedDir, known);
  if (!library || problems.length > 0)
    throw new Error(`assessment data files have problems: ${problems.map(formatDataProblem).join('; ')}`);
  return library;
}

/** The instrument, actions and cards of this context. */
export const loadLibrary = (ctx: AppContext): Promise<Library> => ctx.assessmentLibrary();

const scoresAt = (orgId: string, id: string) => sealAt.org(orgId, 'assessments', 'scores', id);
const answersAt = (orgId: string, id: string) => sealAt.org(orgId, 'assessments', 'doc', id);
/** Who opened and who closed it: sealed, so the rows do not say who belongs to the organisation. */
const byAt = (orgId: string, id: string, column: 'created_by' | 'closed_by') =>
  sealAt.org(orgId, 'assessments', column, id);

export interface Assessment extends Omit<q.AssessmentRow, 'sealedScores' | 'sealedDoc' | 'revision'> {
  answers: Answers;
  notes: Partial<Record<DomainId, string>>;
  context: Record<string, string>;
  scores: DomainScore[];
}

async function found(ctx: AppContext, orgId: string, id: string) {
  const row = await q.findAssessment(ctx.db, orgId, id);
  if (!row) throw new NotFoundError('no such assessment');
  return row;
}

/** What the sealed document of an assessment holds. */
export interface AnswersDoc {
  answers: Answers;
  notes: Partial<Record<DomainId, string>>;
  context: Record<string, string>;
}

async function openAnswers(ctx: AppContext, row: q.AssessmentRow): Promise<AnswersDoc> {
  const doc = row.sealedDoc
    ? await openDocument<Partial<AnswersDoc>>(ctx.sealer, answersAt(row.orgId, row.id), row.sealedDoc)
    : {};
  return { answers: doc.answers ?? {}, notes: doc.notes ?? {}, context: doc.context ?? {} };
}

async function assemble(ctx: AppContext, row: q.AssessmentRow): Promise<Assessment> {
  const { sealedScores, sealedDoc, revision, ...meta } = row;
  const { instrument } = await loadLibrary(ctx);
  const opened = await openAnswers(ctx, row);
  // A closed assessment keeps the scores it was closed with, even if the instrument changes later.
  const scores = sealedScores
    ? (JSON.parse(await ctx.sealer.open(scoresAt(row.orgId, row.id), sealedScores)) as DomainScore[])
    : scoreAll(instrument.domains, opened.answers);
  return { ...meta, ...opened, scores };
}

export async function listAssessments(ctx: AppContext, actor: Actor, orgId: string): Promise<q.AssessmentRow[]> {
  requireAccess(actor, 'org:read', { orgId });
  // A duress sign-in's decoy (decision 0016) shows a newly created, empty workspace.
  if (isDecoy(actor)) return [];
  return q.listAssessments(ctx.db, orgId);
}

export async function getAssessment(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<Assessment> {
  requireAccess(actor, 'org:read', { orgId });
  return assemble(ctx, await found(ctx, orgId, id));
}

/** Changes the answers of an open assessment; a colleague's save in between is read again, never lost. */
async function changeAnswers(
  ctx: AppContext,
  orgId: string,
  id: string,
  change: (doc: AnswersDoc) => void,
): Promise<void> {
  await withRetries(async () => {
    const row = await openForAnswers(ctx, orgId, id);
    const doc = await openAnswers(ctx, row);
    change(doc);
    const sealed = await sealDocument(ctx.sealer, answersAt(orgId, id), doc);
    return (await q.swapAssessmentDoc(ctx.db, orgId, id, row.revision, sealed)) || undefined;
  });
}

/** The areas that would close without a score (no threat rated), so the owner is asked first. */
export async function areasNotAssessed(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<DomainId[]> {
  requireAccess(actor, 'org:own', { orgId });
  const current = await assemble(ctx, await openForAnswers(ctx, orgId, id));
  return current.scores.filter((s) => s.risk === null).map((s) => s.domain);
}

/** A new assessment, blank or starting from the answers of the latest one (a reassessment). */
export async function startAssessment(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: StartAssessmentInput,
): Promise<{ id: string }> {
  requireAccess(actor, 'org:write', { orgId });
  const { instrument } = await loadLibrary(ctx);
  const from = startSchema.safeParse(fields).data?.from ?? 'blank';
  const previous = from === 'last' ? (await q.listAssessments(ctx.db, orgId))[0] : undefined;
  const id = newId(12);
  const doc = previous ? await openAnswers(ctx, previous) : { answers: {}, notes: {}, context: {} };
  const sealedDoc = await sealDocument(ctx.sealer, answersAt(orgId, id), doc);
  await q.insertAssessment(ctx.db, {
    id,
    orgId,
    basedOn: previous?.id ?? null,
    instrumentVersion: instrument.version,
    createdBy: await ctx.sealer.seal(byAt(orgId, id, 'created_by'), actorId(actor)),
    createdAt: ctx.clock.now(),
    sealedDoc,
  });
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'assessment.start', objectType: 'assessment', objectId: id, orgId },
    ctx.clock.now(),
  );
  return { id };
}

async function openForAnswers(ctx: AppContext, orgId: string, id: string) {
  const row = await found(ctx, orgId, id);
  if (row.status !== 'open') throw new ConflictError('this assessment is closed');
  return row;
}

export async function saveDomain(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  domainId: string,
  fields: DomainFormInput,
): Promise<Result<null>> {
  requireAccess(actor, 'org:write', { orgId });
  const domain = (await loadLibrary(ctx)).instrument.domains.find((d) => d.id === domainId);
  if (!domain) throw new NotFoundError('no such domain');
  await openForAnswers(ctx, orgId, id);
  const parsed = parseDomainForm(domain, fields);
  if (!parsed.ok) return parsed;
  await changeAnswers(ctx, orgId, id, (doc) => {
    for (const [qid, value] of Object.entries(parsed.value.answers)) {
      if (value) doc.answers[qid] = value;
      else delete doc.answers[qid];
    }
    if (parsed.value.note) doc.notes[domain.id] = parsed.value.note;
    else delete doc.notes[domain.id];
  });
  return ok(null);
}

export async function saveContext(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  fields: ContextFormInput,
): Promise<Result<null>> {
  requireAccess(actor, 'org:write', { orgId });
  const { instrument } = await loadLibrary(ctx);
  await openForAnswers(ctx, orgId, id);
  const parsed = parseContextForm(instrument, fields);
  if (!parsed.ok) return parsed;
  await changeAnswers(ctx, orgId, id, (doc) => {
    for (const [cid, text] of Object.entries(parsed.value)) {
      if (text) doc.context[cid] = text;
      else delete doc.context[cid];
    }
  });
  return ok(null);
}

/** One owner closes it: its scores are fixed (sealed) and it can be compared and planned from. */
export async function closeAssessment(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<void> {
  requireAccess(actor, 'org:own', { orgId });
  // Scored from the answers of one revision; an answer saved meanwhile makes it score again.
  await withRetries(async () => {
    const row = await openForAnswers(ctx, orgId, id);
    const current = await assemble(ctx, row);
    const sealed = await ctx.sealer.seal(scoresAt(orgId, id), JSON.stringify(current.scores));
    const closedBy = await ctx.sealer.seal(byAt(orgId, id, 'closed_by'), actorId(actor));
    return ctx.db.transaction().execute(async (trx) => {
      if (!(await q.closeAssessmentRow(trx, orgId, id, row.revision, closedBy, ctx.clock.now(), sealed)))
        return undefined;
      await audit(
        trx,
        { actor: actorId(actor), action: 'assessment.close', objectType: 'assessment', objectId: id, orgId },
        ctx.clock.now(),
      );
      return true;
    });
  });
}

export interface Comparison {
  a: Assessment;
  b: Assessment;
  rows: { domain: DomainId; before: DomainScore; after: DomainScore; change: number | null }[];
}

export async function compareAssessments(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  aId: string,
  bId: string,
): Promise<Comparison> {
  requireAccess(actor, 'org:read', { orgId });
  const [a, b] = [await assemble(ctx, await found(ctx, orgId, aId)), await assemble(ctx, await found(ctx, orgId, bId))];
  const [first, second] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
  const rows = first.scores.map((before) => {
    const after = second.scores.find((s) => s.domain === before.domain)!;
    return {
      domain: before.domain,
      before,
      after,
      change: before.risk !== null && after.risk !== null ? Math.round((after.risk - before.risk) * 100) / 100 : null,
    };
  });
  return { a: first, b: second, rows };
}

/** Each closed assessment's domain scores, oldest first, for the trend chart. */
export async function scoreHistory(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
): Promise<{ id: string; at: Date; scores: DomainScore[] }[]> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) return [];
  const closed = (await q.listAssessments(ctx.db, orgId))
    .filter((a) => a.status === 'closed' && a.sealedScores)
    .reverse();
  return Promise.all(
    closed.map(async (a) => ({
      id: a.id,
      at: a.closedAt!,
      scores: JSON.parse(await ctx.sealer.open(scoresAt(orgId, a.id), a.sealedScores!)) as DomainScore[],
    })),
  );
}
