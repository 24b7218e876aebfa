// /{locale}/orgs/:orgId/remote-trigger (the organisation's trusted members, reports of a detained member)
// and /{locale}/account/check-in (the member's own check-ins). Ids come from the URL and every service
// call checks them; another organisation's id answers 404.
import { Hono, type Context } from 'hono';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import {
  checkIn,
  checkInOverview,
  remoteOverview,
  reportDetained,
  reportSummary,
  saveCheckIn,
  saveSettings,
  withdrawReports,
} from './service.ts';
import { CheckInPage } from './views/check-in.tsx';
import { RemotePage, ReportPage } from './views/remote.tsx';

type Ctx = Context<AppEnv>;
const REMOTE_DONE = ['settings', 'reported', 'triggered', 'withdrawn'];
const CHECK_IN_DONE = ['saved', 'checkedIn'];

const notice = (c: Ctx, known: string[], prefix: string) => {
  const done = c.req.query('done') ?? '';
  return known.includes(done) ? c.var.t(`${prefix}.done.${done}`) : undefined;
};

async function remotePage(c: Ctx, values: FormValues, problems: Problems, status: 200 | 422) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const o = await remoteOverview(ctx, actor, orgId);
  c.status(status);
  return c.render(
    <RemotePage
      locale={locale}
      csrf={csrfToken(c)}
      t={t}
      orgId={orgId}
      o={o}
      values={values}
      problems={problems}
      notice={notice(c, REMOTE_DONE, 'remote')}
    />,
    { title: t('remote.title') },
  );
}

async function reportPage(c: Ctx, problems: Problems, status: 200 | 422) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const s = await reportSummary(ctx, actor, orgId, c.req.param('userId')!);
  c.status(status);
  return c.render(<ReportPage locale={locale} csrf={csrfToken(c)} t={t} orgId={orgId} s={s} problems={problems} />, {
    title: t('remote.confirm.title', { name: s.target.name }),
  });
}

async function checkInPage(c: Ctx, problems: Problems, status: 200 | 422) {
  const { ctx, actor, locale, t } = c.var;
  const overview = await checkInOverview(ctx, actor);
  c.status(status);
  return c.render(
    <CheckInPage
      locale={locale}
      csrf={csrfToken(c)}
      t={t}
      c={overview}
      problems={problems}
      notice={notice(c, CHECK_IN_DONE, 'checkIn')}
    />,
    { title: t('checkIn.title') },
  );
}

const remoteBack = (c: Ctx, done: string) =>
  c.redirect(`/${c.var.locale}/orgs/${c.req.param('orgId')}/remote-trigger?done=${done}`, 303);

export const remoteRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/remote-trigger', (c) => remotePage(c, {}, {}, 200))
  .post('/orgs/:orgId/remote-trigger/settings', async (c) => {
    const values = await readForm(c);
    const result = await saveSettings(c.var.ctx, c.var.actor, c.req.param('orgId'), values);
    if (!result.ok) return remotePage(c, values, result.problems, 422);
    return remoteBack(c, 'settings');
  })
  .get('/orgs/:orgId/remote-trigger/report/:userId', (c) => reportPage(c, {}, 200))
  .post('/orgs/:orgId/remote-trigger/report/:userId', async (c) => {
    const result = await reportDetained(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('userId'));
    if (!result.ok) return reportPage(c, result.problems, 422);
    return remoteBack(c, result.value.triggered ? 'triggered' : 'reported');
  })
  .post('/orgs/:orgId/remote-trigger/withdraw/:userId', async (c) => {
    await withdrawReports(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('userId'));
    return remoteBack(c, 'withdrawn');
  })
  .get('/account/check-in', (c) => checkInPage(c, {}, 200))
  .post('/account/check-in', async (c) => {
    const result = await saveCheckIn(c.var.ctx, c.var.actor, await readForm(c));
    if (!result.ok) return checkInPage(c, result.problems, 422);
    return c.redirect(`/${c.var.locale}/account/check-in?done=saved`, 303);
  })
  .post('/account/check-in/now', async (c) => {
    await checkIn(c.var.ctx, c.var.actor);
    return c.redirect(`/${c.var.locale}/account/check-in?done=checkedIn`, 303);
  });
