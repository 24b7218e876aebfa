// /{locale}/report/:intakeId: the public form (no account, no script), its thank-you page and the form
// to add to a report with a receipt code. /{locale}/orgs/:orgId/monitor/intake: the review queue
// (members who write: org:write) and the form's settings (org:manage). Viewers do not see the queue:
// it holds what strangers wrote, unchecked, and sometimes how to reach them.
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { publicOrigin } from '../../../config/config.ts';
import { allows, anonymous } from '../../../platform/access.ts';
import { RateLimitedError, type Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { orgSummary } from '../../accounts/orgs/service.ts';
import { countryOptions } from '../countries.ts';
import { PERPETRATORS, readVocabulary, labelOf, type Vocabulary } from '../vocabulary.ts';
import { HONEYPOT_FIELD } from './input.ts';
import {
  addToReport,
  dismissReport,
  intakeQueue,
  intakeSettings,
  publicIntake,
  renewIntakeAddress,
  saveIntakeSettings,
  submitReport,
} from './service.ts';
import { AddPage, ReportFormPage, ThanksPage } from './views/public.tsx';
import { QueuePage, SettingsPage } from './views/queue.tsx';

type Ctx = Context<AppEnv>;

const vocabularies = new Map<string, Vocabulary | null>();
/** The perpetrator categories as [id, label] in the reader's language (the ids alone if the files are broken). */
function perpetratorOptions(c: Ctx): [string, string][] {
  const dir = c.var.ctx.config.seedDir;
  if (!vocabularies.has(dir)) vocabularies.set(dir, readVocabulary(dir).vocabulary ?? null);
  const vocabulary = vocabularies.get(dir);
  return PERPETRATORS.map((id) => [id, vocabulary ? labelOf(vocabulary, 'perpetrators', id, c.var.locale) : id]);
}

// The receipt code reaches the thank-you page in a cookie that page reads and clears: shown once, never
// in a URL (history, logs), never stored on the server; sealed under the server key while in transit.
const RECEIPT_COOKIE = 'amparo_receipt';
const receiptAt = (intakeId: string) => sealAt.platform('monitor_receipts', 'hash', intakeId);

const formBase = (c: Ctx) => `/${c.var.locale}/report/${c.req.param('intakeId')}`;
const orgBase = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}`;
const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

async function formPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422 | 429, notice?: string) {
  const { ctx, locale, t } = c.var;
  const intake = await publicIntake(ctx, anonymous, c.req.param('intakeId')!);
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(
    <ReportFormPage
      action={formBase(c)}
      intro={intake.intro}
      values={values}
      problems={problems}
      notice={notice}
      countries={countryOptions(locale)}
      perpetrators={perpetratorOptions(c)}
      addHref={`${formBase(c)}/add`}
      csrf={csrfToken(c)}
      t={t}
    />,
    { title: t('intake.form.title') },
  );
}

async function addPage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422 | 429, notice?: string) {
  await publicIntake(c.var.ctx, anonymous, c.req.param('intakeId')!);
  c.status(status);
  c.header('cache-control', 'no-store');
  return c.render(
    <AddPage
      action={`${formBase(c)}/add`}
      values={values}
      problems={problems}
      notice={notice}
      csrf={csrfToken(c)}
      t={c.var.t}
    />,
    { title: c.var.t('intake.add.title') },
  );
}

/** A spammer has used up the form's allowance: the person's words are kept on the page. */
function limited<T>(c: Ctx, error: unknown, again: (notice: string) => T): T {
  if (!(error instanceof RateLimitedError)) throw error;
  c.header('retry-after', String(error.retryAfterSeconds));
  return again(c.var.t('intake.rateLimited', { minutes: minutes(error.retryAfterSeconds) }));
}

const publicRoutes = new Hono<AppEnv>()
  .get('/report/:intakeId', (c) => formPage(c, {}, {}, 200))
  .post('/report/:intakeId', async (c) => {
    const { ctx, locale } = c.var;
    const fields = await readForm(c);
    const thanks = `${formBase(c)}/thanks`;
    // A bot that fills the hidden field is told all went well, and nothing is stored.
    if (fields[HONEYPOT_FIELD]) return c.redirect(thanks, 303);
    try {
      const intakeId = c.req.param('intakeId');
      const result = await submitReport(ctx, anonymous, intakeId, fields, locale);
      if (!result.ok) return formPage(c, fields, result.problems, 422);
      const secure = new URL(c.req.url).protocol === 'https:' || ctx.config.trustProxyTls;
      setCookie(c, RECEIPT_COOKIE, await ctx.sealer.seal(receiptAt(intakeId), result.value.receipt), {
        path: thanks,
        httpOnly: true,
        sameSite: 'Strict',
        secure,
        maxAge: 15 * 60,
      });
      return c.redirect(thanks, 303);
    } catch (error) {
      return limited(c, error, (notice) => formPage(c, fields, {}, 429, notice));
    }
  })
  .get('/report/:intakeId/thanks', async (c) => {
    const { ctx, t } = c.var;
    const intakeId = c.req.param('intakeId');
    await publicIntake(ctx, anonymous, intakeId);
    const sealed = getCookie(c, RECEIPT_COOKIE);
    let receipt: string | null = null;
    if (sealed) {
      deleteCookie(c, RECEIPT_COOKIE, { path: `${formBase(c)}/thanks` });
      receipt = await ctx.sealer.open(receiptAt(intakeId), sealed).catch(() => null);
    }
    c.header('cache-control', 'no-store');
    const added = c.req.query('added') !== undefined;
    return c.render(
      <ThanksPage receipt={added ? null : receipt} added={added} addHref={`${formBase(c)}/add`} t={t} />,
      {
        title: t(added ? 'intake.thanks.addedTitle' : 'intake.thanks.title'),
      },
    );
  })
  .get('/report/:intakeId/add', (c) => addPage(c, {}, {}, 200))
  .post('/report/:intakeId/add', async (c) => {
    const fields = await readForm(c);
    const done = `${formBase(c)}/thanks?added`;
    if (fields[HONEYPOT_FIELD]) return c.redirect(done, 303);
    try {
      const result = await addToReport(c.var.ctx, anonymous, c.req.param('intakeId'), fields, c.var.locale);
      if (!result.ok) return addPage(c, fields, result.problems, 422);
      return c.redirect(done, 303);
    } catch (error) {
      return limited(c, error, (notice) => addPage(c, fields, {}, 429, notice));
    }
  });

const NOTICES = ['saved', 'renewed', 'dismissed'] as const;
const noticeOf = (c: Ctx) => {
  const done = c.req.query('done');
  return NOTICES.find((n) => n === done) && c.var.t(`intake.done.${done}`);
};

/** What every member page of the intake shows: the organisation's name, the notice of what was just done. */
async function pageBase(c: Ctx) {
  const { ctx, actor, locale, t } = c.var;
  const org = await orgSummary(ctx, actor, c.req.param('orgId')!);
  return { locale, t, base: orgBase(c), orgName: org.name, csrf: csrfToken(c), notice: noticeOf(c) };
}

async function settingsPage(c: Ctx, values: FormValues | null, problems: Problems) {
  const { ctx, actor, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const settings = await intakeSettings(ctx, actor, orgId);
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <SettingsPage
      {...await pageBase(c)}
      intakeId={settings.intakeId}
      origin={publicOrigin(ctx.config)}
      values={values ?? { enabled: settings.enabled ? 'on' : '', intro: settings.intro }}
      problems={problems}
    />,
    { title: t('intake.settings.title') },
  );
}

const memberRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/monitor/intake', async (c) => {
    const { ctx, actor, t } = c.var;
    const orgId = c.req.param('orgId');
    const queue = await intakeQueue(ctx, actor, orgId);
    return c.render(
      <QueuePage
        {...await pageBase(c)}
        queue={queue}
        origin={publicOrigin(ctx.config)}
        canManage={allows(actor, 'org:manage', { orgId })}
        perpetrators={Object.fromEntries(perpetratorOptions(c))}
      />,
      { title: t('intake.queue.title') },
    );
  })
  .post('/orgs/:orgId/monitor/intake/:reportId/dismiss', async (c) => {
    await dismissReport(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('reportId'));
    return c.redirect(`${orgBase(c)}/monitor/intake?done=dismissed`, 303);
  })
  .get('/orgs/:orgId/monitor/intake/settings', (c) => settingsPage(c, null, {}))
  .post('/orgs/:orgId/monitor/intake/settings', async (c) => {
    const fields = await readForm(c);
    const result = await saveIntakeSettings(c.var.ctx, c.var.actor, c.req.param('orgId'), fields);
    if (!result.ok) return settingsPage(c, fields, result.problems);
    return c.redirect(`${orgBase(c)}/monitor/intake/settings?done=saved`, 303);
  })
  .post('/orgs/:orgId/monitor/intake/renew', async (c) => {
    await renewIntakeAddress(c.var.ctx, c.var.actor, c.req.param('orgId'));
    return c.redirect(`${orgBase(c)}/monitor/intake/settings?done=renewed`, 303);
  });

export const intakeRoutes = new Hono<AppEnv>().route('/', publicRoutes).route('/', memberRoutes);
