// /{locale}/orgs/:orgId/invitations (invite, withdraw) and /{locale}/invitations/:token (accept).
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { setSessionCookie } from '../session-cookie.ts';
import { acceptAsMember, acceptAsNewUser, describeInvitation, inviteMember, withdrawInvitation } from './service.ts';
import { InvitationPage } from './views/invitation.tsx';

type Ctx = Context<AppEnv>;
const body = readForm;

/**
 * The invite form is on the organisation's page, which the orgs slice renders: a refused invitation shows
 * that page again with the form's problems. app.ts passes it in (orgs/routes.tsx, orgPage).
 */
export type OrgPageAgain = (c: Ctx, values: FormValues, problems: Problems, status: 422) => Promise<Response>;

const back = (c: Ctx, done: string) => c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}?done=${done}`, 303);

export const invitationRoutes = (orgPage: OrgPageAgain) =>
  new Hono<AppEnv>()
    .post('/orgs/:orgId/invitations', async (c) => {
      const fields = await body(c);
      const result = await inviteMember(c.var.ctx, c.var.actor, c.req.param('orgId'), fields);
      if (!result.ok) return orgPage(c, fields, result.problems, 422);
      return back(c, 'invited');
    })
    .post('/orgs/:orgId/invitations/:id/withdraw', async (c) => {
      await withdrawInvitation(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'));
      return back(c, 'withdrawn');
    })
    .get('/invitations/:token', async (c) => invitationPage(c, {}, {}, 200))
    .post('/invitations/:token', async (c) => {
      const fields = await body(c);
      const result = await acceptAsNewUser(c.var.ctx, c.var.actor, c.req.param('token'), fields);
      if (!result.ok) return invitationPage(c, { name: fields.name ?? '' }, result.problems, 422);
      setSessionCookie(c, result.value.sessionToken);
      return c.redirect(`/${c.var.locale}/account/two-factor?welcome`, 303);
    })
    .post('/invitations/:token/accept', async (c) => {
      const { orgId } = await acceptAsMember(c.var.ctx, c.var.actor, c.req.param('token'));
      return c.redirect(orgId ? `/${c.var.locale}/orgs/${orgId}` : `/${c.var.locale}/dashboard`, 303);
    });

async function invitationPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422) {
  const { ctx, locale, t, actor } = c.var;
  const token = c.req.param('token') ?? '';
  const info = await describeInvitation(ctx, actor, token);
  c.status(status);
  c.header('cache-control', 'no-store');
  const here = `/${locale}/invitations/${token}`;
  return c.render(
    <InvitationPage
      action={here}
      csrf={csrfToken(c)}
      values={values}
      problems={problems}
      t={t}
      {...info}
      signInHref={`/${locale}/login?next=${encodeURIComponent(here)}`}
    />,
    { title: t('invite.title') },
  );
}
