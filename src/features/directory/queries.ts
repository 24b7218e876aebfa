import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { dialectOf } from '../../db/dialect.ts';
import type { MechanismTable } from '../../db/schema.ts';
import { readJson, writeDate, writeJson } from '../../db/values.ts';
import type { Mechanism } from './schema.ts';

export type Origin = MechanismTable['origin'];

export async function listMechanisms(db: Db): Promise<Mechanism[]> {
  const rows = await db.selectFrom('mechanisms').select('doc').orderBy('id').execute();
  // Documents stored before records had a status read as active, as a file that states none does.
  return rows.map((row) => {
    const doc = readJson<Mechanism>(row.doc);
    return { ...doc, status: doc.status ?? 'active' };
  });
}

/**
 * On SQLite, a number that moves whenever another connection (another process) commits anything
 * (PRAGMA data_version); null on PostgreSQL. Checked before `directoryRevision`, whose max(updated_at)
 * reads every row: at 10,000 records of five-language text that read took tens of milliseconds of
 * blocked event loop once a second. Writes through this process's own connection drop the index instead.
 */
export async function foreignChangeMarker(db: Db): Promise<number | null> {
  if (dialectOf(db) !== 'sqlite') return null;
  const { rows } = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  return Number(rows[0]?.data_version);
}

/** Changes whenever a row is added or edited; the search index rebuilds when it does. */
export async function directoryRevision(db: Db): Promise<string> {
  const row = await db
    .selectFrom('mechanisms')
    .select([sql<number>`count(*)`.as('n'), sql<string | Date | null>`max(updated_at)`.as('latest')])
    .executeTakeFirstOrThrow();
  const latest = row.latest instanceof Date ? row.latest.toISOString() : (row.latest ?? '');
  return `${row.n}:${latest}`;
}

export async function mechanismExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('mechanisms').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies a data file's record: inserted when new, overwritten only when the file's version is
 * higher than the one last applied, so later edits by curators survive a restart.
 */
export async function applyFileRecord(
  db: Db,
  record: Mechanism,
  now: Date,
): Promise<'inserted' | 'updated' | 'unchanged'> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('mechanisms')
      .select('version')
      .where('id', '=', record.id)
      .executeTakeFirst();
    if (existing && Number(existing.version) >= record.version) return 'unchanged';
    const values = { name: record.name, doc: writeJson(record), version: record.version, updated_at: writeDate(now) };
    if (existing) {
      await trx
        .updateTable('mechanisms')
        .set({ ...values, origin: 'file' })
        .where('id', '=', record.id)
        .execute();
      return 'updated';
    }
    await trx
      .insertInto('mechanisms')
      .values({ id: record.id, ...values, origin: 'file', created_at: writeDate(now) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return 'inserted';
  });
}

export async function insertMechanism(db: Db, record: Mechanism, origin: Origin, now: Date): Promise<void> {
  await db
    .insertInto('mechanisms')
    .values({
      id: record.id,
      name: record.name,
      doc: writeJson(record),
      version: record.version,
      origin,
      created_at: writeDate(now),
      updated_at: writeDate(now),
    })
    .execute();
}

/** A curator's edit. The version stays, so a data file only overwrites it by raising its own version. */
export async function updateMechanism(db: Db, record: Mechanism, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('mechanisms')
    .set({ name: record.name, doc: writeJson(record), origin: 'curator', updated_at: writeDate(now) })
    .where('id', '=', record.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
