// /{locale}/orgs/:orgId/scenarios: the what-if library, adopting a card, editing the organisation's plan.
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import { listDirectory } from '../../directory/service.ts';
import { allows } from '../../../platform/access.ts';
import { activeMembers } from '../../accounts/orgs/service.ts';
import { MAX_ROLES } from './input.ts';
import { adoptScenario, getAdopted, scenarioLibrary, updateAdopted, type ScenarioPlan } from './service.ts';
import { ScenarioEditPage, ScenarioLibraryPage } from './views/scenarios.tsx';

type Ctx = Context<AppEnv>;
const canEdit = (c: Ctx) => allows(c.var.actor, 'org:write', { orgId: c.req.param('orgId')! });
const names = async (c: Ctx) => new Map((await listDirectory(c.var.ctx, c.var.actor)).map((m) => [m.id, m.name]));

async function editPage(c: Ctx, values: ScenarioPlan | null, problems: Problems) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const adopted = await getAdopted(ctx, actor, orgId, c.req.param('id')!);
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <ScenarioEditPage
      locale={locale}
      t={t}
      base={`/${locale}/orgs/${orgId}`}
      csrf={csrfToken(c)}
      adopted={adopted}
      members={await activeMembers(ctx, actor, orgId)}
      values={values ?? adopted.plan}
      problems={problems}
      canEdit={canEdit(c)}
      names={await names(c)}
      notice={c.req.query('done') === 'saved' ? t('scen.saved') : undefined}
    />,
    { title: t('scen.title') },
  );
}

/** What the person typed, to show again after a problem. */
function typed(fields: Record<string, string | string[]>): ScenarioPlan {
  const s = (k: string) => (typeof fields[k] === 'string' ? (fields[k] as string) : '');
  const roles = Array.from({ length: MAX_ROLES }, (_, i) => ({ task: s(`task_${i}`), who: s(`who_${i}`) })).filter(
    (r) => r.task,
  );
  return { signs: s('signs'), steps: s('steps'), contacts: s('contacts'), prepare: s('prepare'), roles };
}

export const scenarioRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/scenarios', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgId = c.req.param('orgId');
    const { cards, adopted } = await scenarioLibrary(ctx, actor, orgId);
    return c.render(
      <ScenarioLibraryPage
        locale={locale}
        t={t}
        base={`/${locale}/orgs/${orgId}`}
        csrf={csrfToken(c)}
        cards={cards}
        adopted={adopted}
        canEdit={canEdit(c)}
        names={await names(c)}
      />,
      {
        title: t('scen.title'),
      },
    );
  })
  .post('/orgs/:orgId/scenarios', async (c) => {
    const card = (await readForm(c)).card;
    const { id } = await adoptScenario(
      c.var.ctx,
      c.var.actor,
      c.req.param('orgId'),
      typeof card === 'string' ? card : '',
      c.var.locale,
    );
    return c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}/scenarios/${id}`, 303);
  })
  .get('/orgs/:orgId/scenarios/:id', (c) => editPage(c, null, {}))
  .post('/orgs/:orgId/scenarios/:id', async (c) => {
    const fields = await readForm(c);
    const result = await updateAdopted(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'), fields);
    if (!result.ok) return editPage(c, typed(fields), result.problems);
    return c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}/scenarios/${c.req.param('id')}?done=saved`, 303);
  });
