// The organisation's events: a search form (words and facets, a GET form that works without
// JavaScript) and the events it finds, most recently recorded first.
import { countryName, sortCountries, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import { OrgTabs } from '../../../ui/components/org-tabs.tsx';
import type { MonitorEvent } from '../model.ts';
import type { EventFilters } from '../terms.ts';
import { labelOf, type Vocabulary, type VocabularyKind } from '../vocabulary.ts';
import { DateText, StateBadges } from './parts.tsx';

export interface MonitorBase {
  locale: Locale;
  t: Translate;
  /** /{locale}/orgs/{orgId} */
  base: string;
  vocabulary: Vocabulary;
}

function Facet(props: MonitorBase & { name: string; kind: VocabularyKind; chosen: string[]; label: string }) {
  const { vocabulary, locale, kind } = props;
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.t('monitor.any')}</option>
        {vocabulary[kind].map((e) => (
          <option value={e.id} selected={props.chosen.includes(e.id)}>
            {labelOf(vocabulary, kind, e.id, locale)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function MonitorListPage(
  props: MonitorBase & {
    filters: EventFilters;
    countries: string[];
    events: MonitorEvent[];
    total: number;
    more: boolean;
    offset: number;
    limit: number;
    canWrite: boolean;
    nextHref: string | null;
    prevHref: string | null;
    notice: string | null;
  },
) {
  const { t, locale, base, filters, vocabulary } = props;
  return (
    <>
      <h1>{t('monitor.title')}</h1>
      <OrgTabs base={base} t={t} here="monitor" />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p class="actions">
        {props.canWrite && (
          <a class="button" href={`${base}/monitor/events/new`}>
            {t('monitor.record')}
          </a>
        )}{' '}
        <a href={`${base}/monitor/intake`}>{t('monitor.intakeLink')}</a> ·{' '}
        <a href={`${base}/monitor/networks`}>{t('monitor.networksLink')}</a> ·{' '}
        <a href={`${base}/monitor/export`}>{t('monitor.exportLink')}</a> ·{' '}
        <a href={`${base}/monitor/report`}>{t('monitor.reportLink')}</a>
      </p>
      <form method="get" action={`${base}/monitor`} class="search" role="search">
        <div class="field">
          <label for="f-q">{t('monitor.search.words')}</label>
          <input id="f-q" name="q" type="search" value={filters.q} maxlength={200} />
        </div>
        <details
          open={Object.values(filters).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v) && v !== filters.q))}
        >
          <summary>{t('monitor.search.filters')}</summary>
          <div class="field">
            <label for="f-country">{t('monitor.country')}</label>
            <select id="f-country" name="country">
              <option value="">{t('monitor.any')}</option>
              {sortCountries(locale, props.countries).map((c) => (
                <option value={c} selected={filters.countries.includes(c)}>
                  {countryName(locale, c)}
                </option>
              ))}
            </select>
          </div>
          <Facet {...props} name="type" kind="violations" chosen={filters.types} label={t('monitor.type')} />
          <Facet {...props} name="right" kind="rights" chosen={filters.rights} label={t('monitor.right')} />
          <Facet
            {...props}
            name="perpetrator"
            kind="perpetrators"
            chosen={filters.perpetrators}
            label={t('monitor.perpetrator')}
          />
          <Facet
            {...props}
            name="verification"
            kind="verification"
            chosen={filters.verification}
            label={t('monitor.verification')}
          />
          <div class="field">
            <label for="f-publication">{t('monitor.publication')}</label>
            <select id="f-publication" name="publication">
              <option value="">{t('monitor.any')}</option>
              {(['private', 'network', 'public'] as const).map((p) => (
                <option value={p} selected={filters.publication.includes(p)}>
                  {t(`monitor.publication.${p}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-from">{t('monitor.search.from')}</label>
            <input id="f-from" name="from" type="month" value={filters.from ?? ''} placeholder="2024-01" />
          </div>
          <div class="field">
            <label for="f-to">{t('monitor.search.to')}</label>
            <input id="f-to" name="to" type="month" value={filters.to ?? ''} placeholder="2024-12" />
          </div>
        </details>
        <button type="submit" class="button">
          {t('monitor.search.go')}
        </button>
      </form>
      <h2 aria-live="polite">
        {props.more
          ? t('monitor.search.countMore', { count: props.total })
          : t('monitor.search.count', { count: props.total })}
      </h2>
      {props.events.length === 0 ? (
        <p>{t('monitor.search.none')}</p>
      ) : (
        <ol class="events" start={props.offset + 1}>
          {props.events.map((e) => (
            <li>
              <a href={`${base}/monitor/events/${e.id}`}>{e.title}</a>
              <p class="meta">
                <DateText d={e.start} locale={locale} /> · {countryName(locale, e.place.country)}
                {e.place.region ? `, ${e.place.region}` : ''} ·{' '}
                {e.acts.map((a) => labelOf(vocabulary, 'violations', a.type, locale)).join(', ')}
              </p>
              <StateBadges e={e} t={t} vocabulary={vocabulary} locale={locale} />
            </li>
          ))}
        </ol>
      )}
      <nav class="pager" aria-label={t('monitor.search.pages')}>
        {props.prevHref && <a href={props.prevHref}>{t('monitor.search.prev')}</a>}{' '}
        {props.nextHref && <a href={props.nextHref}>{t('monitor.search.next')}</a>}
      </nav>
    </>
  );
}
