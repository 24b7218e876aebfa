// /{locale}/login, /login/code, /logout, /password/*, /signup, /signup/:token.
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { SESSION_COOKIE, clearSession, setSessionCookie } from '../session-cookie.ts';
import { deviceToken, setDeviceCookie } from './middleware.ts';
import { checkResetToken, requestPasswordReset, resetPassword } from './password-reset.ts';
import { completeSecondFactor, signIn, signOut } from './service.ts';
import { RecoveryKeyPage } from '../recovery-key-page.tsx';
import { checkSignUpToken, completeSignUp, requestSignUp } from './signup.ts';
import { CodePage, ForgotPage, ResetPage, SignInPage, SignUpFinishPage, SignUpPage } from './views/auth.tsx';

type Ctx = Context<AppEnv>;
const body = readForm;

/** Where to go after signing in: only a path on this site, in any locale. */
export function safeNext(next: string | undefined, locale: string): string {
  return next && /^\/(en|es|fr|ar|ru)(\/[A-Za-z0-9._~\-/?=&%]*)?$/.test(next) && !next.includes('//')
    ? next
    : `/${locale}/dashboard`;
}

function signInPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422 | 429, notice?: string) {
  const { locale, t, ctx } = c.var;
  const next = c.req.query('next');
  c.status(status);
  return c.render(
    <SignInPage
      action={`/${locale}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`}
      csrf={csrfToken(c)}
      values={values}
      problems={problems}
      notice={notice}
      t={t}
      forgotHref={`/${locale}/password/forgot`}
      signupHref={ctx.config.openSignup ? `/${locale}/signup` : null}
    />,
    { title: t('signin.title') },
  );
}

