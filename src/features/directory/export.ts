// Whole-directory exports: JSON, CSV (one row per mechanism) and YAML.
import { stringify } from 'yaml';
import type { Mechanism } from './schema.ts';

export const CSV_COLUMNS = [
  'id', 'name', 'operator', 'summary', 'howToReach', 'kinds', 'serves', 'themes', 'regions', 'countries', 'languages',
  'alwaysOn', 'responseHours', 'free', 'website', 'email', 'phone', 'signal', 'form', 'verifiedAt', 'sources', 'version',
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
