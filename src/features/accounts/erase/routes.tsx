// /{locale}/orgs/:orgId/erase: the owner's confirmation page and the erasure itself. Afterwards the
// owner stays signed in and lands on the dashboard, without the organisation.
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { eraseConfirmation, eraseOrganisation } from './service.ts';
import { ErasePage } from './views/erase.tsx';

async function erasePage(c: Context<AppEnv>, values: FormValues, problems: Problems, status: 200 | 422) {
  const { ctx, actor, locale, t } = c.var;
  const org = await eraseConfirmation(ctx, actor, c.req.param('orgId')!);
  c.status(status);
  return c.render(
    <ErasePage locale={locale} csrf={csrfToken(c)} t={t} org={org} values={values} problems={problems} />,
    { title: t('erase.title', { name: org.name }) },
  );
}

export const eraseRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/erase', (c) => erasePage(c, {}, {}, 200))
  .post('/orgs/:orgId/erase', async (c) => {
    const fields = await readForm(c);
    const result = await eraseOrganisation(c.var.ctx, c.var.actor, c.req.param('orgId'), fields);
    if (!result.ok) return erasePage(c, fields, result.problems, 422);
    return c.redirect(`/${c.var.locale}/dashboard?done=erased`, 303);
  });
