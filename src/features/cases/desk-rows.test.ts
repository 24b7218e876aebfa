import { describe, expect, it } from 'vitest';
import { encodeDesk, inQueueOrder, parseDesk, toEntry, toRow } from './desk-rows.ts';
import type { DeskEntry } from './model.ts';

const entry = (openedAt: string, more: Partial<DeskEntry> = {}): DeskEntry => ({
  language: 'es',
  openedAt,
  state: 'new',
  assignee: null,
  firstResponseAt: null,
  resolvedAt: null,
  closedAt: null,
  purged: false,
  vetting: null,
  referredFrom: null,
  referredTo: null,
  ...more,
});

describe('desk rows', () => {
  it('keeps every field of an entry, and leaves off only the trailing empty ones', () => {
    const full = entry('2026-06-10T08:00:00.000Z', {
      state: 'referred',
      assignee: 'u1',
      firstResponseAt: '2026-06-10T08:20:00.000Z',
      purged: false,
      vetting: { publicSources: 'a', voucher: 'b', evaluation: 'c', signedOffBy: null, at: 'x', by: 'u2' },
      referredFrom: { helplineId: 'h', caseId: 'c', name: 'Other' },
      referredTo: 'c2',
    });
    expect(toEntry(toRow('c1', full))).toEqual(full);
    const purged = entry('2026-06-10T08:00:00.000Z', { purged: true });
    expect(toEntry(toRow('c1', purged))).toEqual(purged);
    expect(toRow('c1', entry('2026-06-10T08:00:00.000Z'))).toEqual(['c1', 'es', '2026-06-10T08:00:00.000Z', 'new']);
  });

  it('writes the rows in queue order with the revision, and still reads the first encoding', () => {
    const rows = [
      toRow('b', entry('2026-06-10T09:00:00.000Z')),
      toRow('c', entry('2026-06-10T08:00:00.000Z')),
      toRow('a', entry('2026-06-10T09:00:00.000Z')),
    ];
    const read = parseDesk(encodeDesk({ revision: null, rows }, 'rev1'));
    expect(read.revision).toBe('rev1');
    expect(read.rows.map((r) => r[0])).toEqual(['c', 'a', 'b']);
    const old = parseDesk(
      JSON.stringify({ cases: { z: entry('2026-06-10T07:00:00.000Z'), y: entry('2026-06-10T06:00:00.000Z') } }),
    );
    expect(old.revision).toBeNull();
    expect(old.rows.map((r) => [r[0], toEntry(r).openedAt])).toEqual([
      ['y', '2026-06-10T06:00:00.000Z'],
      ['z', '2026-06-10T07:00:00.000Z'],
    ]);
    const sorted = inQueueOrder(read.rows);
    expect(sorted).toBe(read.rows);
  });
});
