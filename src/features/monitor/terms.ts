// The search terms of an event, as keyed hashes under the organisation's key (docs/decisions/0021): the
// index on disk holds no word, no country and no date of any event, and terms of two organisations never
// match each other. Words are folded (case, accents) and also indexed by their first five letters, so
// "detained" finds "detention". Facets are terms too: country, violation type, right, perpetrator
// category, verification and publication state, year and month.
import { createHmac } from 'node:crypto';
import type { MonitorEvent } from './model.ts';

const PREFIX = 5;
const MAX_WORDS = 400;

/** Lower case, accents and marks removed, split into words of letters and digits in any script. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);
}

/** Makes terms under one organisation's key; remembers the words it has hashed (an import repeats many). */
export class TermHasher {
  readonly #key: Buffer;
  readonly #seen = new Map<string, string>();
  constructor(dataKey: Buffer) {
    this.#key = createHmac('sha256', dataKey).update('amparo-monitor-terms').digest();
  }
  term(plain: string): string {
    let hashed = this.#seen.get(plain);
    if (hashed === undefined) {
      hashed = createHmac('sha256', this.#key).update(plain).digest('hex').slice(0, 20);
      if (this.#seen.size < 200_000) this.#seen.set(plain, hashed);
    }
    return hashed;
  }
  /** The term every event of the organisation carries: lists them all. */
  all(): string {
    return this.term('all:');
  }
  /** The terms a word of a query may match: the word, or (when long) any word sharing its first letters. */
  wordGroup(word: string): string[] {
    return word.length > PREFIX
      ? [this.term(`w:${word}`), this.term(`p:${word.slice(0, PREFIX)}`)]
      : [this.term(`w:${word}`)];
  }
  facet(name: Facet, value: string): string {
    return this.term(`${name}:${value}`);
  }
  wipe(): void {
    this.#key.fill(0);
    this.#seen.clear();
  }
}

export type Facet = 'country' | 'type' | 'right' | 'perpetrator' | 'verification' | 'publication' | 'year' | 'month';

/** Every term of an event. */
export function eventTerms(h: TermHasher, e: MonitorEvent): string[] {
  const terms = new Set<string>([h.all()]);
  const text = [
    e.title,
    e.description,
    e.place.region,
    ...e.acts.map((a) => a.note),
    ...e.parties.flatMap((p) => [p.name, p.note]),
    ...e.sources.flatMap((s) => [s.description, s.collector]),
  ].join(' ');
  for (const w of words(text).slice(0, MAX_WORDS)) {
    terms.add(h.term(`w:${w}`));
    if (w.length > PREFIX) terms.add(h.term(`p:${w.slice(0, PREFIX)}`));
  }
  terms.add(h.facet('country', e.place.country));
  for (const a of e.acts) {
    terms.add(h.facet('type', a.type));
    terms.add(h.facet('right', a.right));
  }
  for (const p of e.parties) if (p.role === 'perpetrator' && p.category) terms.add(h.facet('perpetrator', p.category));
  terms.add(h.facet('verification', e.verification.state));
  terms.add(h.facet('publication', e.publication.state));
  terms.add(h.facet('year', e.start.date.slice(0, 4)));
  if (e.start.precision !== 'year') terms.add(h.facet('month', e.start.date.slice(0, 7)));
  return [...terms];
}

/** What a search asks for. Dates are YYYY-MM; an empty list means any. */
export interface EventFilters {
  q: string;
  countries: string[];
  types: string[];
  rights: string[];
  perpetrators: string[];
  verification: string[];
  publication: string[];
  from: string | null;
  to: string | null;
}

export const NO_FILTERS: EventFilters = {
  q: '',
  countries: [],
  types: [],
  rights: [],
  perpetrators: [],
  verification: [],
  publication: [],
  from: null,
  to: null,
};

/**
 * The months from `from` to `to` (YYYY-MM) as terms: whole years as year terms, the rest as months. An
 * event known only to the year matches when its whole year is inside the range.
 */
export function dateGroup(h: TermHasher, from: string | null, to: string | null): string[] | null {
  if (!from && !to) return null;
  const start = from ?? '1900-01';
  const end = to ?? '2100-12';
  if (start > end) return [];
  const group: string[] = [];
  let [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  const [ey, em] = [Number(end.slice(0, 4)), Number(end.slice(5, 7))];
  while (y < ey || (y === ey && m <= em)) {
    if (m === 1 && (y < ey || em === 12)) {
      group.push(h.facet('year', String(y)));
      y += 1;
      continue;
    }
    group.push(h.facet('month', `${y}-${String(m).padStart(2, '0')}`));
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return group;
}

/** The query for these filters: every word, every facet asked for, the date range. */
export function queryTerms(h: TermHasher, f: EventFilters): string[][] {
  // Terms are keyed by the organisation: any of them already finds its events only. The term every
  // event carries is asked for alone, when nothing else is (PostgreSQL pays for its long list).
  const groups: string[][] = [];
  for (const w of words(f.q).slice(0, 12)) groups.push(h.wordGroup(w));
  const facets: [Facet, string[]][] = [
    ['country', f.countries],
    ['type', f.types],
    ['right', f.rights],
    ['perpetrator', f.perpetrators],
    ['verification', f.verification],
    ['publication', f.publication],
  ];
  for (const [name, values] of facets) if (values.length > 0) groups.push(values.map((v) => h.facet(name, v)));
  const dates = dateGroup(h, f.from, f.to);
  if (dates) groups.push(dates);
  return groups.length > 0 ? groups : [[h.all()]];
}
