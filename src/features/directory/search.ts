// In-memory search over the directory (a small collection, rebuilt when the data changes).
// Full text by TextIndex (text-index.ts): every language's summary and "how to reach", the taxonomy
// labels in all five languages and curated synonyms, the reader's language weighted most. Facets AND
// across groups, OR within a group, with counts computed the "disjunctive" way: a group's counts
// ignore that group's own selection, so they say how many results choosing one more option would
// give. Each record's facet values are precomputed as bit masks, so filtering and counting 10,000
// records stays within a few milliseconds.
import { catalogs, LOCALES, type Locale } from '../../platform/i18n/index.ts';
import type { Mechanism } from './schema.ts';
import { NO_SYNONYMS, type Synonyms } from './synonyms.ts';
import { KINDS, REGIONS, SERVES, THEMES } from './taxonomy.ts';
import { FIELD, FIELD_COUNT, TextIndexBuilder, textField, type TextIndex } from './text-index.ts';

export { normalizeTerm } from './synonyms.ts';

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

/** Typo tolerance is tried only when exact and prefix matching find fewer results than this. */
const FUZZY_BELOW = 5;

/** The fixed vocabularies, in bit order. Languages are open-ended and get their bits per index. */
const VOCAB = { kinds: KINDS, serves: SERVES, themes: THEMES, regions: REGIONS } as const;
type MaskGroup = keyof typeof VOCAB;
const MASK_GROUPS = Object.keys(VOCAB) as MaskGroup[];
const BIT: Record<Group, number> = { kinds: 1, serves: 2, themes: 4, regions: 8, languages: 16, alwaysOn: 32 };
const GROUP_OF_BIT = new Map(GROUPS.map((g) => [BIT[g], g]));

