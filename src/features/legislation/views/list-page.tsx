// /{locale}/legislation: every tracked law and bill, newest change first, filtered by country and kind
// with a plain GET form (no JavaScript needed).
import { countryName } from '../../../platform/i18n/index.ts';
import { LEGISLATION_KINDS, type Legislation } from '../service.ts';
import { EntryItem, kindLabel, type Base } from './parts.tsx';

export function LegislationListPage(
  p: Base & { entries: Legislation[]; countries: string[]; country: string; kind: string },
) {
  const { t, locale } = p;
  const collator = new Intl.Collator(locale);
  const countries = p.countries
    .map((code): [string, string] => [code, countryName(locale, code)])
    .sort((a, b) => collator.compare(a[1], b[1]));
  return (
    <>
      <h1>{t('legislation.title')}</h1>
      <p>{t('legislation.intro')}</p>
      <form method="get" action={`/${locale}/legislation`} class="filters">
        <label>
          {t('legislation.filter.country')}{' '}
          <select name="country">
            <option value="">{t('legislation.filter.any')}</option>
            {countries.map(([code, name]) => (
              <option value={code} selected={code === p.country}>
                {name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('legislation.filter.kind')}{' '}
          <select name="kind">
            <option value="">{t('legislation.filter.any')}</option>
            {LEGISLATION_KINDS.map((k) => (
              <option value={k} selected={k === p.kind}>
                {kindLabel(t, k)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="submit">{t('legislation.filter.apply')}</button>
      </form>
      {p.entries.length === 0 ? (
        <p>{t('legislation.none')}</p>
      ) : (
        <ul class="legislation">
          {p.entries.map((entry) => (
            <EntryItem {...p} entry={entry} />
          ))}
        </ul>
      )}
    </>
  );
}
