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
import { FIELD, FIELD_COUNT, rank, TextIndexBuilder, textField, type TextHits, type TextIndex } from './text-index.ts';

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
const VOCABS = [KINDS, SERVES, THEMES, REGIONS] as const;
/** A group's bit in a failure mask is 1 << its position in GROUPS. */
const G = { kinds: 0, serves: 1, themes: 2, regions: 3, languages: 4, alwaysOn: 5 } as const;

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
  const keys = [
    ...record.kinds.map((v) => `kind.${v}`),
    ...record.serves.map((v) => `serves.${v}`),
    ...record.themes.map((v) => `theme.${v}`),
  ];
  return keys
    .map((key) => {
      let text = labelsByKey.get(key);
      if (text === undefined)
        labelsByKey.set(key, (text = LOCALES.map((locale) => catalogs[locale][key] ?? '').join(' ')));
      return text;
    })
    .join(' ');
}

interface Compiled {
  /** Wanted bits per fixed group (0 = no filter). */
  wanted: Int32Array;
  /** Wanted language bits, one 32-bit word per 32 languages; null = no language filter. */
  langs: Int32Array | null;
  alwaysOn: boolean;
  any: boolean;
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
  /** Records in name order; a record's position is its number everywhere below. */
  private readonly records: Mechanism[];
  private readonly byId: Map<string, Mechanism>;
  private text!: TextIndex;
  private readonly synonyms: Synonyms;
  readonly languages: string[];
  /** Facet data as flat typed arrays (one pass over 10,000 records stays well under a millisecond). */
  private readonly masks: Int32Array;
  private readonly langWords: number;
  private readonly langMasks: Int32Array;
  private readonly alwaysOn: Uint8Array;
  /** Each record's facet values as counter slots, grouped: slots[slotStart[r * 7 + g] .. slotStart[r * 7 + g + 1]). */
  private readonly slots: Int32Array;
  private readonly slotStart: Int32Array;
  /** Where each group's counters start in one counts array. */
  private readonly groupOffset: number[];

  /** Builds synchronously; `DirectoryIndex.build` yields to the event loop while indexing text. */
  constructor(records: Mechanism[], options: IndexOptions = {}, indexText = true) {
    this.synonyms = options.synonyms ?? NO_SYNONYMS;
    this.languages = [...new Set(records.flatMap((r) => r.languages))].sort();
    const langIndex = new Map(this.languages.map((l, i) => [l, i]));
    this.records = [...records].sort((a, b) => a.name.localeCompare(b.name, 'en'));
    this.byId = new Map(this.records.map((r) => [r.id, r]));
    const n = this.records.length;
    const sizes = [...VOCABS.map((v) => v.length), this.languages.length, 1];
    this.groupOffset = sizes.map((_, g) => sizes.slice(0, g).reduce((x, y) => x + y, 0));
    this.langWords = Math.max(1, Math.ceil(this.languages.length / 32));
    this.masks = new Int32Array(n * 4);
    this.langMasks = new Int32Array(n * this.langWords);
    this.alwaysOn = new Uint8Array(n);
    this.slotStart = new Int32Array(n * 7 + 1);
    const slots: number[] = [];
    const allRegions = (1 << REGIONS.length) - 1;
    this.records.forEach((record, r) => {
      const masks = [
        maskOf(KINDS, record.kinds),
        maskOf(SERVES, record.serves),
        maskOf(THEMES, record.themes),
        // A global mechanism serves every region.
        record.regions.includes('global') ? allRegions : maskOf(REGIONS, record.regions),
      ];
      const langs = record.languages.map((l) => langIndex.get(l)!);
      for (const i of langs) this.langMasks[r * this.langWords + (i >>> 5)]! |= 1 << (i & 31);
      this.alwaysOn[r] = record.alwaysOn ? 1 : 0;
      for (let g = 0; g < 6; g++) {
        this.slotStart[r * 7 + g] = slots.length;
        if (g < 4) {
          this.masks[r * 4 + g] = masks[g]!;
          for (let m = masks[g]!; m !== 0; m &= m - 1) slots.push(this.groupOffset[g]! + 31 - Math.clz32(m & -m));
        } else if (g === G.languages) {
          for (const i of langs) slots.push(this.groupOffset[g]! + i);
        } else if (record.alwaysOn) {
          slots.push(this.groupOffset[g]!);
        }
      }
      this.slotStart[r * 7 + 6] = slots.length;
    });
    this.slotStart[n * 7] = slots.length;
    this.slots = Int32Array.from(slots);
    if (indexText) {
      const builder = new TextIndexBuilder(n);
      this.records.forEach((record, i) => builder.add(i, fieldsOf(record)));
      this.text = builder.finish();
    }
  }

  /** For large directories: text indexing in chunks, so a rebuild does not stall other requests. */
  static async build(records: Mechanism[], options: IndexOptions = {}): Promise<DirectoryIndex> {
    const index = new DirectoryIndex(records, options, false);
    const builder = new TextIndexBuilder(index.records.length);
    for (let i = 0; i < index.records.length; i++) {
      builder.add(i, fieldsOf(index.records[i]!));
      if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    }
    index.text = builder.finish();
    return index;
  }