function maskOf(vocab: readonly string[], values: readonly string[]): number {
  let mask = 0;
  for (const v of values) {
    const i = vocab.indexOf(v);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}

/** Taxonomy labels in every locale, so a query in Arabic or Russian still finds the record's category. */
const labelsByKey = new Map<string, string>();
function labelText(record: Mechanism): string {
  const keys = [...record.kinds.map((v) => `kind.${v}`), ...record.serves.map((v) => `serves.${v}`), ...record.themes.map((v) => `theme.${v}`)];
  return keys
    .map((key) => {
      let text = labelsByKey.get(key);
      if (text === undefined) labelsByKey.set(key, (text = LOCALES.map((locale) => catalogs[locale][key] ?? '').join(' ')));
      return text;
    })
    .join(' ');
}

interface Entry {
  record: Mechanism;
  masks: Record<MaskGroup, number>;
  /** Indexes into DirectoryIndex.languages. */
  langs: number[];
}

interface Compiled {
  masks: Record<MaskGroup, number>;
  langs: Set<number> | null;
  alwaysOn: boolean;
}

/** The text a record is found by, one string per field of the text index. */
function fieldsOf(record: Mechanism): (string | undefined)[] {
  const fields: (string | undefined)[] = new Array(FIELD_COUNT);
  fields[FIELD.name] = record.name;
  fields[FIELD.operator] = record.operator;
  fields[FIELD.labels] = labelText(record);
  for (const locale of LOCALES) {
    const summary = record.summary[locale];
    const reach = record.howToReach?.[locale];
    fields[textField(locale)] = summary && reach ? `${summary} ${reach}` : (summary ?? reach);
  }
  return fields;
}

export interface IndexOptions {
  synonyms?: Synonyms;
}

export class DirectoryIndex {
  private readonly entries: Entry[];
  private readonly byId: Map<string, Entry>;
  private text!: TextIndex;
  private readonly synonyms: Synonyms;
  readonly languages: string[];

  /** Builds synchronously; `DirectoryIndex.build` yields to the event loop while indexing text. */
  constructor(records: Mechanism[], options: IndexOptions = {}, indexText = true) {
    this.synonyms = options.synonyms ?? NO_SYNONYMS;
    this.languages = [...new Set(records.flatMap((r) => r.languages))].sort();
    const langIndex = new Map(this.languages.map((l, i) => [l, i]));
    const allRegions = (1 << REGIONS.length) - 1;
    this.entries = [...records]
      .sort((a, b) => a.name.localeCompare(b.name, 'en'))
      .map((record) => ({
        record,
        masks: {
          kinds: maskOf(KINDS, record.kinds),
          serves: maskOf(SERVES, record.serves),
          themes: maskOf(THEMES, record.themes),
          // A global mechanism serves every region.
          regions: record.regions.includes('global') ? allRegions : maskOf(REGIONS, record.regions),
        },
        langs: record.languages.map((l) => langIndex.get(l)!),
      }));
    this.byId = new Map(this.entries.map((e) => [e.record.id, e]));
    if (indexText) {
      const builder = new TextIndexBuilder(this.entries.length);
      this.entries.forEach((e, i) => builder.add(i, fieldsOf(e.record)));
      this.text = builder.finish();
    }
  }

  /** For large directories: text indexing in chunks, so a rebuild does not stall other requests. */
  static async build(records: Mechanism[], options: IndexOptions = {}): Promise<DirectoryIndex> {
    const index = new DirectoryIndex(records, options, false);
    const builder = new TextIndexBuilder(index.entries.length);
    for (let i = 0; i < index.entries.length; i++) {
      builder.add(i, fieldsOf(index.entries[i]!.record));
      if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    }
    index.text = builder.finish();
    return index;
  }

  get(id: string): Mechanism | undefined {
    return this.byId.get(id)?.record;
  }

  all(): Mechanism[] {
    return this.entries.map((e) => e.record);
  }

  /** `locale` is the reader's language: text in it counts most. */
  search(filters: Filters, page: { limit: number; offset: number }, locale: Locale = 'en'): SearchResult {
    const compiled = this.compile(filters);
    const counts = {
      kinds: new Int32Array(KINDS.length),
      serves: new Int32Array(SERVES.length),
      themes: new Int32Array(THEMES.length),
      regions: new Int32Array(REGIONS.length),
      languages: new Int32Array(this.languages.length),
      alwaysOn: new Int32Array(1),
    };
    const matched: Mechanism[] = [];
    const groupMisses = new Map<Group, number>();

    for (const entry of this.candidates(filters.q, locale)) {
      const mask = this.failures(entry, compiled);
      if (mask === 0) {
        matched.push(entry.record);
        for (const group of GROUPS) count(counts, group, entry);
      } else if ((mask & (mask - 1)) === 0) {
        // Fails exactly one group: it counts toward that group's options, and toward its removal hint.
        const group = GROUP_OF_BIT.get(mask)!;
        count(counts, group, entry);
        groupMisses.set(group, (groupMisses.get(group) ?? 0) + 1);
      }
    }

    const hints: SearchResult['hints'] = [];
    if (matched.length === 0) {
      for (const [group, n] of groupMisses) hints.push({ group, count: n });
      if (filters.q.trim()) {
        const withoutQuery = this.entries.filter((e) => this.failures(e, compiled) === 0).length;
        if (withoutQuery > 0) hints.push({ group: 'q', count: withoutQuery });
      }
      const order = (g: Group | 'q') => (g === 'q' ? GROUPS.length : GROUPS.indexOf(g));
      hints.sort((a, b) => b.count - a.count || order(a.group) - order(b.group));
    }
    return { items: matched.slice(page.offset, page.offset + page.limit), total: matched.length, facets: this.facetMaps(counts), hints };
  }

  /** Entries matching the text query, best first; all entries by name when there is none. */
  private candidates(q: string, locale: Locale): Entry[] {
    const query = q.trim();
    if (!query) return this.entries;
    let hits = this.text.search(query, locale, this.synonyms, false);
    if (hits === null) return this.entries;
    if (hits.length < FUZZY_BELOW) hits = this.text.search(query, locale, this.synonyms, true)!;
    const out = new Array<Entry>(hits.length);
    for (let i = 0; i < hits.length; i++) out[i] = this.entries[hits[i]!]!;
    return out;
  }

  private compile(f: Filters): Compiled {
    const langIndex = f.languages.map((l) => this.languages.indexOf(l));
    return {
      masks: { kinds: maskOf(KINDS, f.kinds), serves: maskOf(SERVES, f.serves), themes: maskOf(THEMES, f.themes), regions: maskOf(REGIONS, f.regions) },
      // A language nobody offers still filters: to nothing.
      langs: f.languages.length > 0 ? new Set(langIndex) : null,
      alwaysOn: f.alwaysOn,
    };
  }

  private failures(entry: Entry, f: Compiled): number {
    let mask = 0;
    for (const group of MASK_GROUPS) {
      const wanted = f.masks[group];
      if (wanted !== 0 && (entry.masks[group] & wanted) === 0) mask |= BIT[group];
    }
    if (f.langs && !entry.langs.some((i) => f.langs!.has(i))) mask |= BIT.languages;
    if (f.alwaysOn && !entry.record.alwaysOn) mask |= BIT.alwaysOn;
    return mask;
  }

  private facetMaps(counts: Record<Group, Int32Array>): SearchResult['facets'] {
    const toMap = (names: readonly string[], values: Int32Array) => {
      const map = new Map<string, number>();
      values.forEach((n, i) => n > 0 && map.set(names[i]!, n));
      return map;
    };
    return {
      kinds: toMap(KINDS, counts.kinds),
      serves: toMap(SERVES, counts.serves),
      themes: toMap(THEMES, counts.themes),
      regions: toMap(REGIONS, counts.regions),
      languages: toMap(this.languages, counts.languages),
      alwaysOn: toMap(['true'], counts.alwaysOn),
    };
  }
}

function count(counts: Record<Group, Int32Array>, group: Group, entry: Entry): void {
  if (group === 'alwaysOn') {
    if (entry.record.alwaysOn) counts.alwaysOn[0]! += 1;
  } else if (group === 'languages') {
    for (const i of entry.langs) counts.languages[i]! += 1;
  } else {
    const target = counts[group];
    for (let m = entry.masks[group]; m !== 0; m &= m - 1) target[31 - Math.clz32(m & -m)]! += 1;
  }
}
