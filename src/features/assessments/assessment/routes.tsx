// /{locale}/orgs/:orgId/assessments: start, answer (by domain), the four strategic questions, close,
// result, compare, print and export. The organisation id is checked by every service call.
import { Hono, type Context } from 'hono';
import { allows } from '../../../platform/access.ts';
import type { Problems } from '../../../platform/errors.ts';
import { readForm } from '../../../platform/forms.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { csrfToken } from '../../../platform/security/csrf.ts';
import type { FormValues } from '../../../ui/components/form.tsx';
import { orgSummary } from '../../accounts/orgs/service.ts';
import { pick } from '../../../platform/i18n/localized.ts';
import { trendChart } from './chart.ts';
import { toMarkdown } from './export.ts';
import type { DomainId } from './instrument.ts';
import { generatePlan } from '../plan/service.ts';
import {
  areasNotAssessed,
  closeAssessment,
  compareAssessments,
  getAssessment,
  listAssessments,
  loadLibrary,
  saveContext,
  saveDomain,
  scoreHistory,
  startAssessment,
} from './service.ts';
import { AssessmentPage, CloseConfirmPage } from './views/assessment.tsx';
import { ContextPage } from './views/context.tsx';
import { DomainPage } from './views/domain.tsx';
import { AssessmentsPage } from './views/list.tsx';
import { ComparePage, PrintPage } from './views/compare.tsx';

