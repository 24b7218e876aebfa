// The desk's encoding (docs/decisions/0023). The handlers' queue opens the whole desk on every view, so
// it is kept small and in queue order: column by column (the ids in one string, a language and a state
// per case as one character each, the opening times as differences in milliseconds), with the rest of
// an entry (assignee, clock times, vetting, referrals) only for the cases that have any. Rows are
// sorted by opening time (then id) when written, so the queue filters in one pass and sorts nothing;
// and the desk names the desk_revision it was written under, so a reader that finds the row still at
// that revision knows no case arrived or left since (intake and deletion change it).
import { CASE_STATES, type Desk, type DeskEntry, type DeskMore, type DeskRow, type MessageBody } from './model.ts';

const FORMAT = 3;
const CODE = 48; // '0': the first language or state; the rest follow in character order

interface Stored {
  v: typeof FORMAT;
  revision: string | null;
  languages: string[];
  ids: string;
  language: string;
  state: string;
  opened: number[];
  more: Record<string, DeskMore>;
}

export const isPurged = (row: DeskRow): boolean => row.more?.[4] === 1;
export const firstResponseOf = (row: DeskRow): string | null => row.more?.[1] ?? null;
export const resolvedOf = (row: DeskRow): string | null => row.more?.[2] ?? null;
export const isAnswered = (row: DeskRow): boolean => firstResponseOf(row) !== null;

export function toEntry(row: DeskRow): DeskEntry {
  const m = row.more;
  return {
    language: row.language,
    openedAt: new Date(row.opened).toISOString(),
    state: row.state,
    assignee: m?.[0] ?? null,
    firstResponseAt: m?.[1] ?? null,
    resolvedAt: m?.[2] ?? null,
    closedAt: m?.[3] ?? null,
    purged: m?.[4] === 1,
    vetting: m?.[5] ?? null,
    referredFrom: m?.[6] ?? null,
    referredTo: m?.[7] ?? null,
  };
}

export function toRow(id: string, e: DeskEntry): DeskRow {
  const more: DeskMore = [
    e.assignee,
    e.firstResponseAt,
    e.resolvedAt,
    e.closedAt,
    e.purged ? 1 : 0,
    e.vetting,
    e.referredFrom,
    e.referredTo,
  ];
  let end = more.length;
  while (end > 0 && (more[end - 1] === null || more[end - 1] === 0)) end--;
  more.length = end;
  return { id, language: e.language, opened: Date.parse(e.openedAt), state: e.state, more: end > 0 ? more : null };
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

const before = (a: DeskRow, b: DeskRow): number => a.opened - b.opened || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The rows in queue order; sorted only when they are not (a desk read from disk already is). */
export function inQueueOrder(rows: DeskRow[]): DeskRow[] {
  for (let i = 1; i < rows.length; i++) if (before(rows[i - 1]!, rows[i]!) > 0) return rows.sort(before);
  return rows;
}

/** A desk from its opened JSON; the first encoding (an object of entries by id) is still read. */
export function parseDesk(json: string): Desk {
  const value = JSON.parse(json) as Stored | { cases: Record<string, DeskEntry> };
  if (!('v' in value))
    return { revision: null, rows: inQueueOrder(Object.entries(value.cases).map(([id, e]) => toRow(id, e))) };
  const ids = value.ids.split(' ');
  const rows: DeskRow[] = new Array<DeskRow>(value.state.length);
  let opened = 0;
  for (let i = 0; i < rows.length; i++) {
    opened += value.opened[i]!;
    rows[i] = {
      id: ids[i]!,
      language: value.languages[value.language.charCodeAt(i) - CODE]!,
      opened,
      state: CASE_STATES[value.state.charCodeAt(i) - CODE]!,
      more: value.more[i] ?? null,
    };
  }
  return { revision: value.revision, rows };
}

/** The desk's JSON as written under `revision` (the new desk_revision of the same write, or null). */
export function encodeDesk(desk: Desk, revision: string | null): string {
  const rows = inQueueOrder(desk.rows);
  const languages = [...new Set(rows.map((r) => r.language))];
  const more: Record<string, DeskMore> = {};
  let previous = 0;
  const stored: Stored = {
    v: FORMAT,
    revision,
    languages,
    ids: rows.map((r) => r.id).join(' '),
    language: rows.map((r) => String.fromCharCode(CODE + languages.indexOf(r.language))).join(''),
    state: rows.map((r) => String.fromCharCode(CODE + CASE_STATES.indexOf(r.state))).join(''),
    opened: rows.map((r, i) => {
      if (r.more) more[i] = r.more;
      const delta = r.opened - previous;
      previous = r.opened;
      return delta;
    }),
    more,
  };
  return JSON.stringify(stored);
}

/** The index of a case's row, or -1. */
export const rowIndex = (desk: Desk, caseId: string): number => desk.rows.findIndex((r) => r.id === caseId);
