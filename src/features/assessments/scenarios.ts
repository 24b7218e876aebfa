// What-if cards: a shared library (data/scenarios) that an organisation adopts and rewrites into its
// own plan, with a person named for each role. The organisation's version is sealed.
import type { AppContext } from '../../context.ts';
import { readDate } from '../../db/values.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, type FormResult } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { newId } from '../accounts/tokens.ts';
import { pick } from '../../platform/i18n/localized.ts';
import { scenarioPlanSchema } from './input.ts';
import type { Scenario } from './instrument.ts';
import { isActiveMember } from '../accounts/queries.ts';
import * as q from './queries.ts';
import { loadLibrary } from './service.ts';

export interface ScenarioPlan {
  signs: string;
  steps: string;
  roles: { task: string; who: string }[];
  contacts: string;
  prepare: string;
}

export interface AdoptedScenario {
  id: string;
  card: Scenario;
  plan: ScenarioPlan;
  updatedAt: Date;
}

const planAt = (orgId: string, id: string) => ({ scope: `org:${orgId}`, table: 'org_scenarios', column: 'plan', rowId: id });
export const MAX_ROLES = 12;

export async function scenarioLibrary(ctx: AppContext, actor: Actor, orgId: string): Promise<{ cards: Scenario[]; adopted: AdoptedScenario[] }> {
  requireAccess(actor, 'org:read', { orgId });
  const { scenarios } = await loadLibrary(ctx);
  const adopted: AdoptedScenario[] = [];
  for (const row of await q.listOrgScenarios(ctx.db, orgId)) {
    const card = scenarios.get(row.card_id);
    if (card) adopted.push({ id: row.id, card, plan: JSON.parse(await ctx.sealer.open(planAt(orgId, row.id), row.plan)) as ScenarioPlan, updatedAt: readDate(row.updated_at) });
  }
  return { cards: [...scenarios.values()], adopted };
}

/** Adopting copies the card's text (in the reader's language) as the first draft of the organisation's plan. */
export async function adoptScenario(ctx: AppContext, actor: Actor, orgId: string, cardId: string, locale: Locale): Promise<{ id: string }> {
  requireAccess(actor, 'org:write', { orgId });
  const card = (await loadLibrary(ctx)).scenarios.get(cardId);
  if (!card) throw new NotFoundError('no such card');
  const existing = (await q.listOrgScenarios(ctx.db, orgId)).find((r) => r.card_id === cardId);
  if (existing) return { id: existing.id };
  const lines = (items: Scenario['signs']) => items.map((t) => pick(t, locale).text).join('\n');
  const plan: ScenarioPlan = { signs: lines(card.signs), steps: lines(card.steps), roles: card.roles.map((r) => ({ task: pick(r, locale).text, who: '' })), contacts: '', prepare: lines(card.prepare) };
  const fresh = newId(12);
  const sealedPlan = await ctx.sealer.seal(planAt(orgId, fresh), JSON.stringify(plan));
  const id = await q.insertOrgScenario(ctx.db, { id: fresh, orgId, cardId, sealedPlan, at: ctx.clock.now() });
  if (id !== fresh) return { id }; // adopted meanwhile by a colleague
  await audit(ctx.db, { actor: actorId(actor), action: 'scenario.adopt', objectType: 'scenario', objectId: id, orgId }, ctx.clock.now());
  return { id };
}

export async function getAdopted(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<AdoptedScenario> {
  requireAccess(actor, 'org:read', { orgId });
  const row = await q.findOrgScenario(ctx.db, orgId, id);
  const card = row && (await loadLibrary(ctx)).scenarios.get(row.card_id);
  if (!row || !card) throw new NotFoundError('no such plan');
  return { id, card, plan: JSON.parse(await ctx.sealer.open(planAt(orgId, id), row.plan)) as ScenarioPlan, updatedAt: readDate(row.updated_at) };
}

/** The organisation's own version: free text, and a task list where each task names an active member. */
export async function updateAdopted(ctx: AppContext, actor: Actor, orgId: string, id: string, fields: Record<string, unknown>): Promise<FormResult<null>> {
  requireAccess(actor, 'org:write', { orgId });
  await getAdopted(ctx, actor, orgId, id);
  const parsed = scenarioPlanSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const roles: ScenarioPlan['roles'] = [];
  for (let i = 0; i < MAX_ROLES; i++) {
    const task = typeof fields[`task_${i}`] === 'string' ? (fields[`task_${i}`] as string).trim().slice(0, 400) : '';
    const who = typeof fields[`who_${i}`] === 'string' ? (fields[`who_${i}`] as string) : '';
    if (!task) continue;
    if (who && !(await isActiveMember(ctx.db, orgId, who))) return { ok: false, problems: { [`who_${i}`]: { key: 'validation.choice' } } };
    roles.push({ task, who });
  }
  const plan: ScenarioPlan = { ...parsed.data, roles };
  await q.updateOrgScenario(ctx.db, orgId, id, await ctx.sealer.seal(planAt(orgId, id), JSON.stringify(plan)), ctx.clock.now());
  await audit(ctx.db, { actor: actorId(actor), action: 'scenario.edit', objectType: 'scenario', objectId: id, orgId }, ctx.clock.now());
  return { ok: true, value: null };
}
