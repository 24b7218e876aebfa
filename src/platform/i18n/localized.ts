// Curated text in several languages ({ en: "...", es: "..." }), as data files hold it, and how a page
// picks the reader's language from it: English when the text has none (and the page marks it so).
import { z } from 'zod';
import { LOCALES, type Locale } from './locales.ts';

export const localizedSchema = z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(1200));
export type Localized = z.infer<typeof localizedSchema>;

export function pick(text: Localized, locale: Locale): { text: string; lang: Locale; fallback: boolean } {
  const own = text[locale];
  return own !== undefined
    ? { text: own, lang: locale, fallback: false }
    : { text: text.en ?? '', lang: 'en', fallback: true };
}
