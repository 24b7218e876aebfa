// /{locale}/account: password, two-factor, sessions. Everything here is the signed-in person's own.
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import { clearSession } from '../session-cookie.ts';
import {
  accountOverview,
  beginTotp,
  changePassword,
  confirmTotp,
  disableTotp,
  newTotpKey,
  revokeAllSessions,
  revokeSession,
} from './service.ts';
import { AccountPage, EnrolPage, RecoveryCodesPage } from './views/account.tsx';

type Ctx = Context<AppEnv>;
const DONE = ['password', 'twoFactorOff', 'sessionEnded'];
const body = readForm;

async function accountPage(c: Ctx, problems: Problems, status: 200 | 422, notice?: string) {
  const { ctx, actor, locale, t } = c.var;
  const me = await accountOverview(ctx, actor);
  c.status(status);
  return c.render(
    <AccountPage locale={locale} csrf={csrfToken(c)} t={t} me={me} problems={problems} notice={notice} />,
    { title: t('account.title') },
  );
}

async function enrolPage(c: Ctx, problems: Problems, status: 200 | 422 | 429) {
  const { ctx, actor, locale, t } = c.var;
  const enrolment = await beginTotp(ctx, actor);
  c.status(status);
  const q = c.req.query();
  return c.render(
    <EnrolPage
      locale={locale}
      csrf={csrfToken(c)}
      t={t}
      {...enrolment}
      problems={problems}
      welcome={'welcome' in q}
      required={'required' in q}
    />,
    {
      title: t('enrol.title'),
    },
  );
}

export const accountRoutes = new Hono<AppEnv>()
  .get('/account', (c) => {
    const done = c.req.query('done') ?? '';
    return accountPage(c, {}, 200, DONE.includes(done) ? c.var.t(`account.done.${done}`) : undefined);
  })
  .post('/account/password', async (c) => {
    const result = await changePassword(c.var.ctx, c.var.actor, await body(c));
    if (!result.ok) return accountPage(c, result.problems, 422);
    return c.redirect(`/${c.var.locale}/account?done=password`, 303);
  })
  .get('/account/two-factor', (c) => enrolPage(c, {}, 200))
  .post('/account/two-factor', async (c) => {
    const fields = await body(c);
    const result = await confirmTotp(c.var.ctx, c.var.actor, fields);
    if (!result.ok) return enrolPage(c, result.problems, result.problems._form?.key === 'signin.throttled' ? 429 : 422);
    const { locale, t } = c.var;
    return c.render(<RecoveryCodesPage locale={locale} t={t} codes={result.value.recoveryCodes} />, {
      title: t('recovery.title'),
    });
  })
  .post('/account/two-factor/new-key', async (c) => {
    await newTotpKey(c.var.ctx, c.var.actor);
    return c.redirect(`/${c.var.locale}/account/two-factor`, 303);
  })
  .post('/account/two-factor/disable', async (c) => {
    const result = await disableTotp(c.var.ctx, c.var.actor, await body(c));
    if (!result.ok) return accountPage(c, result.problems, 422);
    return c.redirect(`/${c.var.locale}/account?done=twoFactorOff`, 303);
  })
  .post('/account/sessions/:id/end', async (c) => {
    await revokeSession(c.var.ctx, c.var.actor, c.req.param('id'));
    return c.redirect(`/${c.var.locale}/account?done=sessionEnded`, 303);
  })
  .post('/account/sessions/end-all', async (c) => {
    await revokeAllSessions(c.var.ctx, c.var.actor);
    clearSession(c);
    return c.redirect(`/${c.var.locale}/login?signed-out`, 303);
  });
