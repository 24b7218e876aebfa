import { describe, expect, it } from 'vitest';
import { editDistance } from './text-rank.ts';

/** The textbook full-table distance, to check the banded one against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe('editDistance', () => {
  it('agrees with the full table up to max, and says max + 1 beyond it', () => {
    const words = [
      'emergency',
      'emergncy',
      'emregency',
      'helpline',
      'helplines',
      'hepline',
      'lawyer',
      'layer',
      'a',
      '',
      'защита',
      'защитa',
      'محامي',
      'محام',
      'défense',
      'defense',
      'relocation',
      'relocations',
      'grant',
      'gran',
    ];
    for (const a of words)
      for (const b of words)
        for (const max of [0, 1, 2]) {
          const want = reference(a, b);
          expect(editDistance(a, b, max), `${a} / ${b} / ${max}`).toBe(want <= max ? want : max + 1);
        }
  });

  it('handles a term longer than its reused rows', () => {
    const long = 'x'.repeat(200);
    expect(editDistance(long, `${long}y`, 1)).toBe(1);
    expect(editDistance(long, `y${long}z`, 1)).toBe(2);
  });
});
