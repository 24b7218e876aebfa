import { IntlMessageFormat } from 'intl-messageformat';
import ar from './catalogs/ar.json' with { type: 'json' };
import en from './catalogs/en.json' with { type: 'json' };
import es from './catalogs/es.json' with { type: 'json' };
import fr from './catalogs/fr.json' with { type: 'json' };
import ru from './catalogs/ru.json' with { type: 'json' };
import { DEFAULT_LOCALE, type Locale } from './locales.ts';

export * from './locales.ts';

export type MessageKey = keyof typeof en;
export type Values = Record<string, string | number>;
export type Translate = (key: MessageKey | (string & {}), values?: Values) => string;

export const catalogs: Record<Locale, Record<string, string>> = { en, es, fr, ar, ru };

const compiled = new Map<string, IntlMessageFormat>();

/**
 * Formatted messages by locale, key and values. Formatting costs microseconds each and a directory page
 * formats a hundred or so (labels, counts, "run by …"), mostly the same ones again; kept until the map
 * holds MAX_FORMATTED entries, then started afresh.
 */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 20_000;

function format(locale: Locale, key: string, values?: Values): string | undefined {
  const source = catalogs[locale][key];
  if (source === undefined) return undefined;
  const cacheKey = `${locale}\u0000${key}`;
  let memoKey = cacheKey;
  if (values) for (const name in values) memoKey += `\u0000${name}\u0001${typeof values[name]}\u0001${values[name]}`;
  const done = formatted.get(memoKey);
  if (done !== undefined) return done;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, message);
  }
  const text = String(message.format(values));
  if (formatted.size >= MAX_FORMATTED) formatted.clear();
  formatted.set(memoKey, text);
  return text;
}

/** A translator for one locale; a key missing there falls back to English, then to the key itself. */
export function translator(locale: Locale): Translate {
  return (key, values) => format(locale, key, values) ?? format(DEFAULT_LOCALE, key, values) ?? key;
}

/** Intl formatters are costly to build (tens of microseconds); each is built once per locale. */
function memo<T>(build: (locale: Locale) => T): (locale: Locale) => T {
  const cache = new Map<Locale, T>();
  return (locale) => {
    let value = cache.get(locale);
    if (value === undefined) cache.set(locale, (value = build(locale)));
    return value;
  };
}

const languageNames = memo((l) => new Intl.DisplayNames([l], { type: 'language' }));
const regionNames = memo((l) => new Intl.DisplayNames([l], { type: 'region' }));
const numbers = memo((l) => new Intl.NumberFormat(l));
const dates = memo((l) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' }));
const times = memo(
  (l) =>
    new Intl.DateTimeFormat(l, {
      ...{ year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
      ...{ timeZone: 'UTC', timeZoneName: 'short' },
    }),
);
const lists = memo((l) => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' }));

/** The name of an ISO 639-1 language in the reader's locale, from the runtime's own CLDR data. */
const languageNameCache = new Map<string, string>();
export function languageName(locale: Locale, code: string): string {
  const key = `${locale}:${code}`;
  let name = languageNameCache.get(key);
  if (name === undefined) languageNameCache.set(key, (name = languageNames(locale).of(code) ?? code));
  return name;
}

export function countryName(locale: Locale, code: string): string {
  return regionNames(locale).of(code) ?? code;
}

const collators = memo((l) => new Intl.Collator(l));

/** Country codes ordered by their name in the reader's language (not by code), for every country list. */
const sortedCountries = new Map<string, string[]>();
export function sortCountries(locale: Locale, codes: readonly string[]): string[] {
  const key = `${locale}:${codes.join(',')}`;
  const cached = sortedCountries.get(key);
  if (cached) return cached;
  const collator = collators(locale);
  const sorted = codes
    .map((code) => ({ code, name: countryName(locale, code) }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.code < b.code ? -1 : 1))
    .map((c) => c.code);
  if (sortedCountries.size < 1000) sortedCountries.set(key, sorted);
  return sorted;
}

export function formatNumber(locale: Locale, value: number): string {
  return numbers(locale).format(value);
}

export function formatDate(locale: Locale, date: string | Date): string {
  return dates(locale).format(typeof date === 'string' ? new Date(date) : date);
}

/** A date and time, in UTC (named as such): for deadlines that are hours apart. */
const months = memo((l) => new Intl.DateTimeFormat(l, { year: 'numeric', month: 'long', timeZone: 'UTC' }));

/** A date known to the day (2026-03-14), the month (2026-03) or the year (2026), in the reader's language. */
export function formatPartialDate(locale: Locale, date: string): string {
  if (date.length === 4) return date;
  if (date.length === 7) return months(locale).format(new Date(`${date}-01T00:00:00Z`));
  return dates(locale).format(new Date(`${date}T00:00:00Z`));
}

export function formatDateTime(locale: Locale, date: Date): string {
  return times(locale).format(date);
}

export function formatList(locale: Locale, items: string[]): string {
  return lists(locale).format(items);
}
