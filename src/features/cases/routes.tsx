// /{locale}/helplines/:helplineId: the requester's pages (no account, no script). Their passage between
// pages is carried in cookies sealed under the server key: the code and passphrase, to the page that
// shows them once; their private key, for 30 minutes, to their case. /{locale}/orgs/:orgId/helpline: the
// handlers' queue and cases (members: org:write), the settings and templates (admins: org:manage).
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { anonymous } from '../../platform/access.ts';
import { RateLimitedError, type Problems } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { sealAt } from '../../platform/sealer.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import {
  answerReferralRequest,
  deleteMyCase,
  HONEYPOT_FIELD,
  openCase,
  publicHelpline,
  requesterReply,
  requesterView,
  signInToCase,
  type RequesterSession,
} from './service.ts';
import { deskRoutes } from './desk-routes.tsx';
import { IntakePage, OpenedPage, SignInPage } from './views/public.tsx';
import { StatusPage } from './views/status.tsx';

type Ctx = Context<AppEnv>;

const OPENED_COOKIE = 'amparo_case_opened';
const SESSION_COOKIE = 'amparo_case';
const SESSION_MINUTES = 30;
const openedAt = (helplineId: string) => sealAt.platform('cases', 'code_hash', helplineId);
const sessionAt = (helplineId: string) => sealAt.platform('cases', 'requester_secret', helplineId);

const base = (c: Ctx) => `/${c.var.locale}/helplines/${c.req.param('helplineId')}`;
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

function cookieOptions(c: Ctx, path: string, maxAge: number) {
  const secure = new URL(c.req.url).protocol === 'https:' || c.var.ctx.config.trustProxyTls;
  return { path, httpOnly: true, sameSite: 'Strict' as const, secure, maxAge };
}

async function intakePage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422 | 429, notice?: string) {
  const { ctx, locale, t } = c.var;
  const profile = await publicHelpline(ctx, anonymous, c.req.param('helplineId')!);
  c.status(status);
  c.header('cache-control', 'no-store');
  const triage = typeof values.triage === 'string' ? values.triage : '';
  return c.render(
    <IntakePage
      profile={profile}
      values={values}
      problems={problems}
      notice={notice}
      triage={triage}
      base={base(c)}
      csrf={csrfToken(c)}
      locale={locale}
      t={t}
    />,
    { title: t('cases.intake.title', { name: profile.name }) },
  );
}

/** The requester's session from its cookie, or null when there is none (or it expired, or was forged). */
async function session(c: Ctx): Promise<RequesterSession | null> {
  const sealed = getCookie(c, SESSION_COOKIE);
  if (!sealed) return null;
  const opened = await c.var.ctx.sealer.open(sessionAt(c.req.param('helplineId')!), sealed).catch(() => null);
  if (!opened) return null;
  const s = JSON.parse(opened) as RequesterSession & { until: number };
  return s.until > c.var.ctx.clock.now().getTime() ? { caseId: s.caseId, key: s.key } : null;
}

async function statusPage(
  c: Ctx,
  s: RequesterSession,
  values: FormValues,
  problems: Problems,
  status: 200 | 422 = 200,
) {
  const { ctx, locale, t } = c.var;
  const view = await requesterView(ctx, anonymous, s);
  const done = c.req.query('done');
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(
    <StatusPage
      view={view}
      values={values}
      problems={problems}
      notice={done ? t(`cases.status.done.${done}`) : undefined}
      base={base(c)}
      csrf={csrfToken(c)}
      locale={locale}
      t={t}
    />,
    { title: t('cases.status.title', { name: view.helpline.name }) },
  );
}

async function signInPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422 | 429, notice?: string) {
  const { ctx, locale, t } = c.var;
  const profile = await publicHelpline(ctx, anonymous, c.req.param('helplineId')!);
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(
    <SignInPage
      name={profile.name}
      values={values}
      problems={problems}
      notice={notice}
      base={base(c)}
      csrf={csrfToken(c)}
      locale={locale}
      t={t}
    />,
    { title: t('cases.status.signInTitle', { name: profile.name }) },
  );
}

/** Someone (or a bot) has used up an allowance: the person's words stay on the page. */
function limited<T>(c: Ctx, error: unknown, again: (notice: string) => T): T {
  if (!(error instanceof RateLimitedError)) throw error;
  c.header('retry-after', String(error.retryAfterSeconds));
  return again(c.var.t('cases.rateLimited', { minutes: minutes(error.retryAfterSeconds) }));
}

/** The requester's routes past sign-in: without a live session they go back to the sign-in form. */
const withSession = (handler: (c: Ctx, s: RequesterSession) => Promise<Response>) => async (c: Ctx) => {
  const s = await session(c);
  return s ? handler(c, s) : c.redirect(`${base(c)}/case`, 303);
};

