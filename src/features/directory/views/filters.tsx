import { formatNumber, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import type { Filters, SearchResult } from '../search.ts';
import { FACETS } from '../taxonomy.ts';

const LABEL_PREFIX = { kinds: 'kind', serves: 'serves', themes: 'theme', regions: 'region' } as const;

interface Props {
  filters: Filters;
  facets: SearchResult['facets'];
  languages: string[];
  locale: Locale;
  t: Translate;
}

function Option(props: {
  name: string;
  value: string;
  label: string;
  count: number;
  checked: boolean;
  locale: Locale;
}) {
  return (
    <label class="check">
      <input type="checkbox" name={props.name} value={props.value} checked={props.checked} />
      <span>
        {props.label} <span class="count">({formatNumber(props.locale, props.count)})</span>
      </span>
    </label>
  );
}

/** The facet checkboxes; part of the search form, so one "Apply" submits everything as a GET URL. */
export function FilterPanel({ filters, facets, languages, locale, t }: Props) {
  return (
    <div class="filters">
      <h2 class="visually-hidden">{t('support.filters')}</h2>
      {FACETS.map((facet) => {
        const selected = filters[facet.key] as string[];
        return (
          <details open={selected.length > 0}>
            <summary>{t(`facet.${facet.key}`)}</summary>
            <fieldset>
              <legend class="visually-hidden">{t(`facet.${facet.key}`)}</legend>
              {facet.values.map((value) => (
                <Option
                  name={facet.param}
                  value={value}
                  label={t(`${LABEL_PREFIX[facet.key]}.${value}`)}
                  count={facets[facet.key].get(value) ?? 0}
                  checked={selected.includes(value)}
                  locale={locale}
                />
              ))}
            </fieldset>
          </details>
        );
      })}
      <details open={filters.languages.length > 0}>
        <summary>{t('facet.languages')}</summary>
        <fieldset>
          <legend class="visually-hidden">{t('facet.languages')}</legend>
          {languages.map((code) => (
            <Option
              name="lang"
              value={code}
              label={languageName(locale, code)}
              count={facets.languages.get(code) ?? 0}
              checked={filters.languages.includes(code)}
              locale={locale}
            />
          ))}
        </fieldset>
      </details>
      <details open={filters.alwaysOn}>
        <summary>{t('facet.alwaysOn')}</summary>
        <fieldset>
          <legend class="visually-hidden">{t('facet.alwaysOn')}</legend>
          <Option
            name="alwaysOn"
            value="1"
            label={t('facet.alwaysOnOption')}
            count={facets.alwaysOn.get('true') ?? 0}
            checked={filters.alwaysOn}
            locale={locale}
          />
        </fieldset>
      </details>
      <p>
        <button class="button" type="submit">
          {t('support.apply')}
        </button>
      </p>
    </div>
  );
}
