// Human labels for active filters, and the filter states that drop one of them.
import { formatList, languageName, type Locale, type Translate } from '../../../platform/i18n/index.ts';
import type { Filters, Group } from '../search.ts';

const PREFIX: Record<'kinds' | 'serves' | 'themes' | 'regions', string> = {
  kinds: 'kind',
  serves: 'serves',
  themes: 'theme',
  regions: 'region',
};

function valueLabel(group: Group, value: string, locale: Locale, t: Translate): string {
  if (group === 'languages') return languageName(locale, value);
  if (group === 'alwaysOn') return t('support.alwaysOn');
  return t(`${PREFIX[group]}.${value}`);
}

export function withoutGroup(filters: Filters, group: Group | 'q'): Filters {
  if (group === 'q') return { ...filters, q: '' };
  if (group === 'alwaysOn') return { ...filters, alwaysOn: false };
  return { ...filters, [group]: [] };
}

/** The search text without quote marks the person typed around it: messages add their own. */
export function bareQuery(q: string): string {
  return q
    .trim()
    .replace(/^["'“”„«»‘’]+|["'“”„«»‘’]+$/gu, '')
    .trim();
}

/**
 * "Type of support: Legal aid, Shelter", naming a whole group as it would be dropped. The search text
 * comes bare: the message that shows it puts it in the locale's quotation marks.
 */
export function groupLabel(filters: Filters, group: Group | 'q', locale: Locale, t: Translate): string {
  if (group === 'q') return bareQuery(filters.q);
  if (group === 'alwaysOn') return t('support.alwaysOn');
  const values = (filters[group] as string[]).map((v) => valueLabel(group, v, locale, t));
  return `${t(`facet.${group}`)}: ${formatList(locale, values)}`;
}

/** One chip per selected value (and the query), each linking to the state without it. */
export function activeFilters(filters: Filters, locale: Locale, t: Translate): { label: string; without: Filters }[] {
  const chips: { label: string; without: Filters }[] = [];
  if (filters.q.trim()) chips.push({ label: `“${bareQuery(filters.q)}”`, without: { ...filters, q: '' } });
  for (const group of ['kinds', 'serves', 'themes', 'regions', 'languages'] as const) {
    for (const value of filters[group]) {
      chips.push({
        label: valueLabel(group, value, locale, t),
        without: { ...filters, [group]: filters[group].filter((v) => v !== value) },
      });
    }
  }
  if (filters.alwaysOn) chips.push({ label: t('support.alwaysOn'), without: { ...filters, alwaysOn: false } });
  return chips;
}
