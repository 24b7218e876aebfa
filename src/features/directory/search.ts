// In-memory search over the directory (a small collection, rebuilt when the data changes).
// Full text by MiniSearch; facets AND across groups, OR within a group, with counts computed the
// "disjunctive" way: a group's counts ignore that group's own selection, so they say how many
// results choosing one more option would give.
import MiniSearch from 'minisearch';
import { catalogs, LOCALES } from '../../platform/i18n/index.ts';
import type { Mechanism } from './schema.ts';

export const GROUPS = ['kinds', 'serves', 'themes', 'regions', 'languages', 'alwaysOn'] as const;
export type Group = (typeof GROUPS)[number];

export interface Filters {
  q: string;
  kinds: string[];
  serves: string[];
  themes: string[];
  regions: string[];
  languages: string[];
  alwaysOn: boolean;
}

export interface SearchResult {
  items: Mechanism[];
  total: number;
  /** For each group, value -> number of results if that value were selected (others kept). */
  facets: Record<Group, Map<string, number>>;
  /** When nothing matches: what each active filter's removal would give, best first. */
  hints: { group: Group | 'q'; count: number }[];
}

/** Lowercase and strip accents so "defensores" finds "Defensóres" and "emergencia" finds "emergéncia". */
export function normalizeTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

function fuzziness(term: string): number | false {
  if (term.length >= 9) return 2;
  return term.length >= 5 ? 1 : false;
}

/** Labels of a record's taxonomy values in every locale, so a query in Arabic or Russian still finds it. */
function labelText(record: Mechanism): string {
  const keys = [
    ...record.kinds.map((v) => `kind.${v}`),
    ...record.serves.map((v) => `serves.${v}`),
    ...record.themes.map((v) => `theme.${v}`),
  ];
  return LOCALES.flatMap((locale) => keys.map((key) => catalogs[locale][key] ?? '')).join(' ');
}

interface Entry {
  record: Mechanism;
  values: Record<Exclude<Group, 'alwaysOn'>, readonly string[]>;
}

const BIT: Record<Group, number> = { kinds: 1, serves: 2, themes: 4, regions: 8, languages: 16, alwaysOn: 32 };

export class DirectoryIndex {
  private readonly entries: Entry[];
  private readonly byId: Map<string, Entry>;
  private readonly text: MiniSearch;
  readonly languages: string[];

  constructor(records: Mechanism[]) {
    this.entries = [...records]
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((record) => ({
        record,
        values: {
          kinds: record.kinds,
          serves: record.serves,
          themes: record.themes,
          // A global mechanism serves every region.
          regions: record.regions.includes('global') ? ['global', 'africa', 'americas', 'asia-pacific', 'europe', 'eurasia', 'mena'] : record.regions,
          languages: record.languages,
        },
      }));
    this.byId = new Map(this.entries.map((e) => [e.record.id, e]));
    this.languages = [...new Set(records.flatMap((r) => r.languages))].sort();
    this.text = new MiniSearch({
      fields: ['name', 'operator', 'summary', 'labels'],
      idField: 'id',
      processTerm: normalizeTerm,
      extractField: (doc, field) => (field === 'labels' ? labelText(doc as Mechanism) : (doc as Record<string, string>)[field]) ?? '',
      searchOptions: { boost: { name: 3, operator: 2, summary: 1, labels: 0.5 }, prefix: true, fuzzy: fuzziness, combineWith: 'AND' },
    });
    this.text.addAll(records);
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): Mechanism | undefined {
    return this.byId.get(id)?.record;
  }

  all(): Mechanism[] {
    return this.entries.map((e) => e.record);
  }

  search(filters: Filters, page: { limit: number; offset: number }): SearchResult {
    const candidates = this.candidates(filters.q);
    const facets = Object.fromEntries(GROUPS.map((g) => [g, new Map<string, number>()])) as SearchResult['facets'];
    const matched: Mechanism[] = [];
    const groupMisses = new Map<Group, number>();

    for (const entry of candidates) {
      const mask = this.failures(entry, filters);
      if (mask === 0) {
        matched.push(entry.record);
        for (const group of GROUPS) this.count(facets, group, entry);
      } else if ((mask & (mask - 1)) === 0) {
        // Fails exactly one group: it counts toward that group's options, and toward its removal hint.
        const group = GROUPS.find((g) => BIT[g] === mask)!;
        this.count(facets, group, entry);
        groupMisses.set(group, (groupMisses.get(group) ?? 0) + 1);
      }
    }

    const hints: SearchResult['hints'] = [];
    if (matched.length === 0) {
      for (const [group, count] of groupMisses) hints.push({ group, count });
      if (filters.q.trim()) {
        const withoutQuery = this.entries.filter((e) => this.failures(e, filters) === 0).length;
        if (withoutQuery > 0) hints.push({ group: 'q', count: withoutQuery });
      }
      const order = (g: Group | 'q') => (g === 'q' ? GROUPS.length : GROUPS.indexOf(g));
      hints.sort((a, b) => b.count - a.count || order(a.group) - order(b.group));
    }
    return { items: matched.slice(page.offset, page.offset + page.limit), total: matched.length, facets, hints };
  }

  /** Entries matching the text query, best first; all entries by name when there is none. */
  private candidates(q: string): Entry[] {
    const query = q.trim();
    if (!query) return this.entries;
    return this.text.search(query).map((hit) => this.byId.get(hit.id as string)!);
  }

  private failures(entry: Entry, f: Filters): number {
    let mask = 0;
    if (!anyOf(entry.values.kinds, f.kinds)) mask |= BIT.kinds;
    if (!anyOf(entry.values.serves, f.serves)) mask |= BIT.serves;
    if (!anyOf(entry.values.themes, f.themes)) mask |= BIT.themes;
    if (!anyOf(entry.values.regions, f.regions)) mask |= BIT.regions;
    if (!anyOf(entry.values.languages, f.languages)) mask |= BIT.languages;
    if (f.alwaysOn && !entry.record.alwaysOn) mask |= BIT.alwaysOn;
    return mask;
  }

  private count(facets: SearchResult['facets'], group: Group, entry: Entry): void {
    const counts = facets[group];
    if (group === 'alwaysOn') {
      if (entry.record.alwaysOn) counts.set('true', (counts.get('true') ?? 0) + 1);
      return;
    }
    for (const value of entry.values[group]) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
}

function anyOf(values: readonly string[], selected: string[]): boolean {
  if (selected.length === 0) return true;
  for (const value of selected) if (values.includes(value)) return true;
  return false;
}
