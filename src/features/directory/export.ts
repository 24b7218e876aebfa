// Whole-directory exports: JSON, CSV (one row per mechanism) and YAML. JSON and YAML keep the
// translated texts as maps ({ en, es, fr, ar, ru }); CSV, being flat, has a column per language:
// `summary` and `howToReach` are English (as before translations existed), `summary_es` and so on follow.
import { stringify } from 'yaml';
import { LOCALES } from '../../platform/i18n/locales.ts';
import type { Mechanism } from './schema.ts';

const OTHER_LOCALES = LOCALES.filter((l) => l !== 'en');
const perLocale = <F extends string>(field: F) => OTHER_LOCALES.map((l) => `${field}_${l}` as const);

export const CSV_COLUMNS = [
  'id',
  'name',
  'operator',
  'summary',
  ...perLocale('summary'),
  'howToReach',
  ...perLocale('howToReach'),
  'kinds',
  'serves',
  'themes',
  'regions',
  'countries',
  'languages',
  'alwaysOn',
  'responseHours',
  'free',
  'website',
  'email',
  'phone',
  'signal',
  'form',
  'verifiedAt',
  'status',
  'sources',
  'version',
] as const;

function cell(value: unknown): string {
  let text = Array.isArray(value) ? value.join(';') : value === undefined || value === null ? '' : String(value);
  // A spreadsheet would run a cell starting with these as a formula (CSV injection).
  if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^[+-]?[0-9 ]+$/.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(records: Mechanism[]): string {
  const rows = records.map((m) => {
    const flat: Partial<Record<(typeof CSV_COLUMNS)[number], unknown>> = {
      ...m,
      summary: m.summary.en,
      howToReach: m.howToReach?.en,
      ...Object.fromEntries(
        OTHER_LOCALES.flatMap((l) => [
          [`summary_${l}`, m.summary[l]],
          [`howToReach_${l}`, m.howToReach?.[l]],
        ]),
      ),
      website: m.contact.website,
      email: m.contact.email,
      phone: m.contact.phone,
      signal: m.contact.signal,
      form: m.contact.form,
      sources: m.source.map((s) => (s.url ? `${s.title} <${s.url}>` : s.title)),
    };
    return CSV_COLUMNS.map((col) => cell(flat[col])).join(',');
  });
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function toYaml(records: Mechanism[]): string {
  return stringify(records, { lineWidth: 0 });
}

export function toJson(records: Mechanism[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}
