// Small pieces of the text search: typo tolerance, edit distance and the ranking sort.

/** Typo tolerance: none below five letters, one edit from five, two from nine. */
export function fuzziness(term: string): number {
  if (term.length >= 9) return 2;
  return term.length >= 5 ? 1 : 0;
}

const DOC_BITS = 2 ** 21;

/**
 * Orders record numbers best score first, ties by number (name order), in place. Each becomes one
 * float key (quantised score, then number) so the engine's native numeric sort does the work.
 */
export function rank(docs: Int32Array, score: Float64Array): Int32Array {
  // Past two million records the numbers no longer fit beside the score: a plain comparison sort.
  if (score.length >= DOC_BITS) return docs.sort((a, b) => score[b]! - score[a]! || a - b);
  let max = 0;
  for (const d of docs) if (score[d]! > max) max = score[d]!;
  const scale = max > 0 ? 2 ** 31 / max : 0;
  const keys = new Float64Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    keys[i] = (2 ** 31 - Math.floor(score[d]! * scale)) * DOC_BITS + d;
  }
  keys.sort();
  for (let i = 0; i < docs.length; i++) docs[i] = keys[i]! % DOC_BITS;
  return docs;
}

// Two rows of the distance table, reused by every call: the fuzzy pass runs this over thousands of
// terms per query word, and allocating rows each time was most of its cost (issue 12: 115 real
// records in five languages, about 7 ms per misspelt word before).
let prevRow = new Int32Array(64);
let curRow = new Int32Array(64);

/**
 * Levenshtein distance, stopping early once it must exceed `max` (then returns max + 1). Only the band
 * of cells within `max` of the diagonal is computed: a path outside it already costs more than `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > prevRow.length) {
    prevRow = new Int32Array(2 * (m + 1));
    curRow = new Int32Array(2 * (m + 1));
  }
  const over = max + 1;
  let prev = prevRow;
  let row = curRow;
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= n; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(m, i + max);
    row[0] = i <= max ? i : over;
    if (from > 1) row[from - 1] = over;
    let best = row[0]!;
    const ai = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = v > over ? over : v;
      if (v < best) best = v;
    }
    if (to < m) row[to + 1] = over;
    if (best > max) return over;
    const t = prev;
    prev = row;
    row = t;
  }
  return Math.min(prev[m]!, over);
}
