// The directory's full-text index: an inverted index over typed arrays, built for a search that scores
// every match of a common word at 10,000 records and more. Each posting (record, field, term) carries
// its BM25 term-frequency part, computed once at build; a query adds idf x that x the field's boost
// into one score per record. Fields: name, operator, the taxonomy labels in all five languages, and
// the summary with "how to reach" once per language, so the reader's language can count most.
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { words, type Synonyms } from './synonyms.ts';
import { editDistance, fuzziness } from './text-rank.ts';

export { rank } from './text-rank.ts';

export const FIELD = { name: 0, operator: 1, labels: 2 } as const;
const TEXT0 = 3;
export const FIELD_COUNT = TEXT0 + LOCALES.length;
export const textField = (locale: Locale) => TEXT0 + LOCALES.indexOf(locale);

const BOOST = { name: 3, operator: 2, labels: 0.5, ownText: 1, englishText: 0.6, otherText: 0.35 };
/** Weights of a word found other than as typed: as the start of a longer word, with a typo, through a synonym. */
const PREFIX = 0.375;
const FUZZY = 0.45;
const SYNONYM = 0.5;
const K1 = 1.2;
const B = 0.7;

/** Collects postings record by record; `finish` sorts them into the searchable index. */
export class TextIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  private n = 0;
  private pTerm = new Int32Array(1 << 16);
  private pDoc = new Int32Array(1 << 16);
  private pField = new Uint8Array(1 << 16);
  private pTf = new Uint16Array(1 << 16);
  private lengths: Float32Array;
  private docs = 0;
  /** Per term: the (record, field) it was last seen in, and that posting's position. */
  private readonly seenAt: number[] = [];
  private readonly chunkIds = new Map<string, number[]>();
  private readonly postingOf: number[] = [];

  constructor(docCount: number) {
    this.lengths = new Float32Array(Math.max(1, docCount) * FIELD_COUNT);
  }

  /** Adds one record's fields; `doc` counts up from 0 in the order results are listed on a tie. */
  add(doc: number, fields: (string | undefined)[]): void {
    this.docs = Math.max(this.docs, doc + 1);
    for (let f = 0; f < fields.length; f++) {
      const text = fields[f];
      if (!text) continue;
      const key = doc * FIELD_COUNT + f + 1;
      let length = 0;
      for (const chunk of text.split(/\s+/)) {
        const ids = this.chunkIds.get(chunk) ?? this.learn(chunk);
        length += ids.length;
        for (const id of ids) this.count(id, doc, f, key);
      }
      this.lengths[doc * FIELD_COUNT + f] = length;
    }
  }

  /**
   * The term ids of a whitespace-separated piece of text ("grants," -> [grants]). Texts repeat their
   * words, so normalising each distinct piece once (accents, case, punctuation) saves most of the work.
   */
  private learn(chunk: string): number[] {
    const ids = words(chunk).map((token) => {
      let id = this.termIds.get(token);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(token, id);
        this.terms.push(token);
        this.seenAt.push(0);
        this.postingOf.push(0);
      }
      return id;
    });
    this.chunkIds.set(chunk, ids);
    return ids;
  }

  private count(id: number, doc: number, f: number, key: number): void {
    // The same term again in this field: one more occurrence on its posting.
    if (this.seenAt[id] === key) {
      const at = this.postingOf[id]!;
      if (this.pTf[at]! < 65535) this.pTf[at]! += 1;
    } else {
      this.seenAt[id] = key;
      this.postingOf[id] = this.n;
      this.push(id, doc, f);
    }
  }

  private push(term: number, doc: number, field: number): void {
    if (this.n === this.pTerm.length) {
      const grow = <T extends Int32Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.pTerm = grow(this.pTerm, (n) => new Int32Array(n));
      this.pDoc = grow(this.pDoc, (n) => new Int32Array(n));
      this.pField = grow(this.pField, (n) => new Uint8Array(n));
      this.pTf = grow(this.pTf, (n) => new Uint16Array(n));
    }
    this.pTerm[this.n] = term;
    this.pDoc[this.n] = doc;
    this.pField[this.n] = field;
    this.pTf[this.n] = 1;
    this.n++;
  }

  finish(): TextIndex {
    const termCount = this.terms.length;
    // Average length of each field over the records that have it, for BM25's length normalisation.
    const sum = new Float64Array(FIELD_COUNT);
    const have = new Float64Array(FIELD_COUNT);
    for (let d = 0; d < this.docs; d++) {
      for (let f = 0; f < FIELD_COUNT; f++) {
        const len = this.lengths[d * FIELD_COUNT + f]!;
        if (len > 0) {
          sum[f]! += len;
          have[f]! += 1;
        }
      }
    }
    const avg = sum.map((s, f) => (have[f]! > 0 ? s / have[f]! : 1));
    // Counting sort by term; within a term the postings stay in record order.
    const start = new Int32Array(termCount + 1);
    for (let i = 0; i < this.n; i++) start[this.pTerm[i]! + 1]! += 1;
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const next = start.slice(0, termCount);
    const docs = new Int32Array(this.n);
    const fields = new Uint8Array(this.n);
    const weights = new Float32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const at = next[this.pTerm[i]!]!++;
      const doc = this.pDoc[i]!;
      const field = this.pField[i]!;
      const tf = this.pTf[i]!;
      const len = this.lengths[doc * FIELD_COUNT + field]!;
      docs[at] = doc;
      fields[at] = field;
      weights[at] = (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg[field]!));
    }
    // Records per term (a record may hold a term in several fields), for idf.
    const df = new Int32Array(termCount);
    for (let t = 0; t < termCount; t++) {
      let last = -1;
      for (let i = start[t]!; i < start[t + 1]!; i++) {
        if (docs[i] !== last) {
          df[t]! += 1;
          last = docs[i]!;
        }
      }
    }
    return new TextIndex(this.docs, this.terms, this.termIds, start, docs, fields, weights, df);
  }
}

