// The monitor's SQL. Sealed rows are found by keyed tags (docs/decisions/0021); the search index is
// db/fulltext.ts. Published events are plain rows in monitor_public.
import type { Db } from '../../db/client.ts';
import { dialectOf } from '../../db/dialect.ts';
import { indexMany, searchTerms, unindex, type FulltextPage, type TermQuery } from '../../db/fulltext.ts';
import { readDate, writeDate } from '../../db/values.ts';
import { newRevision } from '../../platform/sealed-documents.ts';
import type { PublicEvent } from './model.ts';

export interface NewEventRow {
  id: string;
  doc: string;
  terms: readonly string[];
}

export interface SealedRow {
  id: string;
  doc: string;
  revision: string;
}

export async function findEventRow(db: Db, orgTag: string, id: string): Promise<SealedRow | undefined> {
  return (await eventRows(db, orgTag, [id]))[0];
}

/**
 * Events by id, kept only when they carry the organisation's tag. Looked up by primary key and the tag
 * compared here: every row of an organisation shares its tag, so a planner that picked the tag's index
 * would read all of them (seen on SQLite: 20 rows out of 4,000 took 40 ms).
 */
export async function eventRows(db: Db, orgTag: string, ids: readonly string[]): Promise<SealedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('monitor_events')
    .select(['id', 'doc', 'revision', 'org_tag'])
    .where('id', 'in', ids)
    .execute();
  return rows.filter((r) => r.org_tag === orgTag).map(({ id, doc, revision }) => ({ id, doc, revision }));
}

/**
 * New events with their search terms, in one transaction: all of them or none. On PostgreSQL each batch
 * is sent before the next is asked for, so the caller makes (seals) the next batch while the database
 * writes this one: 10,000 imported rows took 2.0 s instead of 2.8 s at load 3 (docs/performance.md).
 * SQLite's driver blocks the thread, so there the batches are all made first and the write lock is not
 * held meanwhile.
 */
export async function insertEvents(
  db: Db,
  orgTag: string,
  batches: Iterable<readonly NewEventRow[]> | AsyncIterable<readonly NewEventRow[]>,
): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    const rows: NewEventRow[] = [];
    for await (const batch of batches) rows.push(...batch);
    await db.transaction().execute((trx) => insertBatch(trx, orgTag, rows));
    return;
  }
  await db.transaction().execute(async (trx) => {
    let writing: Promise<void> = Promise.resolve();
    try {
      for await (const batch of batches) {
        await writing;
        writing = insertBatch(trx, orgTag, batch);
        // Awaited at the next batch or after the last; until then its failure must not count as unhandled.
        writing.catch(() => undefined);
      }
    } finally {
      // When making a batch fails, the one being written ends first: its later statements would otherwise
      // run after the rollback, outside the transaction.
      await writing.catch(() => undefined);
    }
    await writing;
  });
}

async function insertBatch(db: Db, orgTag: string, rows: readonly NewEventRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insertInto('monitor_events')
      .values(chunk.map((r) => ({ id: r.id, org_tag: orgTag, doc: r.doc, revision: newRevision() })))
      .execute();
  }
  await indexMany(
    db,
    'monitor',
    rows.map((r) => ({ key: r.id, terms: r.terms })),
  );
}

/**
 * Replaces an event's document if nobody changed it since it was read (compare-and-swap on its revision),
 * keeps the earlier version, and sets its terms; false when someone else's change landed first.
 */
export async function swapEvent(
  db: Db,
  orgTag: string,
  change: { id: string; revision: string; doc: string; terms: readonly string[] },
  version: { id: string; eventTag: string; doc: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('monitor_events')
      .set({ doc: change.doc, revision: newRevision() })
      .where('org_tag', '=', orgTag)
      .where('id', '=', change.id)
      .where('revision', '=', change.revision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await trx
      .insertInto('monitor_versions')
      .values({ id: version.id, event_tag: version.eventTag, doc: version.doc, revision: newRevision() })
      .execute();
    await indexMany(trx, 'monitor', [{ key: change.id, terms: change.terms }]);
    return true;
  });
}

export async function versionRows(db: Db, eventTag: string): Promise<SealedRow[]> {
  return db
    .selectFrom('monitor_versions')
    .select(['id', 'doc', 'revision'])
    .where('event_tag', '=', eventTag)
    .execute();
}

export async function deleteEvent(db: Db, orgTag: string, id: string, eventTag: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('monitor_events').where('org_tag', '=', orgTag).where('id', '=', id).execute();
    await trx.deleteFrom('monitor_versions').where('event_tag', '=', eventTag).execute();
    await unindex(trx, 'monitor', id);
  });
}

export const searchIndex = (db: Db, query: TermQuery, page: { limit: number; offset: number }): Promise<FulltextPage> =>
  searchTerms(db, 'monitor', query, page);

// Published events.

export async function putPublic(db: Db, e: PublicEvent): Promise<void> {
  const row = {
    country: e.country,
    starts: e.start.date,
    types: `|${[...new Set(e.acts.map((a) => a.type))].join('|')}|`,
    doc: JSON.stringify(e),
    published_at: writeDate(new Date(e.publishedAt)),
  };
  await db
    .insertInto('monitor_public')
    .values({ id: e.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function deletePublic(db: Db, id: string): Promise<void> {
  await db.deleteFrom('monitor_public').where('id', '=', id).execute();
}

const toPublic = (r: { doc: string }): PublicEvent => JSON.parse(r.doc) as PublicEvent;

export async function findPublic(db: Db, id: string): Promise<PublicEvent | undefined> {
  const row = await db.selectFrom('monitor_public').select('doc').where('id', '=', id).executeTakeFirst();
  return row && toPublic(row);
}

/** A country's published events, latest first; or, with `type`, one violation type's anywhere. */
export async function publicEvents(
  db: Db,
  where: { country?: string; type?: string; from?: string; to?: string },
  limit: number,
): Promise<PublicEvent[]> {
  let query = db.selectFrom('monitor_public').select('doc');
  if (where.country) query = query.where('country', '=', where.country);
  if (where.type) query = query.where('types', 'like', `%|${where.type}|%`);
  // By year only: an event known to the year (`2026`) sorts before `2026-03`; callers filter precisely.
  if (where.from) query = query.where('starts', '>=', where.from.slice(0, 4));
  if (where.to) query = query.where('starts', '<=', `${where.to}~`);
  const rows = await query.orderBy('starts', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(toPublic);
}

export async function publicCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('monitor_public')
    .select(['country', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('country')
    .execute();
  return new Map(rows.map((r) => [r.country, Number(r.n)]));
}

export async function lastPublished(db: Db): Promise<Date | null> {
  const row = await db
    .selectFrom('monitor_public')
    .select((eb) => eb.fn.max('published_at').as('at'))
    .executeTakeFirst();
  return row?.at ? readDate(row.at as string | Date) : null;
}
