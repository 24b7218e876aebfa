import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../tests/helpers/context.ts';
import { indexMany, indexTerms, searchTerms, unindex } from './fulltext.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: false });
});
afterAll(() => env.close());

const page = { limit: 10, offset: 0 };

describe('full-text search over opaque terms', () => {
  it('matches an AND of OR-groups, newest first, and keeps a row in place when its terms change', async () => {
    const db = env.ctx.db;
    await indexMany(db, 'monitor', [
      { key: 'a', terms: ['org1', 'red', 'circle'] },
      { key: 'b', terms: ['org1', 'blue', 'circle'] },
      { key: 'c', terms: ['org1', 'red', 'square'] },
      { key: 'd', terms: ['org2', 'red', 'circle'] },
    ]);
    expect((await searchTerms(db, 'monitor', [['org1'], ['red']], page)).keys).toEqual(['c', 'a']);
    expect((await searchTerms(db, 'monitor', [['org1'], ['red', 'blue'], ['circle']], page)).keys).toEqual(['b', 'a']);
    await indexTerms(db, 'monitor', 'a', ['org1', 'green', 'circle']);
    expect((await searchTerms(db, 'monitor', [['org1'], ['red']], page)).keys).toEqual(['c']);
    expect((await searchTerms(db, 'monitor', [['org1']], page)).keys).toEqual(['c', 'b', 'a']);
    await unindex(db, 'monitor', 'b');
    expect((await searchTerms(db, 'monitor', [['circle']], page)).keys).toEqual(['d', 'a']);
    expect((await searchTerms(db, 'monitor', [['org1'], []], page)).keys).toEqual([]);
    expect((await searchTerms(db, 'monitor', [], page)).keys).toEqual([]);
  });

  it('pages, counts up to a cap, and refuses anything but plain terms', async () => {
    const db = env.ctx.db;
    const rows = Array.from({ length: 25 }, (_, i) => ({ key: `p${i}`, terms: ['paged', `n${i % 5}`] }));
    await indexMany(db, 'monitor', rows);
    const first = await searchTerms(db, 'monitor', [['paged']], { limit: 10, offset: 0, countUpTo: 20 });
    expect(first).toMatchObject({ total: 20, more: true });
    expect(first.keys).toEqual(
      rows
        .slice(15)
        .reverse()
        .map((r) => r.key),
    );
    const exact = await searchTerms(db, 'monitor', [['paged'], ['n1']], { limit: 2, offset: 2 });
    expect(exact).toEqual({ keys: ['p11', 'p6'], total: rows.filter((r) => r.terms[1] === 'n1').length, more: false });
    await expect(searchTerms(db, 'monitor', [['x OR y']], page)).rejects.toThrow(/not an index term/);
    await expect(indexTerms(db, 'monitor', 'z', ['a"b'])).rejects.toThrow(/not an index term/);
  });
});
