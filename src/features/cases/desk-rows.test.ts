import { describe, expect, it } from 'vitest';
import { encodeDesk, inQueueOrder, newRow, parseDesk, toEntry, toRow } from './desk-rows.ts';
import type { DeskEntry } from './model.ts';

/** A new case's entry as the desk takes it in, with some fields changed. */
const entry = (openedAt: string, more: Partial<DeskEntry> = {}): DeskEntry => {
  const intake = { at: openedAt, language: 'es', locale: 'es', what: '', contact: '', triage: '' } as const;
  return { ...toEntry(newRow('x', { kind: 'intake', referredFrom: null, ...intake })), ...more };
};

describe('desk rows', () => {
  it('keeps every field of an entry through the encoding, and only what a case has', () => {
    const full = entry('2026-06-10T08:00:00.123Z', {
      state: 'referred',
      language: 'ar',
      assignee: 'u1',
      firstResponseAt: '2026-06-10T08:20:00.000Z',
      vetting: { publicSources: 'a', voucher: 'b', evaluation: 'c', signedOffBy: null, at: 'x', by: 'u2' },
      referredFrom: { helplineId: 'h', caseId: 'c', name: 'Other' },
      referredTo: 'c2',
    });
    const purged = entry('2026-06-10T07:00:00.000Z', { state: 'closed', purged: true, closedAt: 'y' });
    const plain = entry('2026-06-10T09:00:00.000Z');
    const rows = [toRow('c1', full), toRow('c2', purged), toRow('c3', plain)];
    expect(rows[2]!.more).toBeNull();
    const read = parseDesk(encodeDesk({ revision: null, rows }, 'rev1'));
    expect(read.revision).toBe('rev1');
    expect(read.rows.map((r) => [r.id, toEntry(r)])).toEqual([
      ['c2', purged],
      ['c1', full],
      ['c3', plain],
    ]);
    expect(parseDesk(encodeDesk({ revision: null, rows: [] }, null))).toEqual({ revision: null, rows: [] });
  });

  it('writes the rows in queue order (opened, then id), and still reads the first encoding', () => {
    const rows = [
      toRow('b', entry('2026-06-10T09:00:00.000Z')),
      toRow('c', entry('2026-06-10T08:00:00.000Z')),
      toRow('a', entry('2026-06-10T09:00:00.000Z')),
    ];
    const read = parseDesk(encodeDesk({ revision: null, rows }, 'rev1'));
    expect(read.rows.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(inQueueOrder(read.rows)).toBe(read.rows);
    const old = parseDesk(
      JSON.stringify({ cases: { z: entry('2026-06-10T07:00:00.000Z'), y: entry('2026-06-10T06:00:00.000Z') } }),
    );
    expect(old.revision).toBeNull();
    expect(old.rows.map((r) => [r.id, toEntry(r).openedAt])).toEqual([
      ['y', '2026-06-10T06:00:00.000Z'],
      ['z', '2026-06-10T07:00:00.000Z'],
    ]);
  });
});
