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
import { RecoveryKeyPage } from '../recovery-key-page.tsx';
import {
  changeRole,
  myOrganisations,
  orgOverview,
  orgSummary,
  recoverAccess,
  replaceRecoveryKey,
  restoreAccess,
  setMemberEnabled,
  setRequireMfa,
} from './service.ts';
import { RecoverPage } from './views/keys.tsx';
import { DashboardPage, OrgPage } from './views/org.tsx';

type Ctx = Context<AppEnv>;
const body = readForm;
const NOTICES = ['invited', 'withdrawn', 'role', 'enabled', 'disabled', 'settings', 'restored', 'recovered'];

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

function recoverPage(c: Ctx, problems: Problems, status: 200 | 422) {
  const { actor, locale, t } = c.var;
  if (actor.kind !== 'user') throw new UnauthenticatedError('sign in');
  c.status(status);
  return c.render(<RecoverPage locale={locale} csrf={csrfToken(c)} t={t} values={{}} problems={problems} />, {
    title: t('recover.title'),
  });
}

const back = (c: Ctx, done: string) => c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}?done=${done}`, 303);

export const orgRoutes = new Hono<AppEnv>()
  .get('/dashboard', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgs = await myOrganisations(ctx, actor);
    if (actor.kind !== 'user') throw new UnauthenticatedError('sign in');
    const me = await myProfile(ctx, actor);
    return c.render(
      <DashboardPage
        locale={locale}
        t={t}
        orgs={orgs}
        curator={actor.platformRole !== null}
        name={me.name}
        accessLostAt={me.accessLostAt}
        notice={c.req.query('done') === 'erased' ? t('erase.done') : undefined}
      />,
      { title: t('dashboard.title') },
    );
  })
  .get('/recover', (c) => recoverPage(c, {}, 200))
  .post('/recover', async (c) => {
    const result = await recoverAccess(c.var.ctx, c.var.actor, String((await body(c)).recovery_key ?? ''));
    if (!result.ok) return recoverPage(c, result.problems, 422);
    return c.redirect(`/${c.var.locale}/orgs/${result.value.orgId}?done=recovered`, 303);
  })
  .post('/orgs/:orgId/members/:userId/restore', async (c) => {
    await restoreAccess(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('userId'));
    return back(c, 'restored');
  })
  .post('/orgs/:orgId/recovery-key', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgId = c.req.param('orgId');
    const recoveryKey = await replaceRecoveryKey(ctx, actor, orgId);
    const org = await orgSummary(ctx, actor, orgId);
    c.header('cache-control', 'no-store');
    return c.render(await RecoveryKeyPage({ recoveryKey, orgName: org.name, next: `/${locale}/orgs/${orgId}`, t }), {
      title: t('recoveryKey.title'),
    });
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
