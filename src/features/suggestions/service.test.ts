import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { anonymous, cliOperator, type Actor } from '../../platform/access.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../platform/errors.ts';
import { getMechanism } from '../directory/service.ts';
import { approveSuggestion, listSuggestions, rejectSuggestion, slugify, submitSuggestion } from './service.ts';

let env: TestEnv;
// A day that is neither today nor the helpers' default, so the date below can only come from this clock.
const clock = new TestClock(new Date('2025-03-14T09:30:00Z'));
beforeAll(async () => {
  env = await testEnv({ clock });
});
afterAll(() => env.close());

async function submit(fields: Record<string, unknown>): Promise<string> {
  const result = await submitSuggestion(env.ctx, anonymous, fields);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value.id;
}

const newOne = {
  kind: 'new',
  name: 'Réseau Sûr',
  website: 'https://reseau.example.org/',
  details: 'Legal aid for journalists in West Africa, free of charge.',
  kinds: ['legal-aid'],
  serves: ['journalist'],
  contact: 'me@example.org',
};

describe('moderation', () => {
  it('only a curator or an operator may list or decide', async () => {
    const id = await submit(newOne);
    const member: Actor = {
      kind: 'user',
      userId: 'u1',
      sessionId: 's1',
      platformRole: null,
      mfa: false,
      memberships: new Map(),
    };
    for (const actor of [anonymous, member]) {
      const expected = actor.kind === 'anonymous' ? UnauthenticatedError : ForbiddenError;
      await expect(listSuggestions(env.ctx, actor)).rejects.toThrow(expected);
      await expect(approveSuggestion(env.ctx, actor, id)).rejects.toThrow(expected);
      await expect(rejectSuggestion(env.ctx, actor, id, 'spam')).rejects.toThrow(expected);
    }
    const curator: Actor = { ...member, platformRole: 'curator' };
    expect((await listSuggestions(env.ctx, curator)).map((s) => s.id)).toContain(id);
  });

  it('approving a new resource needs what the schema needs, then adds it with its source', async () => {
    const id = await submit(newOne);
    expect(await approveSuggestion(env.ctx, cliOperator, id)).toMatchObject({
      ok: false,
      problems: { regions: { key: 'validation.choice' } }, // no region given
    });
    expect(await approveSuggestion(env.ctx, cliOperator, id, { regions: ['africa'] })).toEqual({
      ok: true,
      value: { mechanismId: 'reseau-sur' },
    });
    const { mechanism } = await getMechanism(env.ctx, anonymous, 'reseau-sur');
    expect(mechanism).toMatchObject({
      name: 'Réseau Sûr',
      kinds: ['legal-aid'],
      regions: ['africa'],
      verifiedAt: '2025-03-14',
    });
    expect(mechanism.source[0]!.title).toContain(id);
  });

  it('erases the contact details once decided, and decides only once', async () => {
    const id = await submit({ ...newOne, name: 'Another One' });
    await rejectSuggestion(env.ctx, cliOperator, id, 'Duplicate of an existing record');
    const decided = (await listSuggestions(env.ctx, cliOperator, 'rejected')).find((s) => s.id === id)!;
    expect(decided.payload.contact).toBe('');
    expect(decided.payload.name).toBe('Another One');
    expect(decided.reason).toBe('Duplicate of an existing record');
    await expect(approveSuggestion(env.ctx, cliOperator, id)).rejects.toThrow(ConflictError);
  });

  it('approving a correction marks it for the curator and changes no record', async () => {
    const before = (await getMechanism(env.ctx, anonymous, 'civicert')).mechanism;
    const id = await submit({
      kind: 'correction',
      mechanism: 'civicert',
      details: 'Their website moved to a new address.',
    });
    expect(await approveSuggestion(env.ctx, cliOperator, id)).toEqual({ ok: true, value: { mechanismId: 'civicert' } });
    expect((await getMechanism(env.ctx, anonymous, 'civicert')).mechanism).toEqual(before);
  });

  it('reports an unknown id as not found and refuses an empty reason', async () => {
    await expect(rejectSuggestion(env.ctx, cliOperator, 'nope', 'reason')).rejects.toThrow(NotFoundError);
    const id = await submit({ ...newOne, name: 'Third' });
    expect(await rejectSuggestion(env.ctx, cliOperator, id, '  ')).toEqual({
      ok: false,
      problems: { reason: { key: 'validation.tooShort', values: { min: 3 } } },
    });
  });
});

describe('slugify', () => {
  it.each([
    ['Réseau Sûr', 'reseau-sur'],
    ['  ACCESS -- Now!! ', 'access-now'],
    ['Правозащита', 'mechanism'],
  ])('%s -> %s', (name, slug) => expect(slugify(name)).toBe(slug));
});
