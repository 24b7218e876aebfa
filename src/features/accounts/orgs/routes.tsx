// /{locale}/dashboard and /{locale}/orgs/:orgId: members and settings (its invitations are in
// invitations/routes.tsx). The organisation id comes from the URL and is checked by requireAccess in
// every service call; another organisation's id answers 404.
import { Hono, type Context } from 'hono';
import { roleIn } from '../../../platform/access.ts';
import { UnauthenticatedError, type Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { myProfile } from '../account/service.ts';
import { pendingInvitations } from '../invitations/service.ts';
import { changeRole, myOrganisations, orgOverview, setMemberEnabled, setRequireMfa } from './service.ts';
import { DashboardPage, OrgPage } from './views/org.tsx';

type Ctx = Context<AppEnv>;
const body = readForm;
const NOTICES = ['invited', 'withdrawn', 'role', 'enabled', 'disabled', 'settings'];

/** The organisation's page; also shown again, with the invite form's problems, by invitations/routes.tsx. */
export async function orgPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const org = await orgOverview(ctx, actor, orgId);
  const invitations = await pendingInvitations(ctx, actor, orgId);
  const myRole = roleIn(actor, orgId) ?? 'viewer';
  const done = c.req.query('done') ?? '';
  c.status(status);
  return c.render(
    <OrgPage
      locale={locale}
      csrf={csrfToken(c)}
      t={t}
      org={org}
      invitations={invitations}
      myRole={myRole}
      values={values}
      problems={problems}
      notice={NOTICES.includes(done) ? t(`org.done.${done}`) : undefined}
    />,
    { title: org.name },
  );
}

const back = (c: Ctx, done: string) => c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}?done=${done}`, 303);

export const orgRoutes = new Hono<AppEnv>()
  .get('/dashboard', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgs = await myOrganisations(ctx, actor);
    if (actor.kind !== 'user') throw new UnauthenticatedError('sign in');
    const me = await myProfile(ctx, actor);
    return c.render(
      <DashboardPage locale={locale} t={t} orgs={orgs} curator={actor.platformRole !== null} name={me.name} />,
      { title: t('dashboard.title') },
    );
  })
  .get('/orgs/:orgId', (c) => orgPage(c, {}, {}, 200))
  .post('/orgs/:orgId/members/:userId/role', async (c) => {
    await changeRole(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('userId'), await body(c));
    return back(c, 'role');
  })
  .post('/orgs/:orgId/members/:userId/enable', async (c) => {
    await setMemberEnabled(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('userId'), true);
    return back(c, 'enabled');
  })
  .post('/orgs/:orgId/members/:userId/disable', async (c) => {
    await setMemberEnabled(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('userId'), false);
    return back(c, 'disabled');
  })
  .post('/orgs/:orgId/settings', async (c) => {
    const value = (await body(c)).require_mfa;
    await setRequireMfa(
      c.var.ctx,
      c.var.actor,
      c.req.param('orgId'),
      Array.isArray(value) ? value.includes('on') : value === 'on',
    );
    return back(c, 'settings');
  });
