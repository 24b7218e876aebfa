// The forecast on the country page (issue 15, §3): for each space the two-year chance of a significant
// opening and of a closing beside the base rate, the factors that moved each estimate most in plain
// words, the model's backtest scores, and what such an estimate is and is not. Also the one-row-per-
// country summary of the comparison page. Without stored forecasts both say so.
import { formatDate, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import type { CountryForecast, Factor, SpaceForecast } from '../forecast-service.ts';
import { SPACES, type IndexName } from '../service.ts';
import { FiguresTable, spaceName, yearLabel, type Base } from './parts.tsx';

/** DemSpaces' published test scores (version 14), the yardstick the backtest is read against. */
const DEMSPACES = { upRoc: 0.883, upPr: 0.55, downRoc: 0.89, downPr: 0.602 };

const spaceOf = (index: string) => SPACES.find((s) => s.index === index)?.space;

export const percent = (locale: Locale, p: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: 2 }).format(p);

const decimal = (locale: Locale, v: number, digits = 2) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits, useGrouping: false }).format(v);

/** A feature name (`<index>.<feature>`, or a country-wide one) in the reader's words. */
export function factorLabel(t: Translate, feature: string): string {
  const dot = feature.indexOf('.');
  const [index, name] = dot < 0 ? [null, feature] : [feature.slice(0, dot), feature.slice(dot + 1)];
  const key = `countries.forecast.factor.${name}`;
  const words = t(key);
  // A feature the model gained after the catalogs were written: named as it is, marked as such.
  if (words === key) return t('countries.forecast.factor.other', { name: feature });
  const space = index === null ? undefined : spaceOf(index);
  return space ? t('countries.forecast.factorOf', { space: spaceName(t, space), factor: words }) : words;
}

function Reasons(p: Base & { forecast: SpaceForecast }) {
  const { t, locale, forecast } = p;
  if (forecast.factors.length === 0) return <p>{t('countries.forecast.noFactors')}</p>;
  return (
    <ul>
      {forecast.factors.map((f: Factor) => (
        <li>
          {factorLabel(t, f.feature)} (<bdi>{decimal(locale, f.value)}</bdi>):{' '}
          {t(f.effect > 0 ? 'countries.forecast.raised' : 'countries.forecast.lowered')}
        </li>
      ))}
    </ul>
  );
}

function Scores(p: Base & { forecast: CountryForecast }) {
  const { t, locale } = p;
  const [up, down] = [
    p.forecast.scores?.find((s) => s.direction === 'up'),
    p.forecast.scores?.find((s) => s.direction === 'down'),
  ];
  const f = (v: number) => decimal(locale, v, 3);
  return (
    <>
      <p>
        {up && down
          ? t('countries.forecast.scores', {
              upRoc: f(up.rocAuc),
              upPr: f(up.prAuc),
              downRoc: f(down.rocAuc),
              downPr: f(down.prAuc),
            })
          : t('countries.forecast.noScores')}
      </p>
      <p>
        {t('countries.forecast.yardstick', {
          upRoc: f(DEMSPACES.upRoc),
          upPr: f(DEMSPACES.upPr),
          downRoc: f(DEMSPACES.downRoc),
          downPr: f(DEMSPACES.downPr),
        })}
      </p>
    </>
  );
}

export function ForecastSection(p: Base & { forecast: CountryForecast | null; country: string }) {
  const { t, locale, forecast } = p;
  if (!forecast) return <p class="notice">{t('countries.forecast.none')}</p>;
  if (forecast.spaces.length === 0)
    return (
      <p>{t('countries.forecast.notCovered', { country: p.country, year: yearLabel(locale, forecast.fromYear) })}</p>
    );
  const years = { from: yearLabel(locale, forecast.fromYear + 1), to: yearLabel(locale, forecast.fromYear + 2) };
  return (
    <>
      <p class="notice">
        <strong>{t('countries.forecast.estimate')}</strong>{' '}
        {t('countries.forecast.intro', { year: yearLabel(locale, forecast.fromYear), ...years })}
      </p>
      <FiguresTable
        caption={t('countries.forecast.caption', { country: p.country, ...years })}
        head={
          <tr>
            <th scope="col">{t('countries.compare.space')}</th>
            <th scope="col">{t('countries.forecast.opening')}</th>
            <th scope="col">{t('countries.forecast.closing')}</th>
          </tr>
        }
      >
        {forecast.spaces.map(({ index, up, down }) => (
          <tr>
            <th scope="row">{spaceName(t, spaceOf(index)!)}</th>
            {[up, down].map((s) => (
              <td>
                <strong>{percent(locale, s.probability)}</strong>
                <br />
                {t('countries.forecast.baseRate', { rate: percent(locale, s.baseRate) })}
              </td>
            ))}
          </tr>
        ))}
      </FiguresTable>
      <h3>{t('countries.forecast.why')}</h3>
      {forecast.spaces.map(({ index, up, down }) => (
        <details class="forecast-reasons">
          <summary>{spaceName(t, spaceOf(index)!)}</summary>
          <h4>{t('countries.forecast.openingIs', { p: percent(locale, up.probability) })}</h4>
          <Reasons {...p} forecast={up} />
          <h4>{t('countries.forecast.closingIs', { p: percent(locale, down.probability) })}</h4>
          <Reasons {...p} forecast={down} />
        </details>
      ))}
      <h3>{t('countries.forecast.howGood')}</h3>
      <Scores {...p} forecast={forecast} />
      <p>{t('countries.forecast.notDestiny')}</p>
      <p class="muted">
        {t('countries.forecast.made', {
          date: formatDate(locale, new Date(forecast.madeAt)),
          version: forecast.modelVersion,
        })}
      </p>
    </>
  );
}

/** The comparison's forecast rows: a row per country, opening and closing per space. */
export function ForecastRows(
  p: Base & { countries: { iso2: string; forecast: CountryForecast | null }[]; names: string[] },
) {
  const { t, locale } = p;
  const first = p.countries.find((c) => c.forecast)?.forecast;
  if (!first) return <p class="notice">{t('countries.forecast.none')}</p>;
  const cell = (f: CountryForecast | null, index: IndexName) => {
    const s = f?.spaces.find((x) => x.index === index);
    if (!s) return <td>{t('countries.noData')}</td>;
    return (
      <td>
        {t('countries.forecast.cell', {
          up: percent(locale, s.up.probability),
          down: percent(locale, s.down.probability),
        })}
      </td>
    );
  };
  return (
    <>
      <FiguresTable
        caption={t('countries.forecast.compareCaption', {
          from: yearLabel(locale, first.fromYear + 1),
          to: yearLabel(locale, first.fromYear + 2),
        })}
        head={
          <tr>
            <th scope="col">{t('countries.forecast.country')}</th>
            {SPACES.map(({ space }) => (
              <th scope="col">{spaceName(t, space)}</th>
            ))}
          </tr>
        }
      >
        {p.countries.map((c, i) => (
          <tr>
            <th scope="row">
              <a href={`/${locale}/countries/${c.iso2}#forecast`}>{p.names[i]}</a>
            </th>
            {SPACES.map(({ index }) => cell(c.forecast, index))}
          </tr>
        ))}
      </FiguresTable>
      <p class="muted">{t('countries.forecast.compareNote')}</p>
    </>
  );
}