export class TextIndex {
  /** Term ids in alphabetical order of their terms, for prefix ranges. */
  private readonly sorted: Int32Array;
  private readonly byLength = new Map<number, number[]>();

  constructor(
    readonly docCount: number,
    private readonly terms: string[],
    private readonly termIds: Map<string, number>,
    private readonly start: Int32Array,
    private readonly docs: Int32Array,
    private readonly fields: Uint8Array,
    private readonly weights: Float32Array,
    private readonly df: Int32Array,
  ) {
    this.sorted = Int32Array.from(terms.keys()).sort((a, b) =>
      terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0,
    );
    terms.forEach((t, id) => {
      const list = this.byLength.get(t.length);
      if (list) list.push(id);
      else this.byLength.set(t.length, [id]);
    });
  }

  /**
   * Records holding every word of the query (or one of its synonyms), unordered, with every record's
   * score; `null` when the query has no words to look for. Without `fuzzy`, a word matches as typed
   * or as the start of a longer word. `rank` orders a selection of them.
   */
  search(query: string, locale: Locale, synonyms: Synonyms, fuzzy: boolean): TextHits | null {
    let typed = [...new Set(words(query))];
    const kept = typed.filter((w) => !synonyms.ignore.has(w));
    if (kept.length > 0) typed = kept;
    if (typed.length === 0) return null;

    const boost = new Float32Array(FIELD_COUNT);
    boost[FIELD.name] = BOOST.name;
    boost[FIELD.operator] = BOOST.operator;
    boost[FIELD.labels] = BOOST.labels;
    for (const l of LOCALES)
      boost[textField(l)] = l === locale ? BOOST.ownText : l === 'en' ? BOOST.englishText : BOOST.otherText;

    const n = this.docCount;
    const state: Clause = { score: new Float64Array(n), met: new Uint16Array(n), c: 0, first: [], phrase: null, boost };
    for (let c = 0; c < typed.length; c++) {
      const word = typed[c]!;
      state.c = c;
      this.matchWord(word, 1, fuzzy, state);
      for (const phrase of synonyms.expand.get(word) ?? []) {
        if (phrase.length === 1) this.matchWord(phrase[0]!, SYNONYM, false, state);
        else for (const [doc, s] of this.matchPhrase(phrase, boost)) hit(state, doc, s * SYNONYM);
      }
    }
    const { met, first } = state;
    const all = typed.length;
    return { docs: first.filter((d) => met[d] === all), score: state.score };
  }

