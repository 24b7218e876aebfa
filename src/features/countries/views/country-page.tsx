// /{locale}/countries/{iso}: a country's six democratic spaces over time beside its region's median,
// its latest values and significant changes, the monitor's published events and the support that
// serves it, and the forecast of opening and closing (views/forecast.tsx). Without imported V-Dem data the page says so and shows the rest.
import { formatPartialDate, type Translate } from '../../../platform/i18n/index.ts';
import type { ChartSeries } from '../../../ui/charts.tsx';
import { LegislationSection } from './legislation.tsx';
import type { CountryForecast } from '../forecast-service.ts';
import { SPACES, type CountryProfile, type LatestValues, type SignificantChange } from '../service.ts';
import {
  Attribution,
  countryLabel,
  FiguresTable,
  formatChange,
  formatScore,
  spaceName,
  SpaceChart,
  yearLabel,
  type Base,
} from './parts.tsx';
import { ForecastSection } from './forecast.tsx';

export const regionName = (t: Translate, region: number) => t(`countries.region.${region}`);

export function LatestTable(p: Base & { latest: LatestValues; caption: string }) {
  const { t, locale, latest } = p;
  return (
    <FiguresTable
      caption={p.caption}
      head={
        <tr>
          <th scope="col">{t('countries.compare.space')}</th>
          <th scope="col">{t('countries.value')}</th>
          <th scope="col">{t('countries.changeFrom', { year: yearLabel(locale, latest.year - 1) })}</th>
        </tr>
      }
    >
      {SPACES.map(({ index, space }) => {
        const v = latest.values[index];
        return (
          <tr>
            <th scope="row">{spaceName(t, space)}</th>
            <td>{v.value === null ? t('countries.noData') : formatScore(locale, v.value)}</td>
            <td>
              <ChangeText {...p} change={v.change} significant={v.significant} />
            </td>
          </tr>
        );
      })}
    </FiguresTable>
  );
}

export function ChangeText(p: Base & { change: number | null; significant: 'up' | 'down' | null }) {
  if (p.change === null) return <>{p.t('countries.noData')}</>;
  return (
    <>
      {/* Isolated so a signed number keeps its sign in front in a right-to-left page. */}
      <bdi>{formatChange(p.locale, p.change)}</bdi>
      {p.significant && <strong> ({p.t(`countries.significant.${p.significant}`)})</strong>}
    </>
  );
}

function ChangeList(p: Base & { changes: SignificantChange[] }) {
  const { t, locale } = p;
  if (p.changes.length === 0) return <p>{t('countries.noChanges')}</p>;
  return (
    <ul class="changes">
      {p.changes.slice(0, 12).map((c) => {
        const space = SPACES.find((s) => s.index === c.index)!.space;
        return (
          <li>
            <strong>{yearLabel(locale, c.year)}</strong>{' '}
            {t(`countries.change.${c.direction}`, {
              space: spaceName(t, space),
              from: formatScore(locale, c.from),
              to: formatScore(locale, c.to),
            })}
          </li>
        );
      })}
    </ul>
  );
}

function Indicators(p: Base & { profile: CountryProfile; name: string }) {
  const { t, locale, profile, name } = p;
  const ind = profile.indicators;
  if (!profile.loaded) return <p class="notice">{t('countries.notLoaded')}</p>;
  if (!ind) return <p class="notice">{t('countries.notCovered', { country: name })}</p>;
  const years = ind.years.map((y) => y.year);
  const region = ind.region === null ? null : regionName(t, ind.region);
  const first = yearLabel(locale, years[0]!);
  const last = yearLabel(locale, years.at(-1)!);
  return (
    <>
      <p>
        {t('countries.indicatorsIntro')}
        {region && ` ${t('countries.medianIntro', { region })}`}
      </p>
      {profile.latest && <LatestTable {...p} latest={profile.latest} caption={t('countries.latest', { year: last })} />}
      <h2>{t('countries.changes')}</h2>
      <p class="muted">{t('countries.changesIntro')}</p>
      <ChangeList {...p} changes={profile.changes} />
      <h2>{t('countries.overTime', { from: first, to: last })}</h2>
      {SPACES.map(({ index, space }) => {
        const series: ChartSeries[] = [{ label: name, values: ind.years.map((y) => y[index]) }];
        if (region && profile.regionMedian)
          series.push({ label: t('countries.median', { region }), values: profile.regionMedian[index], dashed: true });
        const sp = spaceName(t, space);
        return (
          <SpaceChart
            {...p}
            id={`space-${space}`}
            index={index}
            space={space}
            title={t('countries.chartTitle', { space: sp, country: name, from: first, to: last })}
            description={region ? t('countries.chartMedian', { region }) : sp}
            caption={t('countries.chartTitle', { space: sp, country: name, from: first, to: last })}
            years={years}
            series={series}
          />
        );
      })}
      <Attribution t={t} />
    </>
  );
}

export function CountryPage(p: Base & { profile: CountryProfile; forecast: CountryForecast | null }) {
  const { t, locale, profile } = p;
  const name = countryLabel(t, locale, profile.iso2);
  const { events, support } = profile;
  return (
    <>
      <h1>{name}</h1>
      <p>
        <a href={`/${locale}/countries/compare?c=${profile.iso2}`}>{t('countries.compare.link')}</a>
      </p>
      <h2>{t('countries.indicators')}</h2>
      <Indicators {...p} name={name} />
      <h2 id="forecast">{t('countries.forecast.title')}</h2>
      <ForecastSection {...p} country={name} />
      <h2>{t('countries.events')}</h2>
      {events.length === 0 ? (
        <p>{t('countries.noEvents', { country: name })}</p>
      ) : (
        <ul>
          {events.map((e) => (
            <li>
              <a href={`/${locale}/monitor/events/${e.id}`}>{e.title ?? t('countries.untitledEvent')}</a> (
              {formatPartialDate(locale, e.start.date)})
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/${locale}/monitor/countries/${profile.iso2}`}>{t('countries.allEvents', { country: name })}</a>
      </p>
      <LegislationSection {...p} name={name} />
      <h2>{t('countries.support', { country: name })}</h2>
      {support.length === 0 ? (
        <p>{t('countries.noSupport')}</p>
      ) : (
        <ul>
          {support.slice(0, 15).map(({ mechanism, reach }) => (
            <li>
              <a href={`/${locale}/support/${mechanism.id}`}>{mechanism.name}</a> —{' '}
              {t(`countries.reach.${reach}`, { country: name })}
            </li>
          ))}
        </ul>
      )}
      {profile.directoryRegion && (
        <p>
          <a href={`/${locale}/support?region=${profile.directoryRegion}`}>{t('countries.moreSupport')}</a>
        </p>
      )}
    </>
  );
}
