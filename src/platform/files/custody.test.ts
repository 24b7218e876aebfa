import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendCustody, custodyGenesis, verifyCustody, type CustodyEntry, type CustodyEvent } from './custody.ts';

const fileSha = createHash('sha256').update('the video of the march').digest('hex');
const otherSha = createHash('sha256').update('another file').digest('hex');

const events: CustodyEvent[] = [
  { at: '2026-03-01T10:00:00Z', actor: 'm-ana', action: 'upload', detail: 'video/mp4, 20971520 bytes' },
  { at: '2026-03-01T11:00:00Z', actor: 'm-luis', action: 'view' },
  { at: '2026-03-02T09:30:00Z', actor: 'm-luis', action: 'edit', detail: 'caption' },
  { at: '2026-03-03T08:00:00Z', actor: 'm-ana', action: 'export', detail: 'to the UN rapporteur' },
  { at: '2026-03-04T12:00:00Z', actor: 'm-ana', action: 'publish' },
];

const log = (): CustodyEntry[] => events.reduce<CustodyEntry[]>((l, e) => appendCustody(l, e, fileSha), []);

/** The entry recomputed as a forger would: its own hash made right again after a change. */
const rehashed = (entries: CustodyEntry[], i: number, change: Partial<CustodyEvent>): CustodyEntry[] => {
  const before = entries.slice(0, i);
  const forged = appendCustody(before, { ...entries[i]!, ...change }, fileSha);
  return [...forged, ...entries.slice(i + 1)];
};

describe('chain of custody', () => {
  it('links each entry to the one before, the first to the file', () => {
    const entries = log();
    expect(entries[0]!.prev).toBe(custodyGenesis(fileSha));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prev).toBe(entries[i - 1]!.hash);
    expect(entries[0]).toMatchObject(events[0]!);
    expect(entries[1]).not.toHaveProperty('detail');
    expect(verifyCustody(entries, fileSha)).toEqual({ ok: true });
    expect(verifyCustody(entries, fileSha, entries[4]!.hash)).toEqual({ ok: true });
    expect(verifyCustody([], fileSha)).toEqual({ ok: true });
  });

  it('does not change the log it is given', () => {
    const entries = log();
    const copy = structuredClone(entries);
    appendCustody(entries, { at: '2026-03-05T00:00:00Z', actor: 'm-ana', action: 'download' }, fileSha);
    expect(entries).toEqual(copy);
  });

  it('finds an edited entry at its index', () => {
    const entries = log();
    for (const change of [{ actor: 'm-someone' }, { detail: 'to a journalist' }, { at: '2026-03-03T08:00:01Z' }]) {
      const edited = structuredClone(entries);
      Object.assign(edited[3]!, change);
      expect(verifyCustody(edited, fileSha)).toEqual({ ok: false, at: 3, reason: 'entry changed' });
    }
    const dropped = structuredClone(entries);
    delete dropped[2]!.detail;
    expect(verifyCustody(dropped, fileSha)).toMatchObject({ ok: false, at: 2 });
    // An edit whose own hash was recomputed breaks the link to the next entry.
    expect(verifyCustody(rehashed(entries, 1, { actor: 'm-other' }), fileSha)).toEqual({
      ok: false,
      at: 2,
      reason: 'does not follow entry 1',
    });
  });

  it('finds a deleted, reordered or inserted entry at its index', () => {
    const entries = log();
    expect(verifyCustody([...entries.slice(0, 2), ...entries.slice(3)], fileSha)).toMatchObject({ ok: false, at: 2 });
    expect(verifyCustody(entries.slice(1), fileSha)).toMatchObject({ ok: false, at: 0 });
    expect(verifyCustody([entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)], fileSha)).toMatchObject({
      ok: false,
      at: 1,
    });
    const inserted = appendCustody(
      entries.slice(0, 3),
      { at: '2026-03-02T10:00:00Z', actor: 'x', action: 'view' },
      fileSha,
    );
    expect(verifyCustody([...inserted, ...entries.slice(3)], fileSha)).toMatchObject({ ok: false, at: 4 });
  });

  it('needs the kept head to notice entries cut off the end', () => {
    const entries = log();
    const head = entries[4]!.hash;
    expect(verifyCustody(entries.slice(0, 4), fileSha)).toEqual({ ok: true });
    expect(verifyCustody(entries.slice(0, 4), fileSha, head)).toMatchObject({ ok: false, at: 4 });
  });

  it('belongs to one file', () => {
    expect(verifyCustody(log(), otherSha)).toMatchObject({ ok: false, at: 0 });
  });

  it('refuses an unknown action', () => {
    const bad = { at: '2026-03-01T10:00:00Z', actor: 'm', action: 'delete' } as unknown as CustodyEvent;
    expect(() => appendCustody([], bad, fileSha)).toThrow(/unknown custody action/);
    const entries = log();
    (entries[2] as { action: string }).action = 'delete';
    expect(verifyCustody(entries, fileSha)).toMatchObject({ ok: false, at: 2, reason: 'unknown action' });
  });
});
