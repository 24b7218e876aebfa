// Several members saving at once lose nothing: an assessment's answers, the action plan and the
// adopted cards are each one sealed document (docs/decisions/0010), changed by compare-and-swap on its
// revision, and a writer that lost the race reads the document again and reapplies its change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan, listPlan, updatePlanAction } from '../src/features/assessments/plan/service.ts';
import { adoptScenario, scenarioLibrary } from '../src/features/assessments/scenarios/service.ts';
import {
  closeAssessment,
  getAssessment,
  loadLibrary,
  saveContext,
  saveDomain,
  startAssessment,
} from '../src/features/assessments/assessment/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { newOrg, withOrgKey } from './helpers/accounts.ts';
import { testEnv, type TestEnv } from './helpers/context.ts';

let env: TestEnv;
let orgId: string;
beforeAll(async () => {
  env = await testEnv();
  orgId = await newOrg(env, 'Many Hands');
});
afterAll(() => env.close());

describe('concurrent writers', () => {
  it('answering every area at once, then planning and adopting at once, loses no change', async () => {
    const { instrument, scenarios } = await loadLibrary(env.ctx);
    const { id } = await withOrgKey(env, orgId, () => startAssessment(env.ctx, cliOperator, orgId, {}));
    // Each area by a different "member", all at the same moment, each with its own note; the context too.
    const saves = instrument.domains.map((domain, i) => {
      const fields: Record<string, string> = { note: `note of area ${i}` };
      for (const q of domain.threats)
        Object.assign(fields, { [`${q.id}.likelihood`]: '5', [`${q.id}.impact`]: String(1 + (i % 5)) });
      for (const q of domain.vulnerabilities) fields[q.id] = '4';
      for (const q of domain.capacities) fields[q.id] = '1';
      return withOrgKey(env, orgId, () => saveDomain(env.ctx, cliOperator, orgId, id, domain.id, fields));
    });
    const context = withOrgKey(env, orgId, () =>
      saveContext(
        env.ctx,
        cliOperator,
        orgId,
        id,
        Object.fromEntries(instrument.context.map((q) => [q.id, `context ${q.id}`])),
      ),
    );
    for (const result of await Promise.all([...saves, context])) expect(result.ok).toBe(true);

    const saved = await withOrgKey(env, orgId, () => getAssessment(env.ctx, cliOperator, orgId, id));
    const questions = instrument.domains.flatMap((d) => [...d.threats, ...d.vulnerabilities, ...d.capacities]);
    expect(Object.keys(saved.answers).sort()).toEqual(questions.map((q) => q.id).sort());
    expect(Object.keys(saved.notes).length).toBe(instrument.domains.length);
    instrument.domains.forEach((d, i) => expect(saved.notes[d.id]).toBe(`note of area ${i}`));
    expect(Object.keys(saved.context).length).toBe(instrument.context.length);

    // Planning twice at once proposes each action once.
    await withOrgKey(env, orgId, () => closeAssessment(env.ctx, cliOperator, orgId, id));
    const [first, second] = await Promise.all([
      withOrgKey(env, orgId, () => generatePlan(env.ctx, cliOperator, orgId, id)),
      withOrgKey(env, orgId, () => generatePlan(env.ctx, cliOperator, orgId, id)),
    ]);
    const plan = await withOrgKey(env, orgId, () => listPlan(env.ctx, cliOperator, orgId));
    expect(first!.added + second!.added).toBe(plan.length);
    expect(new Set(plan.map((a) => a.actionId)).size).toBe(plan.length);

    // Several people update different actions at once: every update lands.
    const touched = plan.slice(0, 6);
    expect(touched.length).toBeGreaterThan(2);
    const updates = await Promise.all(
      touched.map((a, i) =>
        withOrgKey(env, orgId, () =>
          updatePlanAction(env.ctx, cliOperator, orgId, a.id, { status: 'doing', notes: `step ${i}` }),
        ),
      ),
    );
    for (const u of updates) expect(u.ok).toBe(true);
    const after = await withOrgKey(env, orgId, () => listPlan(env.ctx, cliOperator, orgId));
    touched.forEach((a, i) =>
      expect(after.find((x) => x.id === a.id)).toMatchObject({ status: 'doing', notes: `step ${i}` }),
    );
    expect(after.filter((a) => a.status === 'todo').length).toBe(plan.length - touched.length);

    // Adopting several cards at once, one of them twice: each card once, none lost.
    const cards = [...scenarios.keys()].slice(0, 5);
    const adopted = await Promise.all(
      [...cards, cards[0]!].map((card) =>
        withOrgKey(env, orgId, () => adoptScenario(env.ctx, cliOperator, orgId, card, 'en')),
      ),
    );
    expect(adopted[0]!.id).toBe(adopted.at(-1)!.id);
    const library = await withOrgKey(env, orgId, () => scenarioLibrary(env.ctx, cliOperator, orgId));
    expect(library.adopted.map((a) => a.card.id).sort()).toEqual([...cards].sort());
  });
});
