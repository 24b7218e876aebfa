// The public side of the monitor: the world map with a table of the same counts, a country's timeline,
// and one published event. Only published copies (monitor_public) reach these pages; they never name
// who published them.
import { raw } from 'hono/html';
import { countryName, formatDate, sortCountries, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { worldMapLegend, worldMapSvg, type MapStep } from '../../../ui/world-map.ts';
import type { PublicEvent } from '../model.ts';
import { labelOf, type Vocabulary } from '../vocabulary.ts';
import { DateRange } from '../views/parts.tsx';

interface Base {
  locale: Locale;
  t: Translate;
  vocabulary: Vocabulary;
}

function MapFigure(p: Base & { counts: Map<string, number>; highlight?: string }) {
  const { t, locale } = p;
  const svg = worldMapSvg(p.counts, {
    title: t('monitor.public.mapTitle'),
    describe: (iso, count) => `${countryName(locale, iso)}: ${t('monitor.search.count', { count })}`,
    href: (iso) => `/${locale}/monitor/countries/${iso}`,
    ...(p.highlight ? { highlight: p.highlight } : {}),
  });
  const step = (s: MapStep) =>
    s.max === s.min
      ? String(s.min)
      : s.max === undefined
        ? t('worldMap.stepFrom', { min: s.min })
        : t('worldMap.stepRange', { min: s.min, max: s.max });
  return (
    <figure class="world-map-figure">
      {raw(svg)}
      <figcaption>{raw(worldMapLegend({ noData: t('worldMap.noData'), step }))}</figcaption>
    </figure>
  );
}

export function PublicIndexPage(p: Base & { counts: Map<string, number> }) {
  const { t, locale } = p;
  const rows = sortCountries(locale, [...p.counts.keys()]);
  return (
    <>
      <h1>{t('monitor.public.title')}</h1>
      <p>{t('monitor.public.intro')}</p>
      <MapFigure {...p} />
      <table class="figures">
        <caption>{t('monitor.public.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitor.country')}</th>
            <th scope="col">{t('monitor.public.events')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((iso) => (
            <tr>
              <th scope="row">
                <a href={`/${locale}/monitor/countries/${iso}`}>{countryName(locale, iso)}</a>
              </th>
              <td>{p.counts.get(iso)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p>{t('monitor.public.none')}</p>}
    </>
  );
}

function EventSummary(p: Base & { e: PublicEvent; heading: 'h2' | 'h1' }) {
  const { e, t, locale, vocabulary } = p;
  const H = p.heading;
  const title =
    e.title ??
    (e.acts.map((a) => labelOf(vocabulary, 'violations', a.type, locale)).join(', ') || t('monitor.public.untitled'));
  return (
    <>
      <H>{p.heading === 'h2' ? <a href={`/${locale}/monitor/events/${e.id}`}>{title}</a> : title}</H>
      <p class="meta">
        <DateRange start={e.start} end={e.end} locale={locale} /> · {countryName(locale, e.country)}
        {e.region ? `, ${e.region}` : ''}
        {e.verification ? ` · ${labelOf(vocabulary, 'verification', e.verification, locale)}` : ''}
      </p>
    </>
  );
}

export function PublicCountryPage(p: Base & { country: string; events: PublicEvent[]; counts: Map<string, number> }) {
  const { t, locale } = p;
  const name = countryName(locale, p.country);
  return (
    <>
      <p>
        <a href={`/${locale}/monitor`}>{t('monitor.public.title')}</a>
      </p>
      <h1>{t('monitor.public.countryTitle', { country: name })}</h1>
      <p>
        {t('monitor.search.count', { count: p.events.length })} ·{' '}
        <a href={`/${locale}/monitor/feeds/country/${p.country}.atom`}>{t('monitor.public.feed')}</a> ·{' '}
        <a href={`/${locale}/countries/${p.country}`}>{t('monitor.public.countryPage', { country: name })}</a>
      </p>
      <MapFigure {...p} highlight={p.country} />
      <ol class="timeline">
        {p.events.map((e) => (
          <li>
            <EventSummary {...p} e={e} heading="h2" />
          </li>
        ))}
      </ol>
    </>
  );
}

export function PublicEventPage(p: Base & { e: PublicEvent }) {
  const { e, t, locale, vocabulary } = p;
  const label = (kind: Parameters<typeof labelOf>[1], id: string) => labelOf(vocabulary, kind, id, locale);
  return (
    <>
      <p>
        <a href={`/${locale}/monitor/countries/${e.country}`}>{countryName(locale, e.country)}</a>
      </p>
      <EventSummary {...p} heading="h1" />
      {e.description && <p class="description">{e.description}</p>}
      {e.acts.length > 0 && (
        <ul>
          {e.acts.map((a) => (
            <li>
              {label('violations', a.type)} ({label('modes', a.mode)}; {label('rights', a.right)})
            </li>
          ))}
        </ul>
      )}
      <dl class="facts">
        {e.perpetrators.length > 0 && (
          <>
            <dt>{t('monitor.field.perpetrators')}</dt>
            <dd>{e.perpetrators.map((x) => label('perpetrators', x)).join(', ')}</dd>
          </>
        )}
        {e.sourceCount !== null && (
          <>
            <dt>{t('monitor.field.sources')}</dt>
            <dd>{e.sourceCount}</dd>
          </>
        )}
        <dt>{t('monitor.public.publishedOn')}</dt>
        <dd>{formatDate(locale, e.publishedAt)}</dd>
      </dl>
    </>
  );
}
