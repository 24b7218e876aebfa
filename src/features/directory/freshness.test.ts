// When a check turns stale, on given clocks (never the machine's), and the records a curator should check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, TestClock, type TestEnv } from '../../../tests/helpers/context.ts';
import { cliOperator } from '../../platform/access.ts';
import { isStale, staleBefore } from './freshness.ts';
import { mechanismSchema } from './schema.ts';
import { importMechanisms, recordsToCheck } from './service.ts';

describe('staleBefore', () => {
  it('is the same day twelve calendar months earlier, or the last day of a shorter month', () => {
    expect(staleBefore(new Date('2026-11-24T23:59:00Z'))).toBe('2025-11-24');
    expect(staleBefore(new Date('2028-02-29T10:00:00Z'))).toBe('2027-02-28');
    expect(staleBefore(new Date('2026-03-31T10:00:00Z'), 1)).toBe('2026-02-28');
    expect(staleBefore(new Date('2026-01-15T10:00:00Z'), 18)).toBe('2024-07-15');
  });

  it('leaves a check made exactly a year ago fresh, and one a day older stale', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(isStale({ verifiedAt: '2025-11-24' }, now)).toBe(false);
    expect(isStale({ verifiedAt: '2025-11-23' }, now)).toBe(true);
  });
});

describe('recordsToCheck', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await testEnv({ clock: new TestClock(new Date('2026-11-24T10:00:00Z')), seed: false });
    const record = (id: string, verifiedAt: string, status = 'active') =>
      mechanismSchema.parse({
        id,
        name: `Record ${id}`,
        summary: 'A record used to test which records need a check.',
        kinds: ['training'],
        serves: ['cso'],
        regions: ['global'],
        contact: { website: 'https://example.org' },
        verifiedAt,
        status,
        source: [{ title: 'Test' }],
        version: 1,
      });
    await importMechanisms(env.ctx, cliOperator, [
      record('b-fresh', '2026-06-01'),
      record('a-year', '2025-11-24'),
      record('c-older', '2025-11-23', 'paused'),
      record('d-oldest', '2023-05-05', 'unknown'),
      record('e-closed', '2020-01-01', 'closed'),
    ]);
  });
  afterAll(() => env.close());

  it('lists every record but closed ones, the oldest check first', async () => {
    const ids = (await recordsToCheck(env.ctx, cliOperator)).map((m) => m.id);
    expect(ids).toEqual(['d-oldest', 'c-older', 'a-year', 'b-fresh']);
  });

  it('with a number of months, only those unchecked for that long on the clock', async () => {
    expect((await recordsToCheck(env.ctx, cliOperator, 12)).map((m) => m.id)).toEqual(['d-oldest', 'c-older']);
    expect((await recordsToCheck(env.ctx, cliOperator, 36)).map((m) => m.id)).toEqual(['d-oldest']);
    expect(await recordsToCheck(env.ctx, cliOperator, 48)).toEqual([]);
  });
});
