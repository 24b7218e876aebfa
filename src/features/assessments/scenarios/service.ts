// What-if cards: a shared library (data/scenarios) that an organisation adopts and rewrites into its
// own plan, with a person named for each role. All the cards an organisation adopted, with its own
// versions, are one sealed document (queries.ts): not even which cards it chose is plain.
import type { AppContext } from '../../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { newId } from '../../../platform/ids.ts';
import { pick } from '../../../platform/i18n/localized.ts';
import { scenarioPlanSchema, typedRoles, type ScenarioPlanInput } from './input.ts';
import { isActiveMember } from '../../accounts/orgs/service.ts';
import { loadLibrary, type Scenario } from '../assessment/service.ts';
import { changeAdopted, readAdopted, type ScenarioPlan } from './queries.ts';

export type { ScenarioPlan } from './queries.ts';

export interface AdoptedScenario {
  id: string;
  card: Scenario;
  plan: ScenarioPlan;
  updatedAt: Date;
}

export async function scenarioLibrary(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
): Promise<{ cards: Scenario[]; adopted: AdoptedScenario[] }> {
  requireAccess(actor, 'org:read', { orgId });
  const { scenarios } = await loadLibrary(ctx);
  const adopted: AdoptedScenario[] = [];
  // A duress sign-in's decoy (decision 0016) shows a newly created, empty workspace.
  const entries = isDecoy(actor) ? [] : (await readAdopted(ctx, orgId)).adopted;
  for (const entry of entries) {
    const card = scenarios.get(entry.cardId);
    if (card) adopted.push({ id: entry.id, card, plan: entry.plan, updatedAt: new Date(entry.updatedAt) });
  }
  return { cards: [...scenarios.values()], adopted };
}

/** Adopting copies the card's text (in the reader's language) as the first draft of the organisation's plan. */
export async function adoptScenario(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  cardId: string,
  locale: Locale,
): Promise<{ id: string }> {
  requireAccess(actor, 'org:write', { orgId });
  const card = (await loadLibrary(ctx)).scenarios.get(cardId);
  if (!card) throw new NotFoundError('no such card');
  const lines = (items: Scenario['signs']) => items.map((t) => pick(t, locale).text).join('\n');
  const plan: ScenarioPlan = {
    signs: lines(card.signs),
    steps: lines(card.steps),
    roles: card.roles.map((r) => ({ task: pick(r, locale).text, who: '' })),
    contacts: '',
    prepare: lines(card.prepare),
  };
  const at = ctx.clock.now().toISOString();
  const { id, added } = await changeAdopted(ctx, orgId, (doc) => {
    const existing = doc.adopted.find((a) => a.cardId === cardId); // adopted before, perhaps by a colleague
    if (existing) return { result: { id: existing.id, added: false } };
    const entry = { id: newId(12), cardId, plan, createdAt: at, updatedAt: at };
    return { doc: { adopted: [...doc.adopted, entry] }, result: { id: entry.id, added: true } };
  });
  // Audited as an edit of the organisation's cards: the log does not say which card, nor count adoptions apart from edits.
  if (added)
    await audit(
      ctx.db,
      { actor: actorId(actor), action: 'scenario.edit', objectType: 'scenarios', objectId: orgId, orgId },
      ctx.clock.now(),
    );
  return { id };
}

export async function getAdopted(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<AdoptedScenario> {
  requireAccess(actor, 'org:read', { orgId });
  const entry = (await readAdopted(ctx, orgId)).adopted.find((a) => a.id === id);
  const card = entry && (await loadLibrary(ctx)).scenarios.get(entry.cardId);
  if (!entry || !card) throw new NotFoundError('no such plan');
  return { id, card, plan: entry.plan, updatedAt: new Date(entry.updatedAt) };
}

/** The organisation's own version: free text, and a task list where each task names an active member. */
export async function updateAdopted(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  fields: ScenarioPlanInput,
): Promise<Result<null>> {
  requireAccess(actor, 'org:write', { orgId });
  await getAdopted(ctx, actor, orgId, id);
  const parsed = scenarioPlanSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const roles: ScenarioPlan['roles'] = [];
  for (const { row, task, who } of typedRoles(fields)) {
    if (who && !(await isActiveMember(ctx, orgId, who))) return fail(problem(`who_${row}`, 'validation.choice'));
    roles.push({ task, who });
  }
  const plan: ScenarioPlan = { ...parsed.data, roles };
  const at = ctx.clock.now().toISOString();
  await changeAdopted(ctx, orgId, (doc) => {
    const entry = doc.adopted.find((a) => a.id === id);
    if (!entry) throw new NotFoundError('no such plan');
    Object.assign(entry, { plan, updatedAt: at });
    return { doc, result: null };
  });
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'scenario.edit', objectType: 'scenarios', objectId: orgId, orgId },
    ctx.clock.now(),
  );
  return ok(null);
}
