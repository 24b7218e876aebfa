// Pieces shared by the legislation pages: labels, the summary in the reader's language (or English,
// marked as such), and one entry as a list item.
import { countryName, formatPartialDate, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { lastChanged, summaryLanguages, type Legislation } from '../service.ts';

export interface Base {
  locale: Locale;
  t: Translate;
}

export const stageLabel = (t: Translate, stage: string) => t(`legislation.stage.${stage}`);
export const kindLabel = (t: Translate, kind: string) => t(`legislation.kind.${kind}`);
export const effectLabel = (t: Translate, effect: string) => t(`legislation.effect.${effect}`);

/** The summary in the reader's language when written, else English marked lang="en". */
export function Summary(p: Base & { entry: Legislation }) {
  const own = p.entry.summary[p.locale];
  if (own) return <p>{own}</p>;
  return (
    <p lang="en" dir="ltr">
      {p.entry.summary.en}
    </p>
  );
}

/** Which languages the summary is written in, named in the reader's language. */
export function Coverage(p: Base & { entry: Legislation }) {
  const names = new Intl.DisplayNames([p.locale], { type: 'language' });
  const langs = summaryLanguages(p.entry).map((l) => names.of(l) ?? l);
  return <p class="muted">{p.t('legislation.coverage', { languages: new Intl.ListFormat(p.locale).format(langs) })}</p>;
}

export function EntryItem(p: Base & { entry: Legislation; withCountry?: boolean }) {
  const { t, locale, entry } = p;
  return (
    <li>
      <a href={`/${locale}/legislation/${entry.id}`} lang="en">
        {entry.title.en}
      </a>{' '}
      <span lang={entry.title.lang}>({entry.title.original})</span>
      <br />
      {p.withCountry !== false && <>{countryName(locale, entry.country)} · </>}
      {kindLabel(t, entry.kind)} · {effectLabel(t, entry.effect)} · <strong>{stageLabel(t, entry.stage)}</strong>{' '}
      <time datetime={lastChanged(entry)}>{formatPartialDate(locale, lastChanged(entry))}</time>
    </li>
  );
}
