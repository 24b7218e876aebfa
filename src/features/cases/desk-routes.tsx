// /{locale}/orgs/:orgId/helpline: the queue (members who write), a case and what handlers do with it, the
// settings and templates (admins), and the attainment over time.
import { Hono, type Context } from 'hono';
import { publicOrigin } from '../../config/config.ts';
import { allows } from '../../platform/access.ts';
import type { Problems, Result } from '../../platform/errors.ts';
import { readForm } from '../../platform/forms.ts';
import type { AppEnv } from '../../platform/http/env.ts';
import { csrfToken } from '../../platform/security/csrf.ts';
import type { FormValues } from '../../ui/components/form.tsx';
import { activeMembers, orgSummary } from '../accounts/orgs/service.ts';
import { listDirectory } from '../directory/service.ts';
import {
  addTemplate,
  answerReferral,
  assignCase,
  attainment,
  caseQueue,
  caseView,
  exportCaseIndicators,
  helplineSettings,
  onShift,
  proposeReferral,
  recordIndicators,
  referralTargets,
  removeTemplate,
  replyTemplates,
  replyToCase,
  saveHelplineSettings,
  setCaseState,
  setOnShift,
  vetCase,
} from './service.ts';
import { CasePage } from './views/desk.tsx';
import { QueuePage } from './views/queue.tsx';
import { AttainmentPage, SettingsPage } from './views/settings.tsx';

