// /{locale}/countries: every country in the data's latest year, by region. A row gives the core
// civil society index, the spaces that changed significantly that year, the highest stored chance of
// a closing and the laws the tracker follows; the country's name leads to its page.
import { formatList } from '../../../platform/i18n/index.ts';
import { REGION_CODES, SPACES, type CountryList, type CountryListItem, type IndexName } from '../service.ts';
import { percent } from './forecast.tsx';
import { Attribution, countryLabel, FiguresTable, formatScore, spaceName, yearLabel, type Base } from './parts.tsx';

const spaceOf = (index: IndexName) => SPACES.find((s) => s.index === index)!.space;

function Changes(p: Base & { item: CountryListItem }) {
  const { t, locale, item } = p;
  const names = (list: IndexName[]) =>
    formatList(
      locale,
      list.map((i) => spaceName(t, spaceOf(i))),
    );
  if (item.opened.length + item.closed.length === 0) return <span class="muted">{t('countries.list.noChange')}</span>;
  return (
    <>
      {item.closed.length > 0 && <span>{t('countries.list.closed', { spaces: names(item.closed) })}</span>}
      {item.closed.length > 0 && item.opened.length > 0 && ' '}
      {item.opened.length > 0 && <span>{t('countries.list.opened', { spaces: names(item.opened) })}</span>}
    </>
  );
}

function RegionTable(p: Base & { caption: string; items: [CountryListItem, string][]; forecasts: boolean }) {
  const { t, locale } = p;
  return (
    <FiguresTable
      caption={p.caption}
      head={
        <tr>
          <th scope="col">{t('countries.forecast.country')}</th>
          <th scope="col">{spaceName(t, 'associational')}</th>
          <th scope="col">{t('countries.list.changes')}</th>
          {p.forecasts && <th scope="col">{t('countries.list.closing')}</th>}
          <th scope="col">{t('countries.list.laws')}</th>
        </tr>
      }
    >
      {p.items.map(([item, name]) => (
        <tr>
          <th scope="row">
            <a href={`/${locale}/countries/${item.iso2}`}>{name}</a>
          </th>
          <td>{item.civilSociety === null ? t('countries.noData') : formatScore(locale, item.civilSociety)}</td>
          <td>
            <Changes locale={locale} t={t} item={item} />
          </td>
          {p.forecasts && (
            <td>
              {item.closing
                ? t('countries.list.closingCell', {
                    p: percent(locale, item.closing.probability),
                    space: spaceName(t, spaceOf(item.closing.index)),
                  })
                : '–'}
            </td>
          )}
          <td>{item.laws > 0 ? <a href={`/${locale}/legislation?country=${item.iso2}`}>{item.laws}</a> : 0}</td>
        </tr>
      ))}
    </FiguresTable>
  );
}

export function CountryListPage(p: Base & { list: CountryList }) {
  const { t, locale, list } = p;
  const collator = new Intl.Collator(locale);
  const named = list.countries
    .map((item): [CountryListItem, string] => [item, countryLabel(t, locale, item.iso2)])
    .sort((a, b) => collator.compare(a[1], b[1]));
  const year = list.countries[0]?.year;
  const regions = [...REGION_CODES, null].map((code) => ({
    code,
    items: named.filter(([item]) => item.region === code),
  }));
  return (
    <>
      <h1>{t('countries.list.title')}</h1>
      {!list.loaded || year === undefined ? (
        <p class="notice">{t('countries.notLoaded')}</p>
      ) : (
        <>
          <p>
            {t('countries.list.intro', { year: yearLabel(locale, year) })} {t('countries.indicatorsIntro')}
          </p>
          {list.forecastFrom !== null && (
            <p class="muted">
              {t('countries.list.forecastNote', {
                from: yearLabel(locale, list.forecastFrom + 1),
                to: yearLabel(locale, list.forecastFrom + 2),
              })}{' '}
              {t('countries.forecast.estimate')}
            </p>
          )}
          <ul class="inline-list">
            <li>
              <a href={`/${locale}/countries/compare`}>{t('countries.compare.title')}</a>
            </li>
            <li>
              <a href={`/${locale}/legislation`}>{t('countries.list.legislation')}</a>
            </li>
          </ul>
          <nav aria-label={t('countries.list.regions')}>
            <ul class="inline-list">
              {regions
                .filter((r) => r.items.length > 0)
                .map((r) => (
                  <li>
                    <a href={`#region-${r.code ?? 0}`}>{t(`countries.list.region.${r.code ?? 0}`)}</a>
                  </li>
                ))}
            </ul>
          </nav>
          {regions
            .filter((r) => r.items.length > 0)
            .map((r) => (
              <section aria-labelledby={`region-${r.code ?? 0}`}>
                <h2 id={`region-${r.code ?? 0}`}>{t(`countries.list.region.${r.code ?? 0}`)}</h2>
                <RegionTable
                  locale={locale}
                  t={t}
                  caption={t('countries.list.caption', {
                    region: t(`countries.list.region.${r.code ?? 0}`),
                    year: yearLabel(locale, year),
                  })}
                  items={r.items}
                  forecasts={list.forecastFrom !== null}
                />
              </section>
            ))}
          <Attribution t={t} />
        </>
      )}
    </>
  );
}
