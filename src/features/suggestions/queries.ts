import type { Db } from '../../db/client.ts';
import type { SuggestionTable } from '../../db/schema.ts';
import { readDate, readOptionalDate, writeDate } from '../../db/values.ts';

export type Status = SuggestionTable['status'];

export interface SuggestionRow {
  id: string;
  kind: SuggestionTable['kind'];
  mechanismId: string | null;
  sealedPayload: string;
  status: Status;
  reason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

function toRow(r: SuggestionTable): SuggestionRow {
  return {
    id: r.id,
    kind: r.kind,
    mechanismId: r.mechanism_id,
    sealedPayload: r.payload,
    status: r.status,
    reason: r.reason,
    createdAt: readDate(r.created_at),
    decidedAt: readOptionalDate(r.decided_at),
  };
}

export async function insertSuggestion(
  db: Db,
  row: Omit<SuggestionRow, 'status' | 'reason' | 'decidedAt'>,
): Promise<void> {
  await db
    .insertInto('suggestions')
    .values({
      id: row.id,
      kind: row.kind,
      mechanism_id: row.mechanismId,
      payload: row.sealedPayload,
      status: 'pending',
      reason: null,
      created_at: writeDate(row.createdAt),
      decided_at: null,
    })
    .execute();
}

export async function listSuggestions(db: Db, status: Status | 'all', limit: number): Promise<SuggestionRow[]> {
  let query = db.selectFrom('suggestions').selectAll().orderBy('created_at').orderBy('id').limit(limit);
  if (status !== 'all') query = query.where('status', '=', status);
  return (await query.execute()).map(toRow);
}

export async function findSuggestion(db: Db, id: string): Promise<SuggestionRow | undefined> {
  const row = await db.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRow(row);
}

/** Records a decision once: a suggestion already decided is left as it is (returns false). */
export async function decideSuggestion(
  db: Db,
  id: string,
  decision: {
    status: Exclude<Status, 'pending'>;
    reason: string | null;
    sealedPayload: string;
    decidedAt: Date;
    mechanismId?: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('suggestions')
    .set({
      status: decision.status,
      reason: decision.reason,
      payload: decision.sealedPayload,
      decided_at: writeDate(decision.decidedAt),
      ...(decision.mechanismId ? { mechanism_id: decision.mechanismId } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
