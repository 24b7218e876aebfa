import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv, type TestEnv } from './helpers/context.ts';
import { approveSuggestion, submitSuggestion } from '../src/features/suggestions/service.ts';
import { anonymous, cliOperator } from '../src/platform/access.ts';
import { audit, GENESIS, verifyAudit } from '../src/platform/audit.ts';

// Each test starts from its own empty database, so none depends on what another wrote or on their order.
let env: TestEnv;
beforeEach(async () => {
  env = await testEnv({ seed: false });
});
afterEach(() => env.close());

const at = new Date('2026-11-24T10:00:00Z');

describe('audit log', () => {
  it('chains each entry to the one before, from a fixed genesis', async () => {
    const first = await audit(
      env.ctx.db,
      { actor: 'operator:cli', action: 'test.one', objectType: 'thing', objectId: 'a' },
      at,
    );
    const second = await audit(
      env.ctx.db,
      { actor: 'operator:cli', action: 'test.two', objectType: 'thing', objectId: 'b' },
      at,
    );
    expect(first.prevHash).toBe(GENESIS);
    expect(second.prevHash).toBe(first.hash);
    expect(second.seq).toBe(first.seq + 1);
    expect(await verifyAudit(env.ctx.db)).toMatchObject({ entries: 2, head: second.hash, problems: [] });
  });

  it('keeps a valid chain when many writers append at once', async () => {
    const writers = 25;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        audit(env.ctx.db, { actor: 'anonymous', action: 'test.many', objectType: 'thing', objectId: `m${i}` }, at),
      ),
    );
    const result = await verifyAudit(env.ctx.db);
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(writers);
    const seqs = (await env.ctx.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()).map((r) =>
      Number(r.seq),
    );
    expect(new Set(seqs).size).toBe(writers);
  });

  it('records what services do, with ids only', async () => {
    const created = await submitSuggestion(env.ctx, anonymous, {
      kind: 'new',
      name: 'Audit Fund',
      website: 'https://audit.example.org',
      details: 'A suggestion to see the audit log at work.',
      kinds: ['training'],
      serves: ['cso'],
      regions: ['global'],
      contact: 'secret@example.org',
    });
    if (!created.ok) throw new Error('setup');
    await approveSuggestion(env.ctx, cliOperator, created.value.id);
    const rows = await env.ctx.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'object_type', 'object_id'])
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { actor: 'anonymous', action: 'suggestion.create', object_type: 'suggestion', object_id: created.value.id },
      { actor: 'operator:cli', action: 'mechanism.create', object_type: 'mechanism', object_id: 'audit-fund' },
      { actor: 'operator:cli', action: 'suggestion.approve', object_type: 'suggestion', object_id: created.value.id },
    ]);
    const all = JSON.stringify(await sql`select * from audit_log`.execute(env.ctx.db));
    expect(all).not.toContain('secret@example.org');
    expect(all).not.toContain('Audit Fund');
  });

  it('detects an edited entry and a deleted one, and says which', async () => {
    for (let i = 1; i <= 12; i++)
      await audit(
        env.ctx.db,
        { actor: 'operator:cli', action: 'test.chain', objectType: 'thing', objectId: `c${i}` },
        at,
      );
    expect((await verifyAudit(env.ctx.db)).problems).toEqual([]);
    await env.ctx.db.updateTable('audit_log').set({ object_id: 'forged' }).where('seq', '=', 5).execute();
    await env.ctx.db.deleteFrom('audit_log').where('seq', '=', 10).execute();
    const { problems } = await verifyAudit(env.ctx.db);
    expect(problems).toContainEqual({ seq: 5, problem: 'was changed after it was written' });
    expect(problems).toContainEqual({ seq: 11, problem: 'entries 10..10 are missing' });
    expect(problems).toContainEqual({ seq: 11, problem: 'does not link to the entry before it' });
  });
});
