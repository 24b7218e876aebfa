import type { Locale } from '../../../platform/i18n/index.ts';
import type { Localized } from '../schema.ts';

/** A flow's text in the reader's locale, or in English when the flow has none (marked so). */
export function pick(text: Localized, locale: Locale): { text: string; lang: Locale; fallback: boolean } {
  const own = text[locale];
  return own !== undefined ? { text: own, lang: locale, fallback: false } : { text: text.en ?? '', lang: 'en', fallback: true };
}

/** Flow text for a view: English fallbacks carry their own lang and dir. */
export function T({ text, locale }: { text: Localized; locale: Locale }) {
  const p = pick(text, locale);
  return p.fallback ? <span lang="en" dir="ltr">{p.text}</span> : <>{p.text}</>;
}
