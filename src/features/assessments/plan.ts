// The living action plan: generated from a closed assessment (each high-risk domain proposes its
// recommended actions, medium ones their first), then owned, dated and ticked off by the organisation.
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import { isActiveMember } from '../accounts/orgs/service.ts';
import { newId } from '../../platform/ids.ts';
import { changeOrgDoc, readOrgDoc } from './documents.ts';
import { planActionSchema, type STATUSES } from './input.ts';
import type { DomainId } from './instrument.ts';
import { getAssessment, loadLibrary } from './service.ts';
import type { DomainScore } from './scoring.ts';

/** Why an action was proposed, kept as data so each reader sees it in their language. */
export interface Reason {
  domain: DomainId;
  risk: number;
  threat: number;
  vulnerability: number;
  capacity: number;
  band: DomainScore['band'];
}

/** One action as the organisation's sealed plan document holds it. */
interface StoredAction {
  id: string;
  actionId: string;
  assessmentId: string | null;
  domain: string;
  reason: Reason;
  ownerId: string | null;
  dueOn: string | null;
  status: (typeof STATUSES)[number];
  notes: string;
  createdAt: string;
  updatedAt: string;
}

/** The whole plan of an organisation: one sealed document, in the order actions were proposed. */
export interface PlanDoc {
  actions: StoredAction[];
}

const emptyPlan = (): PlanDoc => ({ actions: [] });

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
  const added = await changeOrgDoc(ctx, orgId, 'plan', emptyPlan, (plan) => {
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
  const today = ctx.clock.now().toISOString().slice(0, 10);
  return (await readOrgDoc(ctx, orgId, 'plan', emptyPlan)).actions.map((a) => ({
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
  fields: Record<string, unknown>,
): Promise<Result<null>> {
  requireAccess(actor, 'org:write', { orgId });
  if (!(await readOrgDoc(ctx, orgId, 'plan', emptyPlan)).actions.some((a) => a.id === id))
    throw new NotFoundError('no such action');
  const parsed = planActionSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const owner = parsed.data.owner || null;
  if (owner) {
    if (!(await isActiveMember(ctx.db, orgId, owner)))
      return { ok: false, problems: { owner: { key: 'validation.choice' } } };
  }
  const at = ctx.clock.now().toISOString();
  await changeOrgDoc(ctx, orgId, 'plan', emptyPlan, (plan) => {
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
  return { ok: true, value: null };
}