const requesterRoutes = new Hono<AppEnv>()
  .get('/helplines/:helplineId', (c) => intakePage(c, {}, {}, 200))
  .post('/helplines/:helplineId', async (c) => {
    const { ctx, locale } = c.var;
    const fields = await readForm(c);
    const helplineId = c.req.param('helplineId');
    // A bot that fills the hidden field is told all went well, and nothing is stored.
    if (fields[HONEYPOT_FIELD]) return c.redirect(`${base(c)}/opened`, 303);
    try {
      const result = await openCase(ctx, anonymous, helplineId, fields, locale);
      if (!result.ok) return intakePage(c, fields, result.problems, 422);
      const sealed = await ctx.sealer.seal(openedAt(helplineId), JSON.stringify(result.value));
      setCookie(c, OPENED_COOKIE, sealed, cookieOptions(c, `${base(c)}/opened`, 15 * 60));
      return c.redirect(`${base(c)}/opened`, 303);
    } catch (error) {
      return limited(c, error, (notice) => intakePage(c, fields, {}, 429, notice));
    }
  })
  // From a "Get help now" outcome: the request form, with the answers shown and sent only if left ticked.
  .post('/helplines/:helplineId/from-triage', async (c) => {
    const fields = await readForm(c);
    const triage = typeof fields.triage === 'string' ? fields.triage.slice(0, 4000) : '';
    return intakePage(c, { triage, sendTriage: 'on' }, {}, 200);
  })
  .get('/helplines/:helplineId/opened', async (c) => {
    const { ctx, t } = c.var;
    const helplineId = c.req.param('helplineId');
    await publicHelpline(ctx, anonymous, helplineId);
    const sealed = getCookie(c, OPENED_COOKIE);
    let opened: { code: string; passphrase: string } | null = null;
    if (sealed) {
      deleteCookie(c, OPENED_COOKIE, { path: `${base(c)}/opened` });
      const plain = await ctx.sealer.open(openedAt(helplineId), sealed).catch(() => null);
      opened = plain ? (JSON.parse(plain) as typeof opened) : null;
    }
    c.header('cache-control', 'no-store');
    return c.render(<OpenedPage opened={opened} base={base(c)} t={t} />, { title: t('cases.opened.title') });
  })
  .get('/helplines/:helplineId/case', async (c) => {
    const s = await session(c);
    return s ? statusPage(c, s, {}, {}) : signInPage(c, {}, {}, 200);
  })
  .post('/helplines/:helplineId/case/sign-in', async (c) => {
    const { ctx } = c.var;
    const fields = await readForm(c);
    const helplineId = c.req.param('helplineId');
    try {
      const result = await signInToCase(ctx, anonymous, helplineId, fields);
      if (!result.ok) return signInPage(c, { code: fields.code ?? '' }, result.problems, 422);
      const until = ctx.clock.now().getTime() + SESSION_MINUTES * 60_000;
      const sealed = await ctx.sealer.seal(sessionAt(helplineId), JSON.stringify({ ...result.value, until }));
      setCookie(c, SESSION_COOKIE, sealed, cookieOptions(c, `${base(c)}/case`, SESSION_MINUTES * 60));
      return c.redirect(`${base(c)}/case`, 303);
    } catch (error) {
      return limited(c, error, (notice) => signInPage(c, { code: fields.code ?? '' }, {}, 429, notice));
    }
  })
  .post(
    '/helplines/:helplineId/case/reply',
    withSession(async (c, s) => {
      const fields = await readForm(c);
      const result = await requesterReply(c.var.ctx, anonymous, s, fields);
      if (!result.ok) return statusPage(c, s, fields, result.problems, 422);
      return c.redirect(`${base(c)}/case?done=sent`, 303);
    }),
  )
  .post(
    '/helplines/:helplineId/case/referrals/:messageId',
    withSession(async (c, s) => {
      const fields = await readForm(c);
      await answerReferralRequest(c.var.ctx, anonymous, s, c.req.param('messageId')!, fields.answer === 'yes');
      return c.redirect(`${base(c)}/case?done=${fields.answer === 'yes' ? 'agreed' : 'refused'}`, 303);
    }),
  )
  .post(
    '/helplines/:helplineId/case/delete',
    withSession(async (c, s) => {
      const fields = await readForm(c);
      if (fields.confirm !== 'yes') return c.redirect(`${base(c)}/case?done=notDeleted`, 303);
      await deleteMyCase(c.var.ctx, anonymous, s);
      deleteCookie(c, SESSION_COOKIE, { path: `${base(c)}/case` });
      c.header('cache-control', 'no-store');
      return c.render(
        <p class="notice" role="status">
          {c.var.t('cases.status.done.deleted')}
        </p>,
        { title: c.var.t('cases.status.done.deleted') },
      );
    }),
  )
  .post('/helplines/:helplineId/case/sign-out', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: `${base(c)}/case` });
    return c.redirect(`${base(c)}/case`, 303);
  });

export const caseRoutes = new Hono<AppEnv>().route('/', requesterRoutes).route('/', deskRoutes);
