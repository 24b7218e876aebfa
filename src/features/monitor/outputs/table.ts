// An organisation's events as a table the person shapes: they choose the columns (from a fixed list),
// each row carries the event's address, and an optional HXL hashtag row lets humanitarian tools read it.
// Names, contacts, exact points and source details are in a separate group of columns that only an
// explicit "include people" choice (off by default, org-internal) lets in; without it, free text is
// redacted of every name and contact the event holds, as a public copy would be.
import type { MonitorEvent } from '../model.ts';
import { identifyingStrings, redact } from '../publish.ts';

export type Cell = string | number | string[] | null;

interface Column {
  id: string;
  /** The HXL hashtag and attributes (hxlstandard.org): core hashtags, attributes describing the use. */
  hxl: string;
  value: (e: MonitorEvent, row: RowContext) => Cell;
}

interface RowContext {
  url: string;
  /** The text as it may leave: redacted of names and contacts unless people are included. */
  clean: (s: string) => string;
}

const unique = (xs: string[]) => [...new Set(xs.filter((x) => x.length > 0))];

/** The columns anyone exporting may choose, in their order in the file. */
export const COLUMNS: readonly Column[] = [
  { id: 'id', hxl: '#event+id', value: (e) => e.id },
  { id: 'url', hxl: '#meta+url', value: (_, r) => r.url },
  { id: 'title', hxl: '#event+name', value: (e, r) => r.clean(e.title) },
  { id: 'description', hxl: '#description', value: (e, r) => r.clean(e.description) },
  { id: 'start', hxl: '#date+start', value: (e) => e.start.date },
  { id: 'end', hxl: '#date+end', value: (e) => e.end?.date ?? null },
  { id: 'precision', hxl: '#date+precision', value: (e) => e.start.precision },
  { id: 'country', hxl: '#country+code', value: (e) => e.place.country },
  { id: 'region', hxl: '#adm1+name', value: (e, r) => r.clean(e.place.region) },
  { id: 'types', hxl: '#event+type', value: (e) => unique(e.acts.map((a) => a.type)) },
  { id: 'modes', hxl: '#event+type+mode', value: (e) => e.acts.map((a) => a.mode) },
  { id: 'rights', hxl: '#sector+right', value: (e) => unique(e.acts.map((a) => a.right)) },
  {
    id: 'perpetrators',
    hxl: '#group+perpetrator+type',
    value: (e) => unique(e.parties.filter((p) => p.role === 'perpetrator').map((p) => p.category)),
  },
  { id: 'verification', hxl: '#status+verification', value: (e) => e.verification.state },
  { id: 'publication', hxl: '#status+publication', value: (e) => e.publication.state },
  { id: 'source-count', hxl: '#meta+sources+num', value: (e) => e.sources.length },
  { id: 'source-kinds', hxl: '#meta+sources+type', value: (e) => unique(e.sources.map((s) => s.kind)) },
  { id: 'created', hxl: '#date+created', value: (e) => e.created.at },
  { id: 'updated', hxl: '#date+updated', value: (e) => e.updated.at },
];

/** Columns that name or locate people: only with the "include people" choice, for use inside the organisation. */
export const PEOPLE_COLUMNS: readonly Column[] = [
  {
    id: 'people',
    hxl: '#contact+name',
    value: (e) => e.parties.filter((p) => p.name).map((p) => `${p.role}: ${p.name}`),
  },
  { id: 'contacts', hxl: '#contact+info', value: (e) => unique(e.parties.map((p) => p.contact)) },
  { id: 'lat', hxl: '#geo+lat', value: (e) => e.place.point?.lat ?? null },
  { id: 'lon', hxl: '#geo+lon', value: (e) => e.place.point?.lon ?? null },
  { id: 'source-urls', hxl: '#meta+sources+url', value: (e) => unique(e.sources.map((s) => s.url)) },
  { id: 'collectors', hxl: '#meta+sources+collector', value: (e) => unique(e.sources.map((s) => s.collector)) },
];

export const COLUMN_IDS = COLUMNS.map((c) => c.id);
export const PEOPLE_COLUMN_IDS = PEOPLE_COLUMNS.map((c) => c.id);
export const DEFAULT_COLUMNS = ['id', 'url', 'title', 'start', 'country', 'region', 'types', 'verification'];

export interface TableOptions {
  /** Column ids in any order; unknown ids are dropped, the file keeps the list's order. */
  columns: readonly string[];
  includePeople: boolean;
  /** The event's absolute address. */
  url: (e: MonitorEvent) => string;
}

function chosen(opts: TableOptions): Column[] {
  const all = opts.includePeople ? [...COLUMNS, ...PEOPLE_COLUMNS] : COLUMNS;
  const picked = all.filter((c) => opts.columns.includes(c.id));
  return picked.length > 0 ? picked : COLUMNS.filter((c) => DEFAULT_COLUMNS.includes(c.id));
}

/** The chosen columns' values per event: the shape of the JSON export, and of the CSV before quoting. */
export function tableRows(events: readonly MonitorEvent[], opts: TableOptions) {
  const columns = chosen(opts);
  const rows = events.map((e) => {
    const identifying = identifyingStrings(e);
    const ctx: RowContext = {
      url: opts.url(e),
      clean: opts.includePeople ? (s) => s : (s) => redact(s, identifying),
    };
    return Object.fromEntries(columns.map((c) => [c.id, c.value(e, ctx)])) as Record<string, Cell>;
  });
  return { columns, rows };
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break. A field a spreadsheet
 * would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe.
 */
export function csvField(value: Cell): string {
  let text = value === null ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly Cell[]) => cells.map(csvField).join(',');

/** The CSV file: the header row, the HXL hashtag row when asked for, one row per event; CRLF line ends. */
export function toCsv(events: readonly MonitorEvent[], opts: TableOptions & { hxl: boolean }): string {
  const { columns, rows } = tableRows(events, opts);
  const out = [line(columns.map((c) => c.id))];
  if (opts.hxl) out.push(line(columns.map((c) => c.hxl)));
  for (const r of rows) out.push(line(columns.map((c) => r[c.id] ?? null)));
  return out.join('\r\n') + '\r\n';
}

/** The JSON file: the same events and columns, values kept as lists and numbers. */
export function toJsonExport(events: readonly MonitorEvent[], opts: TableOptions): string {
  const { columns, rows } = tableRows(events, opts);
  return JSON.stringify({ columns: columns.map((c) => c.id), events: rows }, null, 2) + '\n';
}