  get(id: string): Mechanism | undefined {
    return this.byId.get(id);
  }

  all(): Mechanism[] {
    return [...this.records];
  }

  /** `locale` is the reader's language: text in it counts most. */
  search(filters: Filters, page: { limit: number; offset: number }, locale: Locale = 'en'): SearchResult {
    const f = this.compile(filters);
    const counts = new Int32Array(this.groupOffset[5]! + 1);
    const text = this.candidates(filters.q, locale);
    const hits = text?.docs;
    const total = hits ? hits.length : this.records.length;
    const matched = new Int32Array(total);
    let found = 0;
    const groupMisses = new Int32Array(6);
    const { slots, slotStart } = this;

    for (let k = 0; k < total; k++) {
      const r = hits ? hits[k]! : k;
      const mask = f.any ? this.failures(r, f) : 0;
      if (mask === 0) {
        matched[found++] = r;
        for (let j = slotStart[r * 7]!, end = slotStart[r * 7 + 6]!; j < end; j++) counts[slots[j]!]! += 1;
      } else if ((mask & (mask - 1)) === 0) {
        // Fails exactly one group: it counts toward that group's options, and toward its removal hint.
        const g = 31 - Math.clz32(mask);
        for (let j = slotStart[r * 7 + g]!, end = slotStart[r * 7 + g + 1]!; j < end; j++) counts[slots[j]!]! += 1;
        groupMisses[g]! += 1;
      }
    }

    const hints: SearchResult['hints'] = [];
    if (found === 0) {
      GROUPS.forEach((group, g) => groupMisses[g]! > 0 && hints.push({ group, count: groupMisses[g]! }));
      if (filters.q.trim()) {
        let withoutQuery = 0;
        for (let r = 0; r < this.records.length; r++) if (this.failures(r, f) === 0) withoutQuery++;
        if (withoutQuery > 0) hints.push({ group: 'q', count: withoutQuery });
      }
      const order = (g: Group | 'q') => (g === 'q' ? GROUPS.length : GROUPS.indexOf(g));
      hints.sort((a, b) => b.count - a.count || order(a.group) - order(b.group));
    }
    // Text results go best first; the rest stay in name order.
    if (text) rank(matched.subarray(0, found), text.score);
    const items: Mechanism[] = [];
    for (let k = page.offset; k < Math.min(found, page.offset + page.limit); k++)
      items.push(this.records[matched[k]!]!);
    return { items, total: found, facets: this.facetMaps(counts), hints };
  }

  /** Records matching the text query, with their scores; null (every record, by name) when there is none. */
  private candidates(q: string, locale: Locale): TextHits | null {
    const query = q.trim();
    if (!query) return null;
    const hits = this.text.search(query, locale, this.synonyms, false);
    if (hits === null || hits.docs.length >= FUZZY_BELOW) return hits;
    return this.text.search(query, locale, this.synonyms, true);
  }

  private compile(f: Filters): Compiled {
    const wanted = Int32Array.from([
      maskOf(KINDS, f.kinds),
      maskOf(SERVES, f.serves),
      maskOf(THEMES, f.themes),
      maskOf(REGIONS, f.regions),
    ]);
    let langs: Int32Array | null = null;
    if (f.languages.length > 0) {
      // A language nobody offers still filters: to nothing.
      langs = new Int32Array(this.langWords);
      for (const l of f.languages) {
        const i = this.languages.indexOf(l);
        if (i >= 0) langs[i >>> 5]! |= 1 << (i & 31);
      }
    }
    return { wanted, langs, alwaysOn: f.alwaysOn, any: wanted.some((w) => w !== 0) || langs !== null || f.alwaysOn };
  }

  /** The groups record `r` fails, as bits (1 << group). */
  private failures(r: number, f: Compiled): number {
    let mask = 0;
    for (let g = 0; g < 4; g++) {
      const wanted = f.wanted[g]!;
      if (wanted !== 0 && (this.masks[r * 4 + g]! & wanted) === 0) mask |= 1 << g;
    }
    if (f.langs) {
      let any = 0;
      for (let w = 0; w < this.langWords; w++) any |= this.langMasks[r * this.langWords + w]! & f.langs[w]!;
      if (any === 0) mask |= 1 << G.languages;
    }
    if (f.alwaysOn && this.alwaysOn[r] === 0) mask |= 1 << G.alwaysOn;
    return mask;
  }

  private facetMaps(counts: Int32Array): SearchResult['facets'] {
    const toMap = (names: readonly string[], g: number) => {
      const map = new Map<string, number>();
      const offset = this.groupOffset[g]!;
      names.forEach((name, i) => counts[offset + i]! > 0 && map.set(name, counts[offset + i]!));
      return map;
    };
    return {
      kinds: toMap(KINDS, G.kinds),
      serves: toMap(SERVES, G.serves),
      themes: toMap(THEMES, G.themes),
      regions: toMap(REGIONS, G.regions),
      languages: toMap(this.languages, G.languages),
      alwaysOn: toMap(['true'], G.alwaysOn),
    };
  }
}
