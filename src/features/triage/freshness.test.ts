// Freshness in the referral list (decision 0018), on a fixed clock: closed records are never listed,
// stale or unknown ones come after checked ones, paused ones last.
import { describe, expect, it } from 'vitest';
import { mechanismSchema, type MechanismInput } from '../directory/service.ts';
import { eligible } from './graph.ts';
import { readState } from './input.ts';
import { rankReferrals } from './ranking.ts';
import type { OutcomeNode } from './schema.ts';

const make = (over: Partial<MechanismInput>) =>
  mechanismSchema.parse({
    id: 'x',
    name: 'Xx',
    summary: 'A mechanism used in the freshness tests.',
    kinds: ['digital-security-helpline'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-06-01',
    source: [{ title: 'Test' }],
    version: 1,
    ...over,
  });

const referral: OutcomeNode['referral'] = {
  kinds: ['digital-security-helpline'],
  threats: ['digital-attack'],
  themes: [],
  serves: [],
};
const NOW = new Date('2026-12-01T10:00:00Z');
const rank = (ms: ReturnType<typeof make>[], now = NOW, query = '') =>
  rankReferrals(ms, referral, readState(new URLSearchParams(query)), {}, now, Infinity);
const ids = (r: { mechanism: { id: string } }[]) => r.map((x) => x.mechanism.id);

describe('freshness in referrals', () => {
  it('never refers anyone to a closed record, however well it fits', () => {
    const closed = make({ id: 'closed', status: 'closed', alwaysOn: true, languages: ['es'] });
    const open = make({ id: 'open' });
    expect(ids(rank([closed, open], NOW, 'lang=es&urgency=now'))).toEqual(['open']);
    expect(eligible([closed], referral)).toEqual([]);
  });

  it('lists a record unchecked for over twelve months after checked ones, and flags it', () => {
    // The stale record earns more points (always on, Spanish); checking decides first.
    const old = make({ id: 'a-old', verifiedAt: '2025-11-30', alwaysOn: true, languages: ['es'] });
    const checked = make({ id: 'z-checked', verifiedAt: '2025-12-01' });
    const ranked = rank([old, checked], NOW, 'lang=es');
    expect(ids(ranked)).toEqual(['z-checked', 'a-old']);
    expect(ranked.map((r) => r.stale)).toEqual([false, true]);
    // A day later on the clock, the other one is stale too, and points decide again.
    const later = rank([old, checked], new Date('2026-12-02T10:00:00Z'), 'lang=es');
    expect(ids(later)).toEqual(['a-old', 'z-checked']);
    expect(later.map((r) => r.stale)).toEqual([true, true]);
  });

  it('lists paused records last, below stale ones and those of unknown status', () => {
    const paused = make({ id: 'a-paused', status: 'paused', alwaysOn: true });
    const unknown = make({ id: 'b-unknown', status: 'unknown' });
    const stale = make({ id: 'c-stale', verifiedAt: '2024-01-01' });
    const active = make({ id: 'd-active' });
    expect(ids(rank([paused, unknown, stale, active]))).toEqual(['d-active', 'b-unknown', 'c-stale', 'a-paused']);
  });
});