  /** Every record holding all words of a phrase, with the sum of their scores. */
  private matchPhrase(phrase: string[], boost: Float32Array): Map<number, number> {
    let acc: Map<number, number> | null = null;
    for (const word of phrase) {
      const mine = new Map<number, number>();
      this.matchWord(word, 1, false, {
        score: new Float64Array(0),
        met: new Uint16Array(0),
        c: 0,
        first: [],
        phrase: { within: acc, into: mine },
        boost,
      });
      if (acc) for (const [doc, s] of mine) mine.set(doc, s + acc.get(doc)!);
      acc = mine;
      if (acc.size === 0) break;
    }
    return acc ?? new Map();
  }

  /** Scores each posting of the word: as typed, as a prefix, and with typos when asked. */
  private matchWord(word: string, weight: number, fuzzy: boolean, state: Clause): void {
    const exact = this.termIds.get(word);
    if (exact !== undefined) this.postings(exact, weight, state);
    const matched = new Set<number>(exact === undefined ? [] : [exact]);
    for (const id of this.prefixed(word)) {
      if (id === exact) continue;
      matched.add(id);
      const distance = this.terms[id]!.length - word.length;
      this.postings(id, weight * PREFIX * (word.length / (word.length + 0.3 * distance)), state);
    }
    const max = fuzzy ? fuzziness(word) : 0;
    if (max === 0) return;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const id of this.byLength.get(len) ?? []) {
        if (matched.has(id)) continue;
        const distance = editDistance(word, this.terms[id]!, max);
        if (distance <= max) this.postings(id, weight * FUZZY * (word.length / (word.length + distance)), state);
      }
    }
  }

  private *prefixed(word: string): Generator<number> {
    const terms = this.terms;
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[this.sorted[mid]!]! < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length; i++) {
      const id = this.sorted[i]!;
      if (!terms[id]!.startsWith(word)) return;
      yield id;
    }
  }

  private postings(term: number, weight: number, state: Clause): void {
    const df = this.df[term]!;
    const w = weight * Math.log(1 + (this.docCount - df + 0.5) / (df + 0.5));
    const { docs, weights, fields } = this;
    const { boost } = state;
    const end = this.start[term + 1]!;
    if (state.phrase) {
      const { within, into } = state.phrase;
      for (let i = this.start[term]!; i < end; i++) {
        const doc = docs[i]!;
        if (!within || within.has(doc)) into.set(doc, (into.get(doc) ?? 0) + w * weights[i]! * boost[fields[i]!]!);
      }
      return;
    }
    const { met, score, c } = state;
    for (let i = this.start[term]!; i < end; i++) {
      const doc = docs[i]!;
      const m = met[doc]!;
      if (m === c) {
        met[doc] = c + 1;
        if (c === 0) state.first.push(doc);
      } else if (m !== c + 1) continue;
      score[doc]! += w * weights[i]! * boost[fields[i]!]!;
    }
  }
}

export interface TextHits {
  docs: number[];
  score: Float64Array;
}

/** One query word's pass: records that met every earlier word and now this one gain its score. */
interface Clause {
  score: Float64Array;
  /** How many query words each record has met so far. */
  met: Uint16Array;
  c: number;
  first: number[];
  /** Set while matching one word of a synonym phrase: scores go to `into`, for records in `within`. */
  phrase: { within: Map<number, number> | null; into: Map<number, number> } | null;
  boost: Float32Array;
}

function hit(state: Clause, doc: number, s: number): void {
  const { met, score, c } = state;
  if (met[doc] === c) {
    met[doc] = c + 1;
    if (c === 0) state.first.push(doc);
  }
  if (met[doc] === c + 1) score[doc]! += s;
}
