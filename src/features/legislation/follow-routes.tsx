// /{locale}/orgs/:orgId/legislation/follow: what the organisation follows (members read it, admins change
// it) and a member's own opt-in when the alerts go to those who ask.
import { Hono, type Context } from 'hono';
import { allows } from '../../platform/access.ts';
import type { Problems } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { followSettings, saveFollow, setFollowOptIn } from './follows.ts';
import { FollowPage } from './views/follow-page.tsx';

type Ctx = Context<AppEnv>;
const base = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}`;

async function followPage(c: Ctx, form: FormValues | null, problems: Problems) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const { follow, optedIn } = await followSettings(ctx, actor, orgId);
  const values: FormValues = form ?? {
    countries: follow?.countries.join(' ') ?? '',
    kinds: follow?.kinds ?? [],
    locale: follow?.locale ?? locale,
    audience: follow?.audience ?? 'admins',
  };
  const done = c.req.query('done');
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <FollowPage
      locale={locale}
      t={t}
      csrf={csrfToken(c)}
      base={base(c)}
      canManage={allows(actor, 'org:manage', { orgId })}
      follow={follow}
      optedIn={optedIn}
      values={values}
      problems={problems}
      {...(done === 'saved' && { notice: t('legislation.follow.saved') })}
    />,
    { title: t('legislation.follow.title') },
  );
}

export const followRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/legislation/follow', (c) => followPage(c, null, {}))
  .post('/orgs/:orgId/legislation/follow', async (c) => {
    const form = await readForm(c);
    const result = await saveFollow(c.var.ctx, c.var.actor, c.req.param('orgId'), form);
    if (!result.ok) return followPage(c, form, result.problems);
    return c.redirect(`${base(c)}/legislation/follow?done=saved`, 303);
  })
  .post('/orgs/:orgId/legislation/follow/me', async (c) => {
    const form = await readForm(c);
    await setFollowOptIn(c.var.ctx, c.var.actor, c.req.param('orgId'), form.on === '1');
    return c.redirect(`${base(c)}/legislation/follow`, 303);
  });
