// The living action plan: generated from a closed assessment (each high-risk domain proposes its
// recommended actions, medium ones their first), then owned, dated and ticked off by the organisation.
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, type FormResult } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { isActiveMember } from '../accounts/queries.ts';
import { newId } from '../accounts/tokens.ts';
import { planActionSchema } from './input.ts';
import type { DomainId } from './instrument.ts';
import * as q from './queries.ts';
import { getAssessment, loadLibrary } from './service.ts';
import type { DomainScore } from './scoring.ts';

const reasonAt = (orgId: string, id: string) => ({ scope: `org:${orgId}`, table: 'plan_actions', column: 'reason', rowId: id });
const notesAt = (orgId: string, id: string) => ({ scope: `org:${orgId}`, table: 'plan_actions', column: 'notes', rowId: id });

/** Why an action was proposed, kept as data so each reader sees it in their language. */
export interface Reason {
  domain: DomainId;
  risk: number;
  threat: number;
  vulnerability: number;
  capacity: number;
  band: DomainScore['band'];
}

export interface PlanAction extends Omit<q.PlanActionRow, 'sealedReason' | 'sealedNotes'> {
  reason: Reason;
  notes: string;
  overdue: boolean;
}

/** Proposes the actions of every high domain, and the first action of every medium one; never twice. */
export async function generatePlan(ctx: AppContext, actor: Actor, orgId: string, assessmentId: string): Promise<{ added: number }> {
  requireAccess(actor, 'org:write', { orgId });
  const assessment = await getAssessment(ctx, actor, orgId, assessmentId);
  if (assessment.status !== 'closed') throw new ConflictError('close the assessment before planning from it');
  const { instrument } = await loadLibrary(ctx);
  const existing = new Set((await q.listPlanActions(ctx.db, orgId)).map((a) => a.actionId));
  const ranked = [...assessment.scores].filter((s) => s.band === 'high' || s.band === 'medium').sort((x, y) => (y.risk ?? 0) - (x.risk ?? 0));
  let added = 0;
  for (const score of ranked) {
    const domain = instrument.domains.find((d) => d.id === score.domain)!;
    const proposals = score.band === 'high' ? domain.actions : domain.actions.slice(0, 1);
    for (const actionId of proposals) {
      if (existing.has(actionId)) continue;
      existing.add(actionId);
      const id = newId(12);
      const reason: Reason = { domain: score.domain, risk: score.risk!, threat: score.threat!, vulnerability: score.vulnerability, capacity: score.capacityUsed, band: score.band };
      await q.insertPlanAction(ctx.db, {
        id,
        orgId,
        actionId,
        assessmentId,
        domain: score.domain,
        sealedReason: await ctx.sealer.seal(reasonAt(orgId, id), JSON.stringify(reason)),
        ownerId: null,
        dueOn: null,
        status: 'todo',
        sealedNotes: await ctx.sealer.seal(notesAt(orgId, id), ''),
        // A millisecond apart, so the plan lists actions in the order they were proposed.
        createdAt: new Date(ctx.clock.now().getTime() + added),
      });
      added += 1;
    }
  }
  await audit(ctx.db, { actor: actorId(actor), action: 'plan.generate', objectType: 'assessment', objectId: assessmentId, orgId }, ctx.clock.now());
  return { added };
}

export async function listPlan(ctx: AppContext, actor: Actor, orgId: string): Promise<PlanAction[]> {
  requireAccess(actor, 'org:read', { orgId });
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return Promise.all(
    (await q.listPlanActions(ctx.db, orgId)).map(async ({ sealedReason, sealedNotes, ...row }) => ({
      ...row,
      reason: JSON.parse(await ctx.sealer.open(reasonAt(orgId, row.id), sealedReason)) as Reason,
      notes: await ctx.sealer.open(notesAt(orgId, row.id), sealedNotes),
      overdue: row.dueOn !== null && row.dueOn < today && row.status !== 'done' && row.status !== 'dropped',
    })),
  );
}

/** Owner, due date, status and notes. The owner must be an active member of this organisation. */
export async function updatePlanAction(ctx: AppContext, actor: Actor, orgId: string, id: string, fields: Record<string, unknown>): Promise<FormResult<null>> {
  requireAccess(actor, 'org:write', { orgId });
  const row = await q.findPlanAction(ctx.db, orgId, id);
  if (!row) throw new NotFoundError('no such action');
  const parsed = planActionSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const owner = parsed.data.owner || null;
  if (owner) {
    if (!(await isActiveMember(ctx.db, orgId, owner))) return { ok: false, problems: { owner: { key: 'validation.choice' } } };
  }
  await q.updatePlanAction(ctx.db, orgId, id, {
    ownerId: owner,
    dueOn: parsed.data.due || null,
    status: parsed.data.status,
    sealedNotes: await ctx.sealer.seal(notesAt(orgId, id), parsed.data.notes),
    at: ctx.clock.now(),
  });
  await audit(ctx.db, { actor: actorId(actor), action: `plan.action.${parsed.data.status}`, objectType: 'plan_action', objectId: id, orgId }, ctx.clock.now());
  return { ok: true, value: null };
}