type Ctx = Context<AppEnv>;
const orgBase = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}`;
const NOTICES = [
  'saved',
  'sent',
  'noted',
  'state',
  'assigned',
  'vetted',
  'asked',
  'accepted',
  'declined',
  'template',
  'shift',
  'indicators',
];

async function pageBase(c: Ctx) {
  const { ctx, actor, locale, t } = c.var;
  const org = await orgSummary(ctx, actor, c.req.param('orgId')!);
  const done = c.req.query('done');
  const notice = done && NOTICES.includes(done) ? t(`cases.done.${done}`) : undefined;
  return { locale, t, base: orgBase(c), orgName: org.name, csrf: csrfToken(c), notice };
}

async function casePage(c: Ctx, values: FormValues, problems: Problems) {
  const { ctx, actor, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const view = await caseView(ctx, actor, orgId, c.req.param('caseId')!);
  const templates = await replyTemplates(ctx, actor, orgId);
  const chosen = templates.find((tp) => tp.id === c.req.query('template'));
  c.status(Object.keys(problems).length > 0 ? 422 : 200);
  c.header('cache-control', 'no-store');
  return c.render(
    <CasePage
      {...await pageBase(c)}
      view={view}
      now={ctx.clock.now()}
      values={chosen && !values.text ? { ...values, text: chosen.text } : values}
      problems={problems}
      templates={templates}
      targets={await referralTargets(ctx, actor, orgId)}
    />,
    { title: t('cases.case.titleShort') },
  );
}

async function settingsPage(
  c: Ctx,
  values: FormValues | null,
  problems: Problems,
  tValues: FormValues = {},
  tProblems: Problems = {},
) {
  const { ctx, actor, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const { settings } = await helplineSettings(ctx, actor, orgId);
  const saved: FormValues = {
    enabled: settings.enabled ? 'on' : '',
    languages: settings.languages.join(' '),
    allHours: settings.allHours ? 'on' : '',
    hours: settings.hours,
    targetMinutes: String(settings.targetMinutes),
    retentionDays: String(settings.retentionDays),
    intro: settings.intro,
    directoryId: settings.directoryId,
  };
  const records = (await listDirectory(ctx, actor)).map((m): [string, string] => [m.id, m.name]);
  c.status(Object.keys(problems).length + Object.keys(tProblems).length > 0 ? 422 : 200);
  return c.render(
    <SettingsPage
      {...await pageBase(c)}
      records={records}
      values={values ?? saved}
      problems={problems}
      templates={await replyTemplates(ctx, actor, orgId)}
      tValues={tValues}
      tProblems={tProblems}
    />,
    { title: t('cases.settings.title') },
  );
}

/** The case's indicators as a file to download (STIX 2.1 or MISP), never kept in a cache. */
async function sendIndicators(c: Ctx, format: 'stix' | 'misp') {
  const info = c.var.t('cases.indicators.mispInfo');
  const file = await exportCaseIndicators(...ids(c), format, c.req.query(), info);
  c.header('content-type', file.contentType);
  c.header('content-disposition', `attachment; filename="${file.filename}"`);
  c.header('cache-control', 'no-store');
  return c.body(file.body);
}

/** A handler's form: back to the case with a notice, or the case again with the problems and the text kept. */
const caseAction =
  (run: (c: Ctx, fields: FormValues) => Promise<Result<unknown> | void>, done: string) => async (c: Ctx) => {
    const fields = await readForm(c);
    const result = await run(c, fields);
    if (result && !result.ok) return casePage(c, fields, result.problems);
    return c.redirect(`${orgBase(c)}/helpline/cases/${c.req.param('caseId')}?done=${done}`, 303);
  };
const ids = (c: Ctx) => [c.var.ctx, c.var.actor, c.req.param('orgId')!, c.req.param('caseId')!] as const;

export const deskRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/helpline', async (c) => {
    const { ctx, actor, t } = c.var;
    const orgId = c.req.param('orgId');
    const language = c.req.query('lang') ?? null;
    const page = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const queue = await caseQueue(ctx, actor, orgId, { language, page });
    const members = Object.fromEntries((await activeMembers(ctx, actor, orgId)).map((m) => [m.id, m.name]));
    c.header('cache-control', 'no-store');
    return c.render(
      <QueuePage
        {...await pageBase(c)}
        queue={queue}
        language={language}
        page={page}
        now={ctx.clock.now()}
        onShift={await onShift(ctx, actor, orgId)}
        canManage={allows(actor, 'org:manage', { orgId })}
        intakeHref={queue?.enabled ? `${publicOrigin(ctx.config)}/${c.var.locale}/helplines/${queue.helplineId}` : null}
        members={members}
      />,
      { title: t('cases.queue.title') },
    );
  })
  .post('/orgs/:orgId/helpline/shift', async (c) => {
    const fields = await readForm(c);
    await setOnShift(c.var.ctx, c.var.actor, c.req.param('orgId'), fields.on === 'on');
    return c.redirect(`${orgBase(c)}/helpline?done=shift`, 303);
  })
  .get('/orgs/:orgId/helpline/settings', (c) => settingsPage(c, null, {}))
  .post('/orgs/:orgId/helpline/settings', async (c) => {
    const fields = await readForm(c);
    const result = await saveHelplineSettings(c.var.ctx, c.var.actor, c.req.param('orgId'), fields, c.var.locale);
    if (!result.ok) return settingsPage(c, fields, result.problems);
    return c.redirect(`${orgBase(c)}/helpline/settings?done=saved`, 303);
  })
  .post('/orgs/:orgId/helpline/templates', async (c) => {
    const fields = await readForm(c);
    const result = await addTemplate(c.var.ctx, c.var.actor, c.req.param('orgId'), fields);
    if (!result.ok) return settingsPage(c, null, {}, fields, result.problems);
    return c.redirect(`${orgBase(c)}/helpline/settings?done=template`, 303);
  })
  .post('/orgs/:orgId/helpline/templates/:templateId/remove', async (c) => {
    await removeTemplate(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('templateId'));
    return c.redirect(`${orgBase(c)}/helpline/settings?done=template`, 303);
  })
  .get('/orgs/:orgId/helpline/attainment', async (c) => {
    const { ctx, actor, t } = c.var;
    const figures = await attainment(ctx, actor, c.req.param('orgId'));
    return c.render(<AttainmentPage {...await pageBase(c)} {...figures} />, { title: t('cases.attainment.title') });
  })
  .get('/orgs/:orgId/helpline/cases/:caseId', (c) => casePage(c, {}, {}))
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/reply',
    caseAction((c, f) => replyToCase(...ids(c), f), 'sent'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/note',
    caseAction((c, f) => replyToCase(...ids(c), f, true), 'noted'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/indicators',
    caseAction((c, f) => recordIndicators(...ids(c), f), 'indicators'),
  )
  .get('/orgs/:orgId/helpline/cases/:caseId/indicators.stix.json', (c) => sendIndicators(c, 'stix'))
  .get('/orgs/:orgId/helpline/cases/:caseId/indicators.misp.json', (c) => sendIndicators(c, 'misp'))
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/state',
    caseAction((c, f) => setCaseState(...ids(c), f), 'state'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/assign',
    caseAction((c, f) => assignCase(...ids(c), f), 'assigned'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/vetting',
    caseAction((c, f) => vetCase(...ids(c), f), 'vetted'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/refer',
    caseAction((c, f) => proposeReferral(...ids(c), f), 'asked'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/accept',
    caseAction((c) => answerReferral(...ids(c), true), 'accepted'),
  )
  .post(
    '/orgs/:orgId/helpline/cases/:caseId/decline',
    caseAction((c) => answerReferral(...ids(c), false), 'declined'),
  );