export const authRoutes = new Hono<AppEnv>()
  .get('/login', (c) => {
    if (c.var.actor.kind === 'user') return c.redirect(safeNext(c.req.query('next'), c.var.locale), 303);
    return signInPage(
      c,
      {},
      {},
      200,
      c.req.query('signed-out') !== undefined ? c.var.t('signin.signedOut') : undefined,
    );
  })
  .post('/login', async (c) => {
    const fields = await body(c);
    const result = await signIn(c.var.ctx, c.var.actor, fields, deviceToken(c));
    if (!result.ok) {
      if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
      return signInPage(c, { email: fields.email ?? '' }, result.problems, result.retryAfterSeconds ? 429 : 422);
    }
    setSessionCookie(c, result.value.token);
    setDeviceCookie(c, result.value.deviceToken);
    const next = safeNext(c.req.query('next'), c.var.locale);
    return c.redirect(
      result.value.stage === 'full' ? next : `/${c.var.locale}/login/code?next=${encodeURIComponent(next)}`,
      303,
    );
  })
  .get('/login/code', (c) => {
    const { locale, t } = c.var;
    return c.render(
      <CodePage
        action={`/${locale}/login/code${new URL(c.req.url).search}`}
        csrf={csrfToken(c)}
        values={{}}
        problems={{}}
        t={t}
      />,
      { title: t('signin.code.title') },
    );
  })
  .post('/login/code', async (c) => {
    const { ctx, locale, t } = c.var;
    const result = await completeSecondFactor(ctx, getCookie(c, SESSION_COOKIE), await body(c), deviceToken(c));
    if (!result.ok) {
      if (result.problems._form?.key === 'signin.expired') return c.redirect(`/${locale}/login`, 303);
      if (result.retryAfterSeconds) c.header('retry-after', String(result.retryAfterSeconds));
      c.status(result.retryAfterSeconds ? 429 : 422);
      return c.render(
        <CodePage
          action={`/${locale}/login/code${new URL(c.req.url).search}`}
          csrf={csrfToken(c)}
          values={{}}
          problems={result.problems}
          t={t}
        />,
        { title: t('signin.code.title') },
      );
    }
    setSessionCookie(c, result.value.token);
    setDeviceCookie(c, result.value.deviceToken);
    return c.redirect(safeNext(c.req.query('next'), locale), 303);
  })
  .post('/logout', async (c) => {
    await signOut(c.var.ctx, c.var.actor);
    clearSession(c);
    return c.redirect(`/${c.var.locale}/login?signed-out`, 303);
  })
  .get('/password/forgot', (c) => forgotPage(c, false))
  .post('/password/forgot', async (c) => {
    await requestPasswordReset(c.var.ctx, c.var.actor, await body(c), c.var.locale);
    return forgotPage(c, true);
  })
  .get('/password/reset/:token', async (c) => {
    await checkResetToken(c.var.ctx, c.var.actor, c.req.param('token'));
    return resetPage(c, {}, 200);
  })
  .post('/password/reset/:token', async (c) => {
    const result = await resetPassword(c.var.ctx, c.var.actor, c.req.param('token'), await body(c));
    if (!result.ok) return resetPage(c, result.problems, 422);
    clearSession(c);
    return c.redirect(`/${c.var.locale}/login?reset`, 303);
  })
  .get('/signup', (c) => signUpPage(c, {}, {}, 200, false))
  .post('/signup', async (c) => {
    const fields = await body(c);
    const result = await requestSignUp(c.var.ctx, c.var.actor, fields, c.var.locale);
    if (!result.ok) return signUpPage(c, { email: fields.email ?? '' }, result.problems, 422, false);
    return signUpPage(c, {}, {}, 200, true);
  })
  .get('/signup/:token', async (c) => {
    await checkSignUpToken(c.var.ctx, c.var.actor, c.req.param('token'));
    return signUpFinishPage(c, {}, {}, 200);
  })
  .post('/signup/:token', async (c) => {
    const fields = await body(c);
    const result = await completeSignUp(c.var.ctx, c.var.actor, c.req.param('token'), fields);
    if (!result.ok)
      return signUpFinishPage(
        c,
        { name: fields.name ?? '', organisation: fields.organisation ?? '' },
        result.problems,
        422,
      );
    setSessionCookie(c, result.value.sessionToken);
    // The recovery key is shown now and never again; the page goes on to setting up two-factor sign-in.
    c.header('cache-control', 'no-store');
    return c.render(
      await RecoveryKeyPage({
        recoveryKey: result.value.recoveryKey,
        orgName: typeof fields.organisation === 'string' ? fields.organisation : '',
        next: `/${c.var.locale}/account/two-factor?welcome`,
        t: c.var.t,
      }),
      { title: c.var.t('recoveryKey.title') },
    );
  });

function forgotPage(c: Ctx, sent: boolean) {
  const { locale, t } = c.var;
  return c.render(
    <ForgotPage
      action={`/${locale}/password/forgot`}
      csrf={csrfToken(c)}
      values={{}}
      problems={{}}
      t={t}
      sent={sent}
    />,
    { title: t('forgot.title') },
  );
}

function resetPage(c: Ctx, problems: Problems, status: 200 | 422) {
  const { locale, t } = c.var;
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(
    <ResetPage
      action={`/${locale}/password/reset/${c.req.param('token')}`}
      csrf={csrfToken(c)}
      values={{}}
      problems={problems}
      t={t}
    />,
    { title: t('reset.title') },
  );
}

function signUpPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422, sent: boolean) {
  const { locale, t, ctx } = c.var;
  if (!ctx.config.openSignup) return c.notFound();
  c.status(status);
  return c.render(
    <SignUpPage
      action={`/${locale}/signup`}
      csrf={csrfToken(c)}
      values={values}
      problems={problems}
      t={t}
      sent={sent}
    />,
    { title: t('signup.title') },
  );
}

function signUpFinishPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422) {
  const { locale, t } = c.var;
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(
    <SignUpFinishPage
      action={`/${locale}/signup/${c.req.param('token')}`}
      csrf={csrfToken(c)}
      values={values}
      problems={problems}
      t={t}
    />,
    { title: t('signup.title') },
  );
}
