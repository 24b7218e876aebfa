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

function format(locale: Locale, key: string, values?: Values): string | undefined {
  const source = catalogs[locale][key];
  if (source === undefined) return undefined;
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(source, locale);
    compiled.set(cacheKey, message);
  }
  return String(message.format(values));
}

/** A translator for one locale; a key missing there falls back to English, then to the key itself. */
export function translator(locale: Locale): Translate {
  return (key, values) => format(locale, key, values) ?? format(DEFAULT_LOCALE, key, values) ?? key;
}

const languageNames = new Map<Locale, Intl.DisplayNames>();
const regionNames = new Map<Locale, Intl.DisplayNames>();

/** The name of an ISO 639-1 language in the reader's locale, from the runtime's own CLDR data. */
export function languageName(locale: Locale, code: string): string {
  let names = languageNames.get(locale);
  if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
  return names.of(code) ?? code;
}

export function countryName(locale: Locale, code: string): string {
  let names = regionNames.get(locale);
  if (!names) regionNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'region' })));
  return names.of(code) ?? code;
}

export function formatDate(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(isoDate));
}

export function formatList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
