// /{locale}/orgs/:orgId/monitor/export (the form) and export.csv|.json|.stix.json (the files);
// /{locale}/orgs/:orgId/monitor/report (+ .md) for the organisation's events; /{locale}/monitor/report
// (+ .md) for the public ones; /{locale}/monitor/feeds/country/:iso.atom and /feeds/type/:type.atom.
// Who may use which is decided, and explained, in service.ts.
import { Hono, type Context } from 'hono';
import { allows } from '../../../platform/access.ts';
import type { AppEnv } from '../../../platform/http/env.ts';
import { countryName } from '../../../platform/i18n/index.ts';
import { orgSummary } from '../../accounts/orgs/service.ts';
import { reportMarkdown, type Labeller, type Report } from './report.ts';
import {
  exportEvents,
  orgReport,
  publicFeed,
  publicReport,
  readReportQuery,
  requireExporter,
  type ExportFormat,
  type ReportQuery,
} from './service.ts';
import { monitorVocabulary } from '../service.ts';
import { labelOf } from '../vocabulary.ts';
import { ExportPage, ReportForm, ReportView } from './views.tsx';

type Ctx = Context<AppEnv>;
const orgBase = (c: Ctx) => `/${c.var.locale}/orgs/${c.req.param('orgId')}/monitor`;
const KINDS = { type: 'violations', right: 'rights', perpetrator: 'perpetrators' } as const;
/** Names from the vocabularies (data/monitor), in the reader's language. */
const labeller =
  (c: Ctx): Labeller =>
  (kind, id) =>
    labelOf(monitorVocabulary(c.var.ctx), KINDS[kind], id, c.var.locale);
const EXT: Record<ExportFormat, string> = { csv: 'csv', json: 'json', stix: 'stix.json' };

function exportQuery(c: Ctx, format: ExportFormat) {
  const q = c.req.query();
  return {
    ...q,
    format,
    columns: (c.req.queries('columns') ?? []).flatMap((s) => s.split(',')),
  };
}

async function sendExport(c: Ctx, format: ExportFormat) {
  const { ctx, actor, locale } = c.var;
  const orgId = c.req.param('orgId')!;
  const file = await exportEvents(ctx, actor, orgId, exportQuery(c, format), locale);
  c.header('content-type', file.contentType);
  c.header('content-disposition', `attachment; filename="${file.filename}"`);
  c.header('cache-control', 'no-store');
  return c.body(file.body);
}

/** The report page, its form, or the form again with its problems (422). */
type Load = (q: ReportQuery) => Promise<Report>;

async function reportPage(
  c: Ctx,
  action: string,
  load: Load,
  opts: { guard?: () => Promise<unknown>; feed?: boolean },
) {
  const { locale, t } = c.var;
  await opts.guard?.();
  const values = c.req.query();
  const asked = Object.keys(values).length > 0;
  const read = readReportQuery(values);
  if (!read.ok || !asked) {
    c.status(asked ? 422 : 200);
    return c.render(
      <ReportForm
        locale={locale}
        t={t}
        action={action}
        values={values}
        problems={asked && !read.ok ? read.problems : {}}
      />,
      {
        title: t('monitor.out.report.heading'),
      },
    );
  }
  const r = await load(read.value);
  const name = countryName(locale, r.country);
  const markdown = `${action}.md?${new URLSearchParams(values).toString()}`;
  return c.render(
    <>
      <ReportForm locale={locale} t={t} action={action} values={values} problems={{}} />
      <ReportView
        locale={locale}
        t={t}
        r={r}
        countryName={name}
        markdown={markdown}
        feed={opts.feed ? `/${locale}/monitor/feeds/country/${r.country}.atom` : null}
      />
    </>,
    { title: t('monitor.out.report.title', { country: name }) },
  );
}

async function reportMd(c: Ctx, load: Load, guard?: () => Promise<unknown>) {
  const { locale, t } = c.var;
  await guard?.();
  const read = readReportQuery(c.req.query());
  if (!read.ok) return c.text(t('monitor.out.error.query'), 422);
  const r = await load(read.value);
  c.header('content-type', 'text/markdown; charset=utf-8');
  c.header('content-disposition', `attachment; filename="report-${r.country}.md"`);
  return c.body(reportMarkdown(r, t, countryName(locale, r.country)));
}

async function feed(c: Ctx, kind: 'country' | 'type', value: string) {
  const { ctx, actor, locale, t } = c.var;
  const body = await publicFeed(ctx, actor, kind, value, locale, t, {
    country: (iso) => countryName(locale, iso),
    type: (id) => labeller(c)('type', id),
  });
  c.header('content-type', 'application/atom+xml; charset=utf-8');
  return c.body(body);
}

export const outputRoutes = new Hono<AppEnv>()
  .get('/orgs/:orgId/monitor/export', async (c) => {
    const { ctx, actor, locale, t } = c.var;
    const orgId = c.req.param('orgId');
    requireExporter(actor, orgId);
    const format = c.req.query('format');
    // The form sends its choice here; the file has an address of its own, with its extension.
    if (format && Object.hasOwn(EXT, format)) {
      const url = new URL(c.req.url);
      url.searchParams.delete('format');
      return c.redirect(`${orgBase(c)}/export.${EXT[format as ExportFormat]}${url.search}`, 303);
    }
    await orgSummary(ctx, actor, orgId);
    return c.render(
      <ExportPage
        locale={locale}
        t={t}
        action={`${orgBase(c)}/export`}
        mayIncludePeople={allows(actor, 'org:manage', { orgId })}
      />,
      { title: t('monitor.out.export.title') },
    );
  })
  .get('/orgs/:orgId/monitor/export.csv', (c) => sendExport(c, 'csv'))
  .get('/orgs/:orgId/monitor/export.json', (c) => sendExport(c, 'json'))
  .get('/orgs/:orgId/monitor/export.stix.json', (c) => sendExport(c, 'stix'))
  .get('/orgs/:orgId/monitor/report', (c) =>
    reportPage(
      c,
      `${orgBase(c)}/report`,
      (q) => orgReport(c.var.ctx, c.var.actor, c.req.param('orgId'), q, c.var.locale, labeller(c)),
      { guard: () => orgSummary(c.var.ctx, c.var.actor, c.req.param('orgId')) },
    ),
  )
  .get('/orgs/:orgId/monitor/report.md', (c) =>
    reportMd(
      c,
      (q) => orgReport(c.var.ctx, c.var.actor, c.req.param('orgId'), q, c.var.locale, labeller(c)),
      () => orgSummary(c.var.ctx, c.var.actor, c.req.param('orgId')),
    ),
  )
  .get('/monitor/report', (c) =>
    reportPage(
      c,
      `/${c.var.locale}/monitor/report`,
      (q) => publicReport(c.var.ctx, c.var.actor, q, c.var.locale, labeller(c)),
      { feed: true },
    ),
  )
  .get('/monitor/report.md', (c) =>
    reportMd(c, (q) => publicReport(c.var.ctx, c.var.actor, q, c.var.locale, labeller(c))),
  )
  .get('/monitor/feeds/country/:iso{[A-Za-z]{2}\\.atom}', (c) =>
    feed(c, 'country', c.req.param('iso').slice(0, 2).toUpperCase()),
  )
  .get('/monitor/feeds/type/:type{[a-z0-9-]{1,64}\\.atom}', (c) => feed(c, 'type', c.req.param('type').slice(0, -5)));
