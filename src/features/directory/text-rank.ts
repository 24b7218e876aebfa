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

/** Levenshtein distance, stopping early once it must exceed `max` (then returns max + 1). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}
