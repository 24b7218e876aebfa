// /{locale}/orgs/:orgId/plan: the living action plan.
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import { listDirectory } from '../../directory/service.ts';
import { planToMarkdown } from './export.ts';
import { allows } from '../../../platform/access.ts';
import { activeMembers } from '../../accounts/orgs/service.ts';
import { listPlan, updatePlanAction } from './service.ts';
import { loadLibrary } from '../assessment/service.ts';
import { PlanPage } from './views/plan.tsx';

type Ctx = Context<AppEnv>;
const NOTICES = ['planned', 'saved'];

async function planPage(c: Ctx, problems: { id: string; problems: Problems } | null) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const actions = await listPlan(ctx, actor, orgId);
  const { actions: catalog, instrument } = await loadLibrary(ctx);
  const members = await activeMembers(ctx, actor, orgId);
  const mechanismNames = new Map((await listDirectory(ctx, actor)).map((m) => [m.id, m.name]));
  const done = c.req.query('done') ?? '';
  c.status(problems ? 422 : 200);
  return c.render(
    <PlanPage
      locale={locale}
      t={t}
      base={`/${locale}/orgs/${orgId}`}
      csrf={csrfToken(c)}
      actions={actions}
      catalog={catalog}
      domains={instrument.domains}
      members={members}
      mechanismNames={mechanismNames}
      canEdit={allows(actor, 'org:write', { orgId })}
      notice={NOTICES.includes(done) ? t(`plan.done.${done}`) : undefined}
      problems={problems}
    />,
    { title: t('plan.title') },
  );
}

export const planRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/plan', (c) => planPage(c, null))
  .get('/orgs/:orgId/plan/export.md', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgId = c.req.param('orgId');
    const actions = await listPlan(ctx, actor, orgId);
    const owners = new Map((await activeMembers(ctx, actor, orgId)).map((m) => [m.id, m.name]));
    c.header('content-type', 'text/markdown; charset=UTF-8');
    c.header('content-disposition', 'attachment; filename="action-plan.md"');
    const library = await loadLibrary(ctx);
    return c.body(planToMarkdown(actions, library.instrument, library.actions, owners, locale, t));
  })
  .get('/orgs/:orgId/plan/export.json', async (c) => {
    const actions = await listPlan(c.var.ctx, c.var.actor, c.req.param('orgId'));
    c.header('content-disposition', 'attachment; filename="action-plan.json"');
    return c.json({ actions });
  })
  .post('/orgs/:orgId/plan/actions/:id', async (c) => {
    const result = await updatePlanAction(
      c.var.ctx,
      c.var.actor,
      c.req.param('orgId'),
      c.req.param('id'),
      await readForm(c),
    );
    if (!result.ok) return planPage(c, { id: c.req.param('id'), problems: result.problems });
    return c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}/plan?done=saved#action-${c.req.param('id')}`, 303);
  });
