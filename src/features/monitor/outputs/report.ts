// A report for a country and a period, in the shape a UN Special Rapporteur communication or a CIVICUS
// Monitor update expects: a summary (counts by violation type, right, perpetrator and verification),
// then the events in date order with their dates, acts and region, sources counted and never named.
// Built from an organisation's own events (redacted of names as for publication) or from public ones.
import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import type { EventDate, MonitorEvent, PublicEvent, VerificationState } from '../model.ts';
import { identifyingStrings, redact } from '../publish.ts';

export type LabelKind = 'type' | 'right' | 'perpetrator';
/** A vocabulary's label for an id, in the report's language; without one, the id is shown. */
export type Labeller = (kind: LabelKind, id: string) => string;

export interface Count {
  id: string;
  label: string;
  count: number;
}

export interface ReportEvent {
  start: EventDate;
  end: EventDate | null;
  region: string | null;
  title: string | null;
  acts: { type: string; label: string; right: string; mode: string }[];
  perpetrators: { id: string; label: string }[];
  sourceCount: number | null;
  verification: VerificationState | null;
}

export interface Report {
  country: string;
  from: string | null;
  to: string | null;
  locale: Locale;
  total: number;
  /** Sources counted over the events that show theirs. */
  sources: number;
  byType: Count[];
  byRight: Count[];
  byPerpetrator: Count[];
  byVerification: Count[];
  events: ReportEvent[];
}

export interface ReportOptions {
  country: string;
  from: string | null;
  to: string | null;
  locale: Locale;
  vocabulary?: Labeller;
}

const isOwn = (e: MonitorEvent | PublicEvent): e is MonitorEvent => 'parties' in e;

/** An event as the report shows it: never a name, a contact, a source's detail or a point. */
function reportEvent(e: MonitorEvent | PublicEvent, label: Labeller): ReportEvent {
  const acts = (a: { type: string; right: string; mode: string }) => ({
    type: a.type,
    label: label('type', a.type),
    right: a.right,
    mode: a.mode,
  });
  const perpetrator = (id: string) => ({ id, label: label('perpetrator', id) });
  if (!isOwn(e))
    return {
      start: e.start,
      end: e.end,
      region: e.region,
      title: e.title,
      acts: e.acts.map(acts),
      perpetrators: e.perpetrators.map(perpetrator),
      sourceCount: e.sourceCount,
      verification: e.verification,
    };
  const identifying = identifyingStrings(e);
  return {
    start: e.start,
    end: e.end,
    region: e.place.region ? redact(e.place.region, identifying) : null,
    title: redact(e.title, identifying),
    acts: e.acts.map(acts),
    perpetrators: [
      ...new Set(e.parties.filter((p) => p.role === 'perpetrator' && p.category).map((p) => p.category)),
    ].map(perpetrator),
    sourceCount: e.sources.length,
    verification: e.verification.state,
  };
}

const countryOf = (e: MonitorEvent | PublicEvent) => (isOwn(e) ? e.place.country : e.country);

