import { pick, type Localized } from '../../platform/i18n/localized.ts';
import { direction, type Locale } from '../../platform/i18n/locales.ts';

/** Curated text for a view: an English fallback carries its own lang and dir. */
export function T({ text, locale }: { text: Localized; locale: Locale }) {
  const p = pick(text, locale);
  return p.fallback ? (
    <span lang="en" dir="ltr">
      {p.text}
    </span>
  ) : (
    <>{p.text}</>
  );
}

/** The lang and dir of an element holding curated text picked for `locale`. */
export function langOf(lang: Locale): { lang: Locale; dir: 'ltr' | 'rtl' } {
  return { lang, dir: direction(lang) };
}

/** A paragraph of curated text in the reader's language; in English, and marked so, when it has none. */
export function LocalizedP({ text, locale, class: cls }: { text: Localized; locale: Locale; class?: string }) {
  const p = pick(text, locale);
  return (
    <p class={cls} {...langOf(p.lang)}>
      {p.text}
    </p>
  );
}
