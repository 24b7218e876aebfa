// /{locale}/account/safety: the prepared alert and the duress passphrase (docs/decisions/0016).
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { removeAlert, removeDuress, safetyOverview, saveAlert, saveDuress } from './service.ts';
import { SafetyPage } from './views/safety.tsx';

type Ctx = Context<AppEnv>;
const DONE = ['alert', 'alertRemoved', 'duress', 'duressRemoved'];

async function safetyPage(
  c: Ctx,
  form?: 'alert' | 'duress' | 'remove',
  values: FormValues = {},
  problems: Problems = {},
) {
  const { ctx, actor, locale, t } = c.var;
  const me = await safetyOverview(ctx, actor);
  const done = c.req.query('done') ?? '';
  c.status(form ? 422 : 200);
  return c.render(
    <SafetyPage
      locale={locale}
      csrf={csrfToken(c)}
      t={t}
      me={me}
      form={form}
      values={values}
      problems={problems}
      notice={DONE.includes(done) ? t(`safety.done.${done}`) : undefined}
    />,
    { title: t('safety.title') },
  );
}

const done = (c: Ctx, what: string) => c.redirect(`/${c.var.locale}/account/safety?done=${what}`, 303);

export const safetyRoutes = new Hono<AppEnv>()
  .get('/account/safety', (c) => safetyPage(c))
  .post('/account/safety/alert', async (c) => {
    const fields = await readForm(c);
    const result = await saveAlert(c.var.ctx, c.var.actor, fields, c.var.locale);
    return result.ok ? done(c, 'alert') : safetyPage(c, 'alert', fields, result.problems);
  })
  .post('/account/safety/alert/remove', async (c) => {
    await removeAlert(c.var.ctx, c.var.actor);
    return done(c, 'alertRemoved');
  })
  .post('/account/safety/duress', async (c) => {
    const fields = await readForm(c);
    const result = await saveDuress(c.var.ctx, c.var.actor, fields);
    return result.ok ? done(c, 'duress') : safetyPage(c, 'duress', fields, result.problems);
  })
  .post('/account/safety/duress/remove', async (c) => {
    const result = await removeDuress(c.var.ctx, c.var.actor, await readForm(c));
    return result.ok ? done(c, 'duressRemoved') : safetyPage(c, 'remove', {}, result.problems);
  });