type Ctx = Context<AppEnv>;
const orgBase = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}`;
const can = (c: Ctx, action: 'org:write' | 'org:own') => allows(c.var.actor, action, { orgId: c.req.param('orgId')! });
const NOTICES = ['saved', 'closed', 'planned'];

async function domainNames(c: Ctx): Promise<Record<DomainId, string>> {
  const { instrument } = await loadLibrary(c.var.ctx);
  return Object.fromEntries(instrument.domains.map((d) => [d.id, pick(d.title, c.var.locale).text])) as Record<
    DomainId,
    string
  >;
}

async function domainPage(c: Ctx, values: FormValues | null, problems: Problems) {
  const { ctx, actor, locale, t } = c.var;
  const orgId = c.req.param('orgId')!;
  const a = await getAssessment(ctx, actor, orgId, c.req.param('id')!);
  const { instrument } = await loadLibrary(ctx);
  const index = instrument.domains.findIndex((d) => d.id === c.req.param('domain'));
  if (index < 0) return c.notFound();
  const domain = instrument.domains[index]!;
  const stored: FormValues = {};
  for (const q of domain.threats) {
    const ans = a.answers[q.id];
    if (ans && 'likelihood' in ans)
      Object.assign(stored, {
        [`${q.id}.likelihood`]: String(ans.likelihood ?? ''),
        [`${q.id}.impact`]: String(ans.impact ?? ''),
      });
  }
  for (const q of [...domain.vulnerabilities, ...domain.capacities]) {
    const ans = a.answers[q.id];
    if (ans && 'level' in ans && ans.level !== undefined) stored[q.id] = String(ans.level);
  }
  stored.note = a.notes[domain.id] ?? '';
  const next = instrument.domains[index + 1] ? `domains/${instrument.domains[index + 1]!.id}` : 'context';
  c.status(problems && Object.keys(problems).length ? 422 : 200);
  return c.render(
    <DomainPage
      locale={locale}
      t={t}
      base={orgBase(c)}
      a={a}
      domain={domain}
      instrument={instrument}
      values={values ?? stored}
      problems={problems}
      csrf={csrfToken(c)}
      next={next}
    />,
    {
      title: pick(domain.title, locale).text,
    },
  );
}

async function contextPage(c: Ctx, values: FormValues | null, problems: Problems) {
  const { ctx, actor, locale, t } = c.var;
  const a = await getAssessment(ctx, actor, c.req.param('orgId')!, c.req.param('id')!);
  const { instrument } = await loadLibrary(ctx);
  c.status(Object.keys(problems).length ? 422 : 200);
  return c.render(
    <ContextPage
      locale={locale}
      t={t}
      base={orgBase(c)}
      a={a}
      instrument={instrument}
      values={values ?? a.context}
      problems={problems}
      csrf={csrfToken(c)}
    />,
    { title: t('assess.context') },
  );
}

const here = (c: Ctx, done: string) => c.redirect(`${orgBase(c)}/assessments/${c.req.param('id')}?done=${done}`, 303);

export const assessmentRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/assessments', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgId = c.req.param('orgId');
    const items = await listAssessments(ctx, actor, orgId);
    const org = await orgSummary(ctx, actor, orgId);
    const history = await scoreHistory(ctx, actor, orgId);
    const points = history.map((h) => ({ label: h.at.toISOString().slice(0, 10), scores: h.scores }));
    const trend =
      points.length > 0 ? { svg: trendChart(points, t('assess.trend')), points, names: await domainNames(c) } : null;
    return c.render(
      <AssessmentsPage
        locale={locale}
        t={t}
        base={orgBase(c)}
        orgName={org.name}
        items={items}
        canStart={can(c, 'org:write')}
        csrf={csrfToken(c)}
        trend={trend}
      />,
      { title: t('assess.title') },
    );
  })
  .post('/orgs/:orgId/assessments', async (c) => {
    const { id } = await startAssessment(c.var.ctx, c.var.actor, c.req.param('orgId'), await readForm(c));
    return c.redirect(`${orgBase(c)}/assessments/${id}`, 303);
  })
  .get('/orgs/:orgId/assessments/compare', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const cmp = await compareAssessments(
      ctx,
      actor,
      c.req.param('orgId'),
      c.req.query('a') ?? '',
      c.req.query('b') ?? '',
    );
    const { instrument } = await loadLibrary(ctx);
    return c.render(<ComparePage locale={locale} t={t} base={orgBase(c)} cmp={cmp} domains={instrument.domains} />, {
      title: t('assess.compare'),
    });
  })
  .get('/orgs/:orgId/assessments/:id', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const a = await getAssessment(ctx, actor, c.req.param('orgId'), c.req.param('id'));
    const { instrument } = await loadLibrary(ctx);
    const done = c.req.query('done') ?? '';
    return c.render(
      <AssessmentPage
        locale={locale}
        t={t}
        base={orgBase(c)}
        a={a}
        instrument={instrument}
        canAnswer={can(c, 'org:write')}
        canClose={can(c, 'org:own')}
        canPlan={can(c, 'org:write')}
        csrf={csrfToken(c)}
        notice={NOTICES.includes(done) ? t(`assess.done.${done}`) : undefined}
      />,
      { title: t('assess.title') },
    );
  })
  .get('/orgs/:orgId/assessments/:id/domains/:domain', (c) => domainPage(c, null, {}))
  .post('/orgs/:orgId/assessments/:id/domains/:domain', async (c) => {
    const fields = await readForm(c);
    const result = await saveDomain(
      c.var.ctx,
      c.var.actor,
      c.req.param('orgId'),
      c.req.param('id'),
      c.req.param('domain'),
      fields,
    );
    if (!result.ok) return domainPage(c, fields, result.problems);
    const next = typeof fields.next === 'string' && /^(domains\/[a-z]+|context)$/.test(fields.next) ? fields.next : '';
    return c.redirect(`${orgBase(c)}/assessments/${c.req.param('id')}${next ? `/${next}` : '?done=saved'}`, 303);
  })
  .get('/orgs/:orgId/assessments/:id/context', (c) => contextPage(c, null, {}))
  .post('/orgs/:orgId/assessments/:id/context', async (c) => {
    const fields = await readForm(c);
    const result = await saveContext(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'), fields);
    if (!result.ok) return contextPage(c, fields, result.problems);
    return here(c, 'saved');
  })
  .post('/orgs/:orgId/assessments/:id/close', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const [orgId, id] = [c.req.param('orgId'), c.req.param('id')];
    // Areas without a score would stay unscored for good: name them and ask, unless already confirmed.
    if ((await readForm(c)).confirm !== 'anyway') {
      const missing = await areasNotAssessed(ctx, actor, orgId, id);
      if (missing.length > 0) {
        const { instrument } = await loadLibrary(ctx);
        const domains = instrument.domains.filter((d) => missing.includes(d.id));
        return c.render(
          <CloseConfirmPage
            locale={locale}
            t={t}
            base={orgBase(c)}
            id={id}
            domains={domains}
            canAnswer={can(c, 'org:write')}
            csrf={csrfToken(c)}
          />,
          { title: t('assess.close.ask') },
        );
      }
    }
    await closeAssessment(ctx, actor, orgId, id);
    return here(c, 'closed');
  })
  .post('/orgs/:orgId/assessments/:id/plan', async (c) => {
    await generatePlan(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'));
    return c.redirect(`${orgBase(c)}/plan?done=planned`, 303);
  })
  .get('/orgs/:orgId/assessments/:id/print', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgId = c.req.param('orgId');
    const a = await getAssessment(ctx, actor, orgId, c.req.param('id'));
    const { instrument } = await loadLibrary(ctx);
    const org = await orgSummary(ctx, actor, orgId);
    return c.render(
      <PrintPage locale={locale} t={t} base={orgBase(c)} a={a} instrument={instrument} orgName={org.name} />,
      { title: t('assess.print') },
    );
  })
  .get('/orgs/:orgId/assessments/:id/export.json', async (c) => {
    const a = await getAssessment(c.var.ctx, c.var.actor, c.req.param('orgId'), c.req.param('id'));
    c.header('content-disposition', `attachment; filename="assessment-${a.id}.json"`);
    return c.json({
      id: a.id,
      status: a.status,
      createdAt: a.createdAt,
      closedAt: a.closedAt,
      basedOn: a.basedOn,
      instrumentVersion: a.instrumentVersion,
      scores: a.scores,
      answers: a.answers,
      notes: a.notes,
      context: a.context,
    });
  })
  .get('/orgs/:orgId/assessments/:id/export.md', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const a = await getAssessment(ctx, actor, c.req.param('orgId'), c.req.param('id'));
    const { instrument } = await loadLibrary(ctx);
    c.header('content-type', 'text/markdown; charset=UTF-8');
    c.header('content-disposition', `attachment; filename="assessment-${a.id}.md"`);
    return c.body(toMarkdown(a, instrument, locale, t));
  });
