// The desk's encoding (docs/decisions/0023): the handlers' queue reads the whole desk on every view, so it
// is kept compact and in queue order. Each case is one JSON array with its trailing empty fields left
// off; the rows are sorted by opening time (then id) when written, so the queue filters in one pass and
// sorts nothing; and the desk names the desk_revision it was written under, so a reader that finds the
// row still at that revision knows no case arrived or left since (intake and deletion change it).
import type { Desk, DeskEntry, DeskRow, MessageBody } from './model.ts';

const FORMAT = 2;

export const rowId = (row: DeskRow): string => row[0];
export const isPurged = (row: DeskRow): boolean => row[8] === 1;
export const isAnswered = (row: DeskRow): boolean => (row[5] ?? null) !== null;

export function toEntry(row: DeskRow): DeskEntry {
  return {
    language: row[1],
    openedAt: row[2],
    state: row[3],
    assignee: row[4] ?? null,
    firstResponseAt: row[5] ?? null,
    resolvedAt: row[6] ?? null,
    closedAt: row[7] ?? null,
    purged: row[8] === 1,
    vetting: row[9] ?? null,
    referredFrom: row[10] ?? null,
    referredTo: row[11] ?? null,
  };
}

export function toRow(id: string, e: DeskEntry): DeskRow {
  const row: DeskRow = [
    id,
    e.language,
    e.openedAt,
    e.state,
    e.assignee,
    e.firstResponseAt,
    e.resolvedAt,
    e.closedAt,
    e.purged ? 1 : 0,
    e.vetting,
    e.referredFrom,
    e.referredTo,
  ];
  let end = row.length;
  while (end > 4 && (row[end - 1] === null || row[end - 1] === 0)) end--;
  row.length = end;
  return row;
}

/** A case the desk takes in: new, as its intake box tells it. */
export const newRow = (id: string, intake: Extract<MessageBody, { kind: 'intake' }>): DeskRow =>
  toRow(id, {
    language: intake.language,
    openedAt: intake.at,
    state: 'new',
    assignee: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    purged: false,
    vetting: null,
    referredFrom: intake.referredFrom,
    referredTo: null,
  });

const before = (a: DeskRow, b: DeskRow): number =>
  a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/** The rows in queue order; sorted only when they are not (a desk read from disk already is). */
export function inQueueOrder(rows: DeskRow[]): DeskRow[] {
  for (let i = 1; i < rows.length; i++) if (before(rows[i - 1]!, rows[i]!) > 0) return rows.sort(before);
  return rows;
}

/** A desk from its opened JSON; the first encoding (an object of entries by id) is still read. */
export function parseDesk(json: string): Desk {
  const value = JSON.parse(json) as
    { v: typeof FORMAT; revision: string | null; rows: DeskRow[] } | { cases: Record<string, DeskEntry> };
  if ('rows' in value) return { revision: value.revision, rows: value.rows };
  return { revision: null, rows: inQueueOrder(Object.entries(value.cases).map(([id, e]) => toRow(id, e))) };
}

/** The desk's JSON as written under `revision` (the new desk_revision of the same write, or null). */
export function encodeDesk(desk: Desk, revision: string | null): string {
  return JSON.stringify({ v: FORMAT, revision, rows: inQueueOrder(desk.rows) });
}

/** The index of a case's row, or -1. */
export const rowIndex = (desk: Desk, caseId: string): number => desk.rows.findIndex((r) => r[0] === caseId);
