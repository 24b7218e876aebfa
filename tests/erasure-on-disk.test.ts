// An erased value must be gone from the database's files, not only from its row. Deciding a
// suggestion erases the sender's contact: the payload that held it (sealed under the platform key,
// which the server can always open) must then be in neither the SQLite file nor its WAL. PostgreSQL
// keeps dead row versions until VACUUM (the operator's job, docs/decisions/0010), so this is SQLite only.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectSuggestion, submitSuggestion } from '../src/features/suggestions/service.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import { testEnv, usingPostgres, type TestEnv } from './helpers/context.ts';
import { sealAt } from '../src/platform/sealer.ts';

const CONTACT = 'okapi-lantern-6613@example.org';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv();
});
afterAll(() => env.close());

function inFiles(needle: string): string[] {
  return fs
    .readdirSync(env.dataDir)
    .filter((f) => f.startsWith('amparo.db'))
    .filter((f) => fs.readFileSync(path.join(env.dataDir, f)).indexOf(needle) >= 0);
}

describe.skipIf(usingPostgres)('an erased suggestion contact on disk', () => {
  it('is in neither the SQLite file nor its WAL once the suggestion is decided', async () => {
    const sent = await submitSuggestion(env.ctx, anonymous, {
      kind: 'new',
      name: 'Okapi Fund',
      website: 'https://okapi.example.org',
      details: 'A fund that helps groups under pressure.',
      contact: CONTACT,
    });
    if (!sent.ok) throw new Error(JSON.stringify(sent.problems));
    const row = await env.ctx.db
      .selectFrom('suggestions')
      .select('payload')
      .where('id', '=', sent.value.id)
      .executeTakeFirstOrThrow();
    const sealedWithContact = row.payload;
    expect(
      await env.ctx.sealer.open(sealAt.platform('suggestions', 'payload', sent.value.id), sealedWithContact),
    ).toContain(CONTACT);
    // The search works: the payload that holds the contact is in the files now.
    expect(inFiles(sealedWithContact).length).toBeGreaterThan(0);

    await rejectSuggestion(env.ctx, cliOperator, sent.value.id, 'Not a support mechanism');

    expect(inFiles(sealedWithContact), 'the sealed payload with the contact survives in').toEqual([]);
    expect(inFiles(CONTACT)).toEqual([]);
    expect(env.logs.join('\n')).not.toContain('the database was busy');
    // The suggestion itself is still there, without the contact.
    const after = await env.ctx.db
      .selectFrom('suggestions')
      .select('payload')
      .where('id', '=', sent.value.id)
      .executeTakeFirstOrThrow();
    expect(
      await env.ctx.sealer.open(sealAt.platform('suggestions', 'payload', sent.value.id), after.payload),
    ).not.toContain(CONTACT);
  });
});