/** Whether a date known to some precision falls inside [from, to] (each YYYY, YYYY-MM or YYYY-MM-DD). */
export function inPeriod(date: string, from: string | null, to: string | null): boolean {
  // Compared to the precision both know: 2026 is inside 2026-03…2026-04, and 2026-04-30 inside …2026-04.
  const compare = (bound: string) => {
    const n = Math.min(date.length, bound.length);
    const [a, b] = [date.slice(0, n), bound.slice(0, n)];
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const after = (bound: string) => compare(bound) >= 0;
  const before = (bound: string) => compare(bound) <= 0;
  return (!from || after(from)) && (!to || before(to));
}

function tally(ids: string[], label: (id: string) => string): Count[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .map(([id, count]) => ({ id, label: label(id), count }))
    .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

export function buildReport(events: readonly (MonitorEvent | PublicEvent)[], opts: ReportOptions): Report {
  const label: Labeller = opts.vocabulary ?? ((_, id) => id);
  const shown = events
    .filter((e) => countryOf(e) === opts.country && inPeriod(e.start.date, opts.from, opts.to))
    .map((e) => reportEvent(e, label))
    .sort((a, b) => a.start.date.localeCompare(b.start.date));
  // Each event counts once per type, right or perpetrator it shows, however many acts repeat it.
  const per = (f: (e: ReportEvent) => string[]) => shown.flatMap((e) => [...new Set(f(e))]);
  return {
    country: opts.country,
    from: opts.from,
    to: opts.to,
    locale: opts.locale,
    total: shown.length,
    sources: shown.reduce((n, e) => n + (e.sourceCount ?? 0), 0),
    byType: tally(
      per((e) => e.acts.map((a) => a.type)),
      (id) => label('type', id),
    ),
    byRight: tally(
      per((e) => e.acts.map((a) => a.right)),
      (id) => label('right', id),
    ),
    byPerpetrator: tally(
      per((e) => e.perpetrators.map((p) => p.id)),
      (id) => label('perpetrator', id),
    ),
    byVerification: tally(
      shown.flatMap((e) => (e.verification ? [e.verification] : [])),
      (id) => id,
    ),
    events: shown,
  };
}

/** Text that Markdown shows as written. */
const md = (s: string) => s.replace(/([\\`*_{}[\]<>#|])/g, '\\$1').replace(/\r?\n/g, ' ');

/** "14 March 2026 – 16 March 2026", or as much of the date as is known. */
export function period(e: { start: EventDate; end: EventDate | null }): string {
  return e.end && e.end.date !== e.start.date ? `${e.start.date} – ${e.end.date}` : e.start.date;
}

export function reportMarkdown(r: Report, t: Translate, countryName: string): string {
  const out: string[] = [];
  const range = t('monitor.out.report.period', { from: r.from ?? '…', to: r.to ?? '…' });
  out.push(`# ${md(t('monitor.out.report.title', { country: countryName }))}`, '', range, '');
  out.push(`## ${t('monitor.out.report.summary')}`, '');
  out.push(t('monitor.out.report.totals', { events: r.total, sources: r.sources }), '');
  const table = (heading: string, counts: Count[], name: (c: Count) => string) => {
    if (counts.length === 0) return;
    out.push(`### ${heading}`, '', `| ${heading} | ${t('monitor.out.report.events')} |`, '| --- | ---: |');
    for (const c of counts) out.push(`| ${md(name(c))} | ${c.count} |`);
    out.push('');
  };
  table(t('monitor.out.col.types'), r.byType, (c) => c.label);
  table(t('monitor.out.col.rights'), r.byRight, (c) => c.label);
  table(t('monitor.out.col.perpetrators'), r.byPerpetrator, (c) => c.label);
  table(t('monitor.out.col.verification'), r.byVerification, (c) => t(`monitor.out.verification.${c.id}`));
  out.push(`## ${t('monitor.out.report.events')}`, '');
  if (r.events.length === 0) out.push(t('monitor.out.report.none'), '');
  r.events.forEach((e, i) => {
    const what = e.acts.map((a) => a.label).join(', ') || t('monitor.out.report.unstated');
    out.push(`${i + 1}. **${md(period(e))}**: ${md(e.title ?? what)}`);
    if (e.title) out.push(`   - ${t('monitor.out.col.types')}: ${md(what)}`);
    if (e.region) out.push(`   - ${t('monitor.out.col.region')}: ${md(e.region)}`);
    if (e.perpetrators.length > 0)
      out.push(`   - ${t('monitor.out.col.perpetrators')}: ${md(e.perpetrators.map((p) => p.label).join(', '))}`);
    if (e.verification)
      out.push(`   - ${t('monitor.out.col.verification')}: ${t(`monitor.out.verification.${e.verification}`)}`);
    if (e.sourceCount !== null) out.push(`   - ${t('monitor.out.report.sourceCount', { count: e.sourceCount })}`);
  });
  return out.join('\n') + '\n';
}
