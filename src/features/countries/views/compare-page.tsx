// /{locale}/countries/compare?c=BY&c=GE: two to four countries side by side: the latest values and
// their change in one table, the forecasts a row per country, the tracked laws a row each, then a chart per space with a line per country. The choice is a plain
// GET form, so it works without JavaScript.
import type { Problems } from '../../../platform/errors.ts';
import { formatList, formatPartialDate } from '../../../platform/i18n/index.ts';
import type { ChartSeries } from '../../../ui/charts.tsx';
import { MAX_COMPARED } from '../input.ts';
import type { CountryForecast } from '../forecast-service.ts';
import { SPACES, type ComparedCountry } from '../service.ts';
import { ChangeText } from './country-page.tsx';
import { ForecastRows } from './forecast.tsx';
import {
  Attribution,
  countryLabel,
  FiguresTable,
  formatScore,
  spaceName,
  SpaceChart,
  yearLabel,
  type Base,
} from './parts.tsx';

function ChooseForm(p: Base & { choices: [string, string][]; chosen: string[]; problems?: Problems }) {
  const { t, locale } = p;
  const problem = p.problems?.c;
  return (
    <form method="get" action={`/${locale}/countries/compare`} class="compare-form">
      <p id="compare-hint">{t('countries.compare.intro')}</p>
      {problem && (
        <p class="error" role="alert">
          {t(problem.key, problem.values)}
        </p>
      )}
      {Array.from({ length: MAX_COMPARED }, (_, i) => (
        <p>
          <label for={`compare-c${i}`}>{t('countries.compare.country', { n: i + 1 })}</label>{' '}
          <select id={`compare-c${i}`} name="c" aria-describedby="compare-hint">
            <option value="">{t('countries.compare.none')}</option>
            {p.choices.map(([code, name]) => (
              <option value={code} selected={p.chosen[i] === code}>
                {name}
              </option>
            ))}
          </select>
        </p>
      ))}
      <p>
        <button type="submit">{t('countries.compare.submit')}</button>
      </p>
    </form>
  );
}

function LatestSideBySide(p: Base & { countries: ComparedCountry[]; names: string[] }) {
  const { t, locale, countries, names } = p;
  return (
    <FiguresTable
      caption={t('countries.compare.latestTable')}
      head={
        <tr>
          <th scope="col">{t('countries.compare.space')}</th>
          {countries.map((c, i) => (
            <th scope="col">
              <a href={`/${locale}/countries/${c.iso2}`}>{names[i]}</a>
              {c.latest && (
                <>
                  <br />
                  {yearLabel(locale, c.latest.year)}
                </>
              )}
            </th>
          ))}
        </tr>
      }
    >
      {SPACES.map(({ index, space }) => (
        <tr>
          <th scope="row">{spaceName(t, space)}</th>
          {countries.map((c) => {
            const v = c.latest?.values[index];
            if (!v || v.value === null) return <td>{t('countries.noData')}</td>;
            return (
              <td>
                {formatScore(locale, v.value)}
                <br />
                <ChangeText {...p} change={v.change} significant={v.significant} />
              </td>
            );
          })}
        </tr>
      ))}
    </FiguresTable>
  );
}

/** The tracker's laws and bills, a row each, grouped by country; a country without any says so. */
function LegislationSideBySide(p: Base & { countries: ComparedCountry[]; names: string[] }) {
  const { t, locale, countries, names } = p;
  return (
    <FiguresTable
      caption={t('countries.compare.legislationTable')}
      head={
        <tr>
          <th scope="col">{t('legislation.country')}</th>
          <th scope="col">{t('countries.compare.law')}</th>
          <th scope="col">{t('legislation.filter.kind')}</th>
          <th scope="col">{t('legislation.stage')}</th>
        </tr>
      }
    >
      {countries.map((c, i) =>
        c.legislation.length === 0 ? (
          <tr>
            <th scope="row">{names[i]}</th>
            <td colspan={3}>{t('countries.noLegislation', { country: names[i]! })}</td>
          </tr>
        ) : (
          c.legislation.map((e) => {
            const changed = e.history[e.history.length - 1]!.date;
            return (
              <tr>
                <th scope="row">{names[i]}</th>
                <td>
                  <a href={`/${locale}/legislation/${e.id}`} lang="en">
                    {e.title.en}
                  </a>
                </td>
                <td>{t(`legislation.kind.${e.kind}`)}</td>
                <td>
                  {t(`legislation.stage.${e.stage}`)} (
                  <time datetime={changed}>{formatPartialDate(locale, changed)}</time>)
                </td>
              </tr>
            );
          })
        ),
      )}
    </FiguresTable>
  );
}

export function ComparePage(
  p: Base & {
    choices: [string, string][];
    chosen: string[];
    problems?: Problems;
    loaded: boolean;
    countries: ComparedCountry[];
    forecasts: (CountryForecast | null)[];
  },
) {
  const { t, locale, countries } = p;
  const names = countries.map((c) => countryLabel(t, locale, c.iso2));
  const years = [...new Set(countries.flatMap((c) => c.indicators?.years.map((y) => y.year) ?? []))].sort(
    (a, b) => a - b,
  );
  const title = formatList(locale, names);
  return (
    <>
      <h1>{t('countries.compare.title')}</h1>
      <ChooseForm {...p} />
      {countries.length > 0 && !p.loaded && <p class="notice">{t('countries.notLoaded')}</p>}
      {countries.length > 0 && p.loaded && (
        <>
          <h2>{title}</h2>
          <LatestSideBySide {...p} names={names} />
          <h3>{t('countries.forecast.title')}</h3>
          <ForecastRows
            {...p}
            names={names}
            countries={countries.map((c, i) => ({ iso2: c.iso2, forecast: p.forecasts[i] ?? null }))}
          />
          <h3>{t('legislation.title')}</h3>
          <LegislationSideBySide {...p} names={names} />
          {years.length > 0 &&
            SPACES.map(({ index, space }) => {
              const series: ChartSeries[] = countries.map((c, i) => {
                const byYear = new Map(c.indicators?.years.map((y) => [y.year, y[index]]) ?? []);
                return { label: names[i]!, values: years.map((y) => byYear.get(y) ?? null) };
              });
              const sp = spaceName(t, space);
              const chartTitle = t('countries.compare.chartTitle', { space: sp, countries: title });
              return (
                <SpaceChart
                  {...p}
                  id={`compare-${space}`}
                  index={index}
                  space={space}
                  title={chartTitle}
                  description={chartTitle}
                  caption={chartTitle}
                  years={years}
                  series={series}
                />
              );
            })}
          <Attribution t={t} />
        </>
      )}
    </>
  );
}
