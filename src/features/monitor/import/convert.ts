// One CSV row into an EventInput, or the reasons it cannot be one. Values are checked against the
// monitor's vocabularies (violation types and perpetrator categories by id or by label in any of our
// languages) and countries by ISO 3166 alpha-2 code or English/Spanish/French/Arabic/Russian name.
import { LOCALES } from '../../../platform/i18n/locales.ts';
import { eventInputSchema, type EventDate, type EventInput, type Party, type Source } from '../model.ts';
import { OTHER_VIOLATION, type Vocabulary } from '../vocabulary.ts';
import type { ImportField } from './mapping.ts';

/** One problem with one row: its line in the file, the column, and a message key (i18n) with values. */
export interface RowError {
  row: number;
  column: string | null;
  key: string;
  values?: Record<string, string | number>;
}

export type DateOrder = 'dmy' | 'mdy';

/** What every row is checked against, built once per import. */
export interface Lookups {
  violations: Map<string, { id: string; right: string }>;
  perpetrators: Map<string, string>;
  countries: Map<string, string>;
}

const fold = (s: string) => s.trim().toLowerCase();

/** Regions Intl names that are not countries or territories an event happens in. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);

let countryNames: Map<string, string> | undefined;
function countries(): Map<string, string> {
  if (countryNames) return countryNames;
  const names = new Map<string, string>();
  const displays = LOCALES.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code) || displays[0]!.of(code) === undefined) continue;
      names.set(fold(code), code);
      for (const d of displays) {
        const name = d.of(code);
        if (name && !names.has(fold(name))) names.set(fold(name), code);
      }
    }
  return (countryNames = names);
}

export function lookups(vocabulary: Vocabulary): Lookups {
  const violations = new Map<string, { id: string; right: string }>();
  for (const v of vocabulary.violations) {
    const entry = { id: v.id, right: v.right };
    for (const name of [v.id, ...Object.values(v.label)]) violations.set(fold(name), entry);
  }
  const perpetrators = new Map<string, string>();
  for (const p of vocabulary.perpetrators)
    for (const name of [p.id, ...Object.values(p.label)]) perpetrators.set(fold(name), p.id);
  return { violations, perpetrators, countries: countries() };
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/;
const SLASHED = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[T ].*)?$/;

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY, YYYY-MM, YYYY-MM-DD (a time after it is dropped), or D/M/YYYY or M/D/YYYY when the order is given. */
export function parseDate(raw: string, order?: DateOrder): EventDate | 'bad' | 'ambiguous' {
  const s = raw.trim();
  if (/^\d{4}$/.test(s)) return { date: s, precision: 'year' };
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(s)) return { date: s, precision: 'month' };
  let ymd: [number, number, number] | undefined;
  const iso = ISO_DAY.exec(s);
  if (iso) ymd = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const slashed = iso ? null : SLASHED.exec(s);
  if (slashed) {
    const [a, b, y] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
    if (!order) return 'ambiguous';
    ymd = order === 'dmy' ? [y, b, a] : [y, a, b];
  }
  if (!ymd || !validDay(...ymd)) return 'bad';
  return { date: `${ymd[0]}-${pad(ymd[1])}-${pad(ymd[2])}`, precision: 'day' };
}

const list = (cell: string) =>
  cell
    .split(/[|;,]/)
    .map((s) => s.trim())
    .filter(Boolean);

export interface ConvertOptions {
  header: readonly string[];
  columns: Partial<Record<ImportField, number>>;
  lookups: Lookups;
  /** The country of rows with no country column or an empty cell (ISO alpha-2). */
  country?: string;
  dateOrder?: DateOrder;
}

