import { pick, type Localized } from '../../platform/i18n/localized.ts';
import type { Locale } from '../../platform/i18n/locales.ts';

/** Curated text for a view: an English fallback carries its own lang and dir. */
export function T({ text, locale }: { text: Localized; locale: Locale }) {
  const p = pick(text, locale);
  return p.fallback ? <span lang="en" dir="ltr">{p.text}</span> : <>{p.text}</>;
}
