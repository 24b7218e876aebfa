// What leaves the monitor: an organisation's events as CSV, JSON or a STIX bundle, reports for a country
// and period (the organisation's own events or the public ones), and Atom feeds of public events.
//
// Who may do what (the authorisation matrix tests it):
// - reports of the organisation's events: org:read. Viewers may read them: a report counts sources and
//   shows no names, no contacts and no points, like a published event.
// - exports (CSV, JSON, STIX): org:write. A file holds every event in bulk and leaves the server with
//   whoever downloads it, so it needs someone trusted to record events, not a read-only viewer.
// - exports that include people (names, contacts, points, source details): org:manage, as publishing
//   does; meant for the organisation's own archive, off unless chosen.
// - public reports and feeds: anyone; they read only published copies.
// Every export and every report of the organisation's events is audited, by ids and names of actions only.
import { z } from 'zod';
import { publicOrigin } from '../../../config/config.ts';
import type { AppContext } from '../../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { ValidationError, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { DEFAULT_TLP, TLP_LEVELS } from '../../../platform/stix.ts';
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { orgSummary } from '../../accounts/orgs/service.ts';
import { partialDate, type MonitorEvent, type PublicEvent } from '../model.ts';
import { NO_FILTERS, publicCountryEvents, searchEvents, type EventFilters } from '../service.ts';
import { atomFeed } from './atom.ts';
import { buildReport, period, type Labeller, type Report } from './report.ts';
import { toStixBundle } from './stix.ts';
import { COLUMN_IDS, DEFAULT_COLUMNS, PEOPLE_COLUMN_IDS, toCsv, toJsonExport } from './table.ts';

/** The most events one export or report reads. */
export const MAX_EVENTS = 10_000;
const PAGE = 500;
const FEED_SIZE = 50;

const origin = (ctx: AppContext) => publicOrigin(ctx.config);
export const eventUrl = (ctx: AppContext, locale: Locale, orgId: string, id: string) =>
  `${origin(ctx)}/${locale}/orgs/${orgId}/monitor/events/${id}`;
export const publicEventUrl = (ctx: AppContext, locale: Locale, publicId: string) =>
  `${origin(ctx)}/${locale}/monitor/events/${publicId}`;

/** Every event of the organisation matching the filters, up to MAX_EVENTS. */
async function allEvents(ctx: AppContext, actor: Actor, orgId: string, filters: EventFilters) {
  const events: MonitorEvent[] = [];
  for (let offset = 0; offset < MAX_EVENTS; offset += PAGE) {
    const page = await searchEvents(ctx, actor, orgId, filters, { limit: PAGE, offset });
    events.push(...page.events);
    if (!page.more || page.events.length === 0) break;
  }
  return events;
}

export const EXPORT_FORMATS = ['csv', 'json', 'stix'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const flag = z.preprocess((v) => v === 'on' || v === '1' || v === 'true' || v === true, z.boolean());
const list = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : []),
  z.array(z.string()),
);

export const exportChoiceSchema = z.object({
  format: z.enum(EXPORT_FORMATS).default('csv'),
  columns: list.transform((ids) => ids.map((id) => id.trim()).filter((id) => id.length > 0)),
  hxl: flag,
  people: flag,
  tlp: z.enum(TLP_LEVELS).default(DEFAULT_TLP),
  producer: z.enum(['anonymous', 'organisation']).default('anonymous'),
});
export type ExportChoice = z.infer<typeof exportChoiceSchema>;
export { COLUMN_IDS, DEFAULT_COLUMNS, PEOPLE_COLUMN_IDS, TLP_LEVELS, DEFAULT_TLP };

/** For the export form: the same access as an export. */
export function requireExporter(actor: Actor, orgId: string): void {
  requireAccess(actor, 'org:write', { orgId });
}

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  count: number;
}