/** The event a row describes, or every problem found in it. */
export function convertRow(
  fields: readonly string[],
  row: number,
  o: ConvertOptions,
): { input: EventInput; errors?: undefined } | { input?: undefined; errors: RowError[] } {
  const errors: RowError[] = [];
  const columnOf = (f: ImportField) => (o.columns[f] === undefined ? null : (o.header[o.columns[f]] ?? null));
  const cell = (f: ImportField) => {
    const i = o.columns[f];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const fail = (f: ImportField | null, key: string, values?: RowError['values']) =>
    errors.push({ row, column: f ? (columnOf(f) ?? f) : null, key, ...(values ? { values } : {}) });

  const title = cell('title');
  if (!title) fail('title', 'monitor.import.error.missingTitle');
  const dateCell = cell('date');
  const start = dateCell ? parseDate(dateCell, o.dateOrder) : 'missing';
  if (start === 'missing') fail('date', 'monitor.import.error.missingDate');
  else if (start === 'bad' || start === 'ambiguous')
    fail('date', `monitor.import.error.${start === 'bad' ? 'badDate' : 'ambiguousDate'}`, { value: dateCell });
  const endCell = cell('endDate');
  const end = endCell ? parseDate(endCell, o.dateOrder) : null;
  if (end === 'bad' || end === 'ambiguous') fail('endDate', 'monitor.import.error.badDate', { value: endCell });

  const countryCell = cell('country');
  const country = countryCell ? o.lookups.countries.get(fold(countryCell)) : o.country;
  if (countryCell && !country) fail('country', 'monitor.import.error.unknownCountry', { value: countryCell });
  else if (!country) fail('country', 'monitor.import.error.missingCountry');

  const acts = [];
  const types = list(cell('types'));
  for (const t of types.length > 0 ? types : [OTHER_VIOLATION]) {
    const v = o.lookups.violations.get(fold(t));
    if (v) acts.push({ type: v.id, mode: 'commission' as const, right: v.right, note: '' });
    else fail('types', 'monitor.import.error.unknownType', { value: t });
  }

  const parties: Party[] = [];
  for (const p of list(cell('perpetrators'))) {
    const category = o.lookups.perpetrators.get(fold(p));
    if (!category) fail('perpetrators', 'monitor.import.error.unknownPerpetrator', { value: p });
    else parties.push(party(parties.length, 'perpetrator', 'group', p, category));
  }
  for (const name of cell('victims').split('|'))
    if (name.trim()) parties.push(party(parties.length, 'victim', 'person', name.trim(), ''));

  const point = readPoint(cell('location'), cell('lat'), cell('lon'));
  if (point === 'bad') fail(o.columns.location !== undefined ? 'location' : 'lat', 'monitor.import.error.badPoint');

  const sources: Source[] = [];
  const [url, described] = [cell('sourceUrl'), cell('source')];
  if (url || described)
    sources.push({
      id: 's1',
      kind: url ? 'media' : 'document',
      url,
      description: described,
      collector: '',
      capturedOn: '',
      reliability: 'cannot-judge',
      fileIds: [],
    });

  if (errors.length > 0) return { errors };
  const input = {
    title,
    description: cell('description'),
    start: start as EventDate,
    end: end as EventDate | null,
    place: { country: country!, region: cell('region'), point: point as EventInput['place']['point'] },
    acts,
    parties,
    sources,
  };
  const checked = eventInputSchema.safeParse(input);
  if (checked.success) return { input: checked.data };
  return {
    errors: checked.error.issues.map((issue) => ({
      row,
      column: String(issue.path[0] ?? '') || null,
      key: 'monitor.import.error.invalid',
      values: { detail: `${issue.path.join('.')}: ${issue.message}` },
    })),
  };
}

function party(n: number, role: Party['role'], kind: Party['kind'], name: string, category: string): Party {
  return { id: `p${n + 1}`, role, kind, name, category, contact: '', note: '' };
}

/** A point from `lat|lon` (or `lat,lon`) in one cell, or from two cells; null when none is given. */
function readPoint(location: string, lat: string, lon: string): { lat: number; lon: number } | null | 'bad' {
  const [a, b] = location ? location.split(/[|,;]\s*/) : [lat, lon];
  if (!a && !b) return null;
  const point = { lat: Number(a), lon: Number(b) };
  if (!a || !b || !Number.isFinite(point.lat) || !Number.isFinite(point.lon)) return 'bad';
  if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) return 'bad';
  return point;
}
