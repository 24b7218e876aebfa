// The living action plan: generated from a closed assessment (each high-risk domain proposes its
// recommended actions, medium ones their first), then owned, dated and ticked off by the organisation.
import type { AppContext } from '../../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { isActiveMember } from '../../accounts/orgs/service.ts';
import { newId } from '../../../platform/ids.ts';
import { getAssessment, loadLibrary } from '../assessment/service.ts';
import { planActionSchema, type PlanActionInput } from './input.ts';
import { changePlan, readPlan, type Reason, type StoredAction } from './queries.ts';

export type { Reason } from './queries.ts';

export interface PlanAction extends Omit<StoredAction, 'createdAt' | 'updatedAt'> {
  orgId: string;
  createdAt: Date;
  updatedAt: Date;
  overdue: boolean;
}

/** Proposes the actions of every high domain, and the first action of every medium one; never twice. */
export async function generatePlan(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  assessmentId: string,
): Promise<{ added: number }> {
  requireAccess(actor, 'org:write', { orgId });
  const assessment = await getAssessment(ctx, actor, orgId, assessmentId);
  if (assessment.status !== 'closed') throw new ConflictError('close the assessment before planning from it');
  const { instrument } = await loadLibrary(ctx);
  const ranked = [...assessment.scores]
    .filter((s) => s.band === 'high' || s.band === 'medium')
    .sort((x, y) => (y.risk ?? 0) - (x.risk ?? 0));
  const at = ctx.clock.now().toISOString();
  const added = await changePlan(ctx, orgId, (plan) => {
    const existing = new Set(plan.actions.map((a) => a.actionId));
    const fresh: StoredAction[] = [];
    for (const score of ranked) {
      const domain = instrument.domains.find((d) => d.id === score.domain)!;
      const proposals = score.band === 'high' ? domain.actions : domain.actions.slice(0, 1);
      for (const actionId of proposals) {
        if (existing.has(actionId)) continue;
        existing.add(actionId);
        const reason: Reason = {
          domain: score.domain,
          risk: score.risk!,
          threat: score.threat!,
          vulnerability: score.vulnerability,
          capacity: score.capacityUsed,
          band: score.band,
        };
        fresh.push({
          id: newId(12),
          actionId,
          assessmentId,
          domain: score.domain,
          reason,
          ownerId: null,
          dueOn: null,
          status: 'todo',
          notes: '',
          createdAt: at,
          updatedAt: at,
        });
      }
    }
    // The document is written even when nothing is new: every organisation that planned has one.
    return { doc: { actions: [...plan.actions, ...fresh] }, result: fresh.length };
  });
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'plan.generate', objectType: 'assessment', objectId: assessmentId, orgId },
    ctx.clock.now(),
  );
  return { added };
}

export async function listPlan(ctx: AppContext, actor: Actor, orgId: string): Promise<PlanAction[]> {
  requireAccess(actor, 'org:read', { orgId });
  // A duress sign-in's decoy (decision 0016) shows a newly created, empty workspace.
  if (isDecoy(actor)) return [];
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return (await readPlan(ctx, orgId)).actions.map((a) => ({
    ...a,
    orgId,
    createdAt: new Date(a.createdAt),
    updatedAt: new Date(a.updatedAt),
    overdue: a.dueOn !== null && a.dueOn < today && a.status !== 'done' && a.status !== 'dropped',
  }));
}

/** Owner, due date, status and notes. The owner must be an active member of this organisation. */
export async function updatePlanAction(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  fields: PlanActionInput,
): Promise<Result<null>> {
  requireAccess(actor, 'org:write', { orgId });
  if (!(await readPlan(ctx, orgId)).actions.some((a) => a.id === id)) throw new NotFoundError('no such action');
  const parsed = planActionSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const owner = parsed.data.owner || null;
  if (owner) {
    if (!(await isActiveMember(ctx, orgId, owner))) return fail(problem('owner', 'validation.choice'));
  }
  const at = ctx.clock.now().toISOString();
  await changePlan(ctx, orgId, (plan) => {
    const action = plan.actions.find((a) => a.id === id);
    if (!action) throw new NotFoundError('no such action');
    Object.assign(action, {
      ownerId: owner,
      dueOn: parsed.data.due || null,
      status: parsed.data.status,
      notes: parsed.data.notes,
      updatedAt: at,
    });
    return { doc: plan, result: null };
  });
  // The audit names the plan, not the action or its new status: those stay inside the sealed plan.
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'plan.edit', objectType: 'plan', objectId: orgId, orgId },
    ctx.clock.now(),
  );
  return ok(null);
}