/** The organisation's events as a file, in the chosen format and columns. */
export async function exportEvents(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  raw: Record<string, unknown>,
  locale: Locale,
): Promise<ExportFile> {
  requireAccess(actor, 'org:write', { orgId });
  const parsed = exportChoiceSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(formProblems(parsed.error));
  const choice = parsed.data;
  if (choice.people) requireAccess(actor, 'org:manage', { orgId });
  const events = await allEvents(ctx, actor, orgId, NO_FILTERS);
  const url = (e: MonitorEvent) => eventUrl(ctx, locale, orgId, e.id);
  const table = { columns: choice.columns, includePeople: choice.people, url };
  let file: ExportFile;
  if (choice.format === 'csv')
    file = {
      body: toCsv(events, { ...table, hxl: choice.hxl }),
      contentType: 'text/csv; charset=utf-8',
      filename: 'events.csv',
      count: events.length,
    };
  else if (choice.format === 'json')
    file = {
      body: toJsonExport(events, table),
      contentType: 'application/json; charset=utf-8',
      filename: 'events.json',
      count: events.length,
    };
  else {
    const producer = choice.producer === 'organisation' ? (await orgSummary(ctx, actor, orgId)).name : null;
    const bundle = toStixBundle(events, { tlp: choice.tlp, producer, producerKey: orgId, url });
    file = {
      body: JSON.stringify(bundle, null, 2) + '\n',
      contentType: 'application/stix+json;version=2.1',
      filename: 'events.stix.json',
      count: bundle.objects.filter((o) => o.type === 'incident').length,
    };
  }
  if (!isDecoy(actor))
    await audit(
      ctx.db,
      {
        actor: actorId(actor),
        action: `monitor.export.${choice.format}`,
        objectType: 'monitor-export',
        objectId: String(file.count),
        orgId,
      },
      ctx.clock.now(),
    );
  return file;
}

const dateOrNull = z.preprocess((v) => (v === '' || v === undefined ? null : v), partialDate.nullable());
export const reportQuerySchema = z.object({
  country: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.string().regex(/^[A-Z]{2}$/)),
  from: dateOrNull,
  to: dateOrNull,
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** A report's country and period from a query string: problems per field when they do not read. */
export function readReportQuery(raw: Record<string, unknown>): Result<ReportQuery> {
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: formProblems(parsed.error) };
  const { from, to } = parsed.data;
  if (from && to && from > to) return { ok: false, problems: { to: { key: 'monitor.out.error.period' } } };
  return { ok: true, value: parsed.data };
}

/** A report of the organisation's own events (private ones too), with no names in it. */
export async function orgReport(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  q: ReportQuery,
  locale: Locale,
  vocabulary?: Labeller,
): Promise<Report> {
  requireAccess(actor, 'org:read', { orgId });
  const events = await allEvents(ctx, actor, orgId, { ...NO_FILTERS, countries: [q.country] });
  if (!isDecoy(actor))
    await audit(
      ctx.db,
      { actor: actorId(actor), action: 'monitor.report', objectType: 'monitor-report', objectId: q.country, orgId },
      ctx.clock.now(),
    );
  return buildReport(events, { ...q, locale, ...(vocabulary ? { vocabulary } : {}) });
}

/** A report of the published events of a country: anyone may read it. */
export async function publicReport(
  ctx: AppContext,
  actor: Actor,
  q: ReportQuery,
  locale: Locale,
  vocabulary?: Labeller,
): Promise<Report> {
  requireAccess(actor, 'monitor:report');
  const where = { country: q.country, ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: `${q.to}` } : {}) };
  const events = await publicCountryEvents(ctx, actor, where, MAX_EVENTS);
  return buildReport(events, { ...q, locale, ...(vocabulary ? { vocabulary } : {}) });
}

export type FeedKind = 'country' | 'type';

/** The Atom feed of the public events of a country (ISO alpha-2) or of a violation type. */
export async function publicFeed(
  ctx: AppContext,
  actor: Actor,
  kind: FeedKind,
  value: string,
  locale: Locale,
  t: Translate,
  names: { country: (iso: string) => string; type: (id: string) => string },
): Promise<string> {
  requireAccess(actor, 'monitor:public');
  const events = await publicCountryEvents(
    ctx,
    actor,
    kind === 'country' ? { country: value } : { type: value },
    FEED_SIZE,
  );
  const what = (e: PublicEvent) => e.acts.map((a) => names.type(a.type)).join(', ') || t('monitor.out.report.unstated');
  const base = `${origin(ctx)}/${locale}/monitor`;
  return atomFeed({
    key: `${kind}:${value}:${locale}`,
    title:
      kind === 'country'
        ? t('monitor.out.feed.country', { country: names.country(value) })
        : t('monitor.out.feed.type', { type: names.type(value) }),
    self: `${base}/feeds/${kind}/${encodeURIComponent(value)}.atom`,
    alternate: kind === 'country' ? `${base}/report?country=${value}` : null,
    entries: events.map((e) => ({
      event: e,
      title: e.title ?? t('monitor.out.feed.entry', { what: what(e), country: names.country(e.country) }),
      summary: [period(e), names.country(e.country), e.region, what(e), e.description]
        .filter((s): s is string => Boolean(s))
        .join(' · '),
      link: publicEventUrl(ctx, locale, e.id),
    })),
  });
}
