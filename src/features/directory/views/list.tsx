import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { filtersToQuery } from '../input.ts';
import type { Filters, Group, SearchResult } from '../search.ts';
import { MechanismCard } from './card.tsx';
import { activeFilters, groupLabel, withoutGroup } from './filter-labels.ts';
import { FilterPanel } from './filters.tsx';

interface Props {
  filters: Filters;
  result: SearchResult & { languages: string[] };
  pageNumber: number;
  ignored: string[];
  pageSize: number;
  locale: Locale;
  t: Translate;
}

export function SupportList({ filters, result, pageNumber, ignored, pageSize, locale, t }: Props) {
  const base = `/${locale}/support`;
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const active = activeFilters(filters, locale, t);
  return (
    <>
      <h1>{t('support.title')}</h1>
      <p class="lead">{t('support.lead')}</p>
      {ignored.length > 0 && (
        <p class="notice" role="status">
          {t('support.ignored')}
        </p>
      )}
      <form method="get" action={base} role="search">
        <div class="search-row">
          <div class="field">
            <label for="q">{t('support.search.label')}</label>
            <input
              type="search"
              id="q"
              name="q"
              value={filters.q}
              placeholder={t('support.search.placeholder')}
              maxlength={200}
            />
          </div>
          <button class="button" type="submit">
            {t('support.search.submit')}
          </button>
        </div>
        <div class="finder">
          <FilterPanel filters={filters} facets={result.facets} languages={result.languages} locale={locale} t={t} />
          <section aria-labelledby="results-heading">
            <h2 id="results-heading">{t('support.count', { count: result.total })}</h2>
            {active.length > 0 && (
              <>
                <ul class="chips" aria-label={t('support.active')}>
                  {active.map((f) => (
                    <li>
                      <a href={base + filtersToQuery(f.without)} aria-label={t('support.remove', { label: f.label })}>
                        {f.label}
                      </a>
                    </li>
                  ))}
                </ul>
                <p>
                  <a href={base}>{t('support.clear')}</a>
                </p>
              </>
            )}
            {result.total === 0 ? (
              <EmptyState filters={filters} hints={result.hints} base={base} locale={locale} t={t} />
            ) : (
              <ul class="results">
                {result.items.map((m) => (
                  <MechanismCard m={m} locale={locale} t={t} />
                ))}
              </ul>
            )}
            {pages > 1 && (
              <nav class="pager" aria-label={t('support.pages')}>
                {pageNumber > 1 && (
                  <a href={base + filtersToQuery(filters, { page: String(pageNumber - 1) })} rel="prev">
                    {t('support.prev')}
                  </a>
                )}
                <span>{t('support.page', { page: pageNumber, pages })}</span>
                {pageNumber < pages && (
                  <a href={base + filtersToQuery(filters, { page: String(pageNumber + 1) })} rel="next">
                    {t('support.next')}
                  </a>
                )}
              </nav>
            )}
            <p>
              <a href={`/${locale}/support/suggest`}>{t('support.suggestLink')}</a>
            </p>
          </section>
        </div>
      </form>
    </>
  );
}

function EmptyState(props: {
  filters: Filters;
  hints: { group: Group | 'q'; count: number }[];
  base: string;
  locale: Locale;
  t: Translate;
}) {
  const { filters, hints, base, locale, t } = props;
  return (
    <div class="empty" id="empty">
      <p>
        <strong>{t('support.empty.title')}</strong>
      </p>
      <ul>
        {hints.map((hint) => (
          <li>
            <a href={base + filtersToQuery(withoutGroup(filters, hint.group))}>
              {t('support.empty.drop', { label: groupLabel(filters, hint.group, locale, t), count: hint.count })}
            </a>
          </li>
        ))}
        {filters.q.trim() !== '' && <li>{t('support.empty.query')}</li>}
      </ul>
      <p>
        <a href={`/${locale}/support/suggest`}>{t('support.empty.suggest')}</a>
      </p>
    </div>
  );
}
