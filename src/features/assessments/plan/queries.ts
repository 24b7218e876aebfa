// The organisation's action plan as stored: one sealed document in org_documents (../org-documents.ts
// seals it and saves it by compare-and-swap), holding every action in the order it was proposed.
import type { AppContext } from '../../../context.ts';
import type { DomainId, DomainScore } from '../assessment/service.ts';
import { changeOrgDoc, readOrgDoc } from '../org-documents.ts';
import type { STATUSES } from './input.ts';

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
export interface StoredAction {
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

/** The organisation's plan; empty when it never planned. */
export function readPlan(ctx: AppContext, orgId: string): Promise<PlanDoc> {
  return readOrgDoc(ctx, orgId, 'plan', emptyPlan);
}

/** Changes the plan: `change` returns the new plan (or none, to leave it) and a result; retried on a race. */
export function changePlan<R>(
  ctx: AppContext,
  orgId: string,
  change: (plan: PlanDoc) => { doc?: PlanDoc; result: R },
): Promise<R> {
  return changeOrgDoc(ctx, orgId, 'plan', emptyPlan, change);
}
