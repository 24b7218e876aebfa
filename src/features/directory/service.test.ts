import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from '../../../tests/helpers/context.ts';
import { buildConfig } from '../../config/config.ts';
import { createContext } from '../../context.ts';
import { anonymous, cliOperator, type Actor } from '../../platform/access.ts';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.ts';
import { mechanismSchema } from './schema.ts';
import { getMechanism, importMechanisms, listDirectory, searchDirectory } from './service.ts';
import { SHIPPED_MECHANISMS } from '../../../tests/helpers/shipped.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

const record = (over: object) =>
  mechanismSchema.parse({
    id: 'test-fund',
    name: 'Test Fund',
    summary: 'A fund used to test how imports treat versions.',
    kinds: ['emergency-grant'],
    serves: ['cso'],
    regions: ['global'],
    contact: { website: 'https://example.org' },
    verifiedAt: '2026-11-24',
    source: [{ title: 'Test' }],
    version: 1,
    ...over,
  });

describe('importMechanisms', () => {
  it('is idempotent: loading the shipped data again changes nothing', async () => {
    const all = await listDirectory(env.ctx, anonymous);
    expect(await importMechanisms(env.ctx, cliOperator, all)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: SHIPPED_MECHANISMS,
    });
  });

  it('keeps a curator edit until the file version rises', async () => {
    await importMechanisms(env.ctx, cliOperator, [record({})]);
    // A curator edits the row in the database (the curator UI comes with accounts).
    const edited = { ...record({}), name: 'Test Fund (edited by curator)' };
    await env.ctx.db
      .updateTable('mechanisms')
      .set({ doc: JSON.stringify(edited), origin: 'curator', updated_at: new Date().toISOString() })
      .where('id', '=', 'test-fund')
      .execute();

    expect(
      await importMechanisms(env.ctx, cliOperator, [record({ summary: 'Changed in the file but same version.' })]),
    ).toMatchObject({ unchanged: 1 });
    expect((await getMechanism(env.ctx, anonymous, 'test-fund')).mechanism.name).toBe('Test Fund (edited by curator)');

    expect(await importMechanisms(env.ctx, cliOperator, [record({ version: 2, name: 'Test Fund v2' })])).toMatchObject({
      updated: 1,
    });
    expect((await getMechanism(env.ctx, anonymous, 'test-fund')).mechanism.name).toBe('Test Fund v2');
  });

  it('is for curators and operators only', async () => {
    await expect(importMechanisms(env.ctx, anonymous, [record({})])).rejects.toThrow(UnauthenticatedError);
    const member: Actor = {
      kind: 'user',
      userId: 'u',
      sessionId: 's',
      platformRole: null,
      mfa: true,
      memberships: new Map(),
    };
    await expect(importMechanisms(env.ctx, member, [record({})])).rejects.toThrow(ForbiddenError);
  });
});

describe('several processes on one database', () => {
  it('a process sees a record another process added, within about a second', async () => {
    const other = await createContext(buildConfig({}, { ...env.ctx.config, logLevel: 'silent' }));
    try {
      const none = { q: '', kinds: [], serves: [], themes: [], regions: [], languages: [], alwaysOn: false };
      const find = async () =>
        (await searchDirectory(env.ctx, anonymous, { ...none, q: 'Zanzibar' }, { limit: 10, offset: 0 })).items.map(
          (m) => m.id,
        );
      expect(await find()).toEqual([]);
      await importMechanisms(other, cliOperator, [record({ id: 'zanzibar-fund', name: 'Zanzibar Fund' })]);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await find(); // the first request after a second starts the check; the next one sees its result
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await find()).toEqual(['zanzibar-fund']);
      // Nothing changed elsewhere since: the index stays as it is.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await find();
      expect(await find()).toEqual(['zanzibar-fund']);
    } finally {
      await other.db.destroy();
    }
  });
});
