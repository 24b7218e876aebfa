// Full-text search over opaque terms: SQLite FTS5 or PostgreSQL's text search, behind one set of
// functions. Features hand in terms they have already made unreadable (keyed hashes under an
// organisation's key, see features/monitor/terms.ts), so the index on disk holds no word of what was
// written; a query is an AND of OR-groups of such terms. Results come newest-indexed first: a row keeps
// its place when its terms are replaced. Index names are fixed by the migrations that create them.
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

export type FulltextIndex = 'monitor';

/** Every group must match; within a group, any term. Terms are [a-z0-9] only. */
export type TermQuery = readonly (readonly string[])[];

const TERM = /^[a-z0-9]+$/;
const checked = (term: string) => {
  if (!TERM.test(term)) throw new Error(`not an index term: ${term}`);
  return term;
};

const fts = (index: FulltextIndex) => sql.table(`${index}_fts`);
const keys = (index: FulltextIndex) => sql.table(`${index}_fts_keys`);

/** Creates the index's tables (from a migration). */
export async function createFulltextIndex(db: Kysely<any>, index: FulltextIndex): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    // detail=none: only which rows hold a term, no positions; queries never ask for phrases.
    await sql`create virtual table ${fts(index)} using fts5(terms, tokenize = 'ascii', detail = 'none')`.execute(db);
    await sql`create table ${keys(index)} (key text primary key, rid integer not null unique)`.execute(db);
    return;
  }
  await sql`create table ${fts(index)} (rid bigserial primary key, key text not null unique, terms tsvector not null)`.execute(
    db,
  );
  await sql`create index ${sql.id(`${index}_fts_terms`)} on ${fts(index)} using gin (terms)`.execute(db);
}

export async function dropFulltextIndex(db: Kysely<any>, index: FulltextIndex): Promise<void> {
  await sql`drop table if exists ${fts(index)}`.execute(db);
  if (dialectOf(db) === 'sqlite') await sql`drop table if exists ${keys(index)}`.execute(db);
}

/** Sets the terms of the row named `key` (a feature's own id), adding it when new. */
export async function indexTerms(db: Kysely<any>, index: FulltextIndex, key: string, terms: readonly string[]) {
  await indexMany(db, index, [{ key, terms }]);
}

/** Sets the terms of many rows at once (an import): one statement per few hundred rows. */
export async function indexMany(
  db: Kysely<any>,
  index: FulltextIndex,
  rows: readonly { key: string; terms: readonly string[] }[],
): Promise<void> {
  const text = (terms: readonly string[]) => terms.map(checked).join(' ');
  if (dialectOf(db) !== 'sqlite') {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = sql.join(chunk.map((r) => sql`(${r.key}, to_tsvector('simple', ${text(r.terms)}))`));
      await sql`insert into ${fts(index)} (key, terms) values ${values}
        on conflict (key) do update set terms = excluded.terms`.execute(db);
    }
    return;
  }
  for (const row of rows) {
    const found = await sql<{ rid: number }>`select rid from ${keys(index)} where key = ${row.key}`.execute(db);
    const rid = found.rows[0]?.rid;
    if (rid !== undefined) {
      await sql`update ${fts(index)} set terms = ${text(row.terms)} where rowid = ${rid}`.execute(db);
      continue;
    }
    await sql`insert into ${fts(index)} (terms) values (${text(row.terms)})`.execute(db);
    await sql`insert into ${keys(index)} (key, rid) values (${row.key}, last_insert_rowid())`.execute(db);
  }
}

export async function unindex(db: Kysely<any>, index: FulltextIndex, key: string): Promise<void> {
  if (dialectOf(db) !== 'sqlite') {
    await sql`delete from ${fts(index)} where key = ${key}`.execute(db);
    return;
  }
  const found = await sql<{ rid: number }>`delete from ${keys(index)} where key = ${key} returning rid`.execute(db);
  const rid = found.rows[0]?.rid;
  if (rid !== undefined) await sql`delete from ${fts(index)} where rowid = ${rid}`.execute(db);
}

export interface FulltextPage {
  keys: string[];
  /** How many rows match, counted up to `countUpTo`; `more` when there are more than that. */
  total: number;
  more: boolean;
}

/** The rows matching every group of the query, newest-indexed first. An empty query matches nothing. */
export async function searchTerms(
  db: Kysely<any>,
  index: FulltextIndex,
  query: TermQuery,
  page: { limit: number; offset: number; countUpTo?: number },
): Promise<FulltextPage> {
  const groups = query.filter((g) => g.length > 0);
  if (groups.length === 0 || groups.length < query.length) return { keys: [], total: 0, more: false };
  const cap = page.countUpTo ?? 1000;
  const sqlite = dialectOf(db) === 'sqlite';
  const match = groups.map((g) => `(${g.map(checked).join(sqlite ? ' OR ' : ' | ')})`).join(sqlite ? ' AND ' : ' & ');
  if (!sqlite) return searchPostgres(db, index, match, page, cap);
  const where = sql`${fts(index)} match ${match}`;
  const found = await sql<{ key: string }>`select k.key from ${fts(index)} join ${keys(index)} k
    on k.rid = ${fts(index)}.rowid where ${where} order by ${fts(index)}.rowid desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  // A first page that is not full is the whole answer: no need to count.
  if (page.offset === 0 && found.rows.length < page.limit)
    return { keys: found.rows.map((r) => r.key), total: found.rows.length, more: false };
  const counted = await sql<{ n: number | string }>`select count(*) as n from (select rowid from ${fts(index)}
    where ${where} limit ${cap + 1}) m`.execute(db);
  const n = Number(counted.rows[0]?.n ?? 0);
  return { keys: found.rows.map((r) => r.key), total: Math.min(n, cap), more: n > cap };
}

/**
 * PostgreSQL's planner cannot tell how many rows opaque terms match (a rare word sharing its first
 * letters with common ones looked like five rows and scanned 100,000 backwards: 540 ms). So the count
 * comes first, always from the GIN index (a bitmap scan that stops at the cap), and it picks the plan of
 * the page: few matches are read through the index and sorted; many are found walking the newest rows
 * backwards, where the first page fills at once.
 */
async function searchPostgres(
  db: Kysely<any>,
  index: FulltextIndex,
  match: string,
  page: { limit: number; offset: number },
  cap: number,
): Promise<FulltextPage> {
  return db.transaction().execute(async (trx) => {
    const where = sql`terms @@ to_tsquery('simple', ${match})`;
    await sql`set local enable_seqscan = off`.execute(trx);
    await sql`set local enable_indexscan = off`.execute(trx);
    const counted = await sql<{ n: number | string }>`select count(*) as n from (select rid from ${fts(index)}
      where ${where} limit ${cap + 1}) m`.execute(trx);
    const n = Number(counted.rows[0]?.n ?? 0);
    if (n > cap) {
      await sql`set local enable_indexscan = on`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
    }
    const found = await sql<{ key: string }>`select key from ${fts(index)} where ${where} order by rid desc
      limit ${page.limit} offset ${page.offset}`.execute(trx);
    return { keys: found.rows.map((r) => r.key), total: Math.min(n, cap), more: n > cap };
  });
}
