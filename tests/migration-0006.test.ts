// Migration 0006 moves data written in the old shape (a row per answer, per plan action and per
// adopted card, with plain ids, statuses and due dates) into sealed documents, and drops the old tables:
// everything reads back through the services, and nothing of the old shape is left.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createContext } from '../src/context.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { listPlan } from '../src/features/assessments/plan/service.ts';
import { scenarioLibrary } from '../src/features/assessments/scenarios/service.ts';
import { getAssessment } from '../src/features/assessments/assessment/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { findOrg, orgName } from '../src/features/accounts/orgs/service.ts';
import { createLegacyOrgKey, emptyKeys, legacyKeySource } from '../src/platform/keyring.ts';
import { createLogger } from '../src/platform/logger.ts';
import { createSealer } from '../src/platform/sealer.ts';
import { loadCuratedData } from '../src/main.ts';
import { databaseAt } from './helpers/old-database.ts';
import { databaseText, tableNames } from './helpers/db-text.ts';
import type { TestEnv } from './helpers/context.ts';

describe('migration 0006-sealed-documents', () => {
  it('moves answers, plan actions and adopted cards into sealed documents and drops the plain tables', async () => {
    const { config, db, dbSchema, usingPostgres } = await databaseAt('0004-assessments');

    // Written the way the application stored it before 0006.
    const serverKey = randomBytes(32);
    const sealer = createSealer(legacyKeySource(db, serverKey));
    const orgId = 'oldshapeorg1';
    const now = new Date('2026-03-02T08:00:00Z');
    const name = await sealer.seal(
      { scope: { kind: 'platform' }, table: 'organisations', column: 'name', rowId: orgId },
      'Old Shape Org',
    );
    await (db as unknown as Kysely<any>)
      .insertInto('organisations')
      .values({ id: orgId, name, require_mfa: usingPostgres ? false : 0, created_at: now.toISOString() })
      .execute();
    await createLegacyOrgKey(db, serverKey, orgId, now);
    const at = (table: string, column: string, rowId: string) => ({
      scope: { kind: 'org' as const, orgId },
      table,
      column,
      rowId,
    });
    const assessmentId = 'oldassess001';
    const old = db as unknown as Kysely<any>; // the tables of the old shape are no longer in the schema types
    await old
      .insertInto('assessments')
      .values({
        id: assessmentId,
        org_id: orgId,
        status: 'open',
        based_on: null,
        instrument_version: 1,
        created_by: 'cli',
        created_at: now.toISOString(),
        closed_by: null,
        closed_at: null,
        scores: null,
      })
      .execute();
    const answers: [string, object][] = [
      ['funding-account-frozen', { likelihood: 4, impact: 5 }],
      ['funding-concentration', { level: 3 }],
      ['note:funding', { text: 'old note 8831' }],
      ['context:context-alliances', { text: 'old context 5520' }],
    ];
    for (const [questionId, value] of answers) {
      const sealed = await sealer.seal(
        at('assessment_answers', 'value', `${assessmentId}:${questionId}`),
        JSON.stringify(value),
      );
      await old
        .insertInto('assessment_answers')
        .values({
          assessment_id: assessmentId,
          org_id: orgId,
          question_id: questionId,
          value: sealed,
          updated_by: 'cli',
          updated_at: now.toISOString(),
        })
        .execute();
    }
    const reason = { domain: 'funding', risk: 20, threat: 5, vulnerability: 4, capacity: 1, band: 'high' };
    for (const [i, [id, actionId, status]] of (
      [
        ['oldaction001', 'diversify-funding', 'doing'],
        ['oldaction002', 'relationships-funders', 'todo'],
      ] as const
    ).entries()) {
      await old
        .insertInto('plan_actions')
        .values({
          id,
          org_id: orgId,
          action_id: actionId,
          assessment_id: assessmentId,
          domain: 'funding',
          reason: await sealer.seal(at('plan_actions', 'reason', id), JSON.stringify(reason)),
          owner_id: null,
          due_on: i === 0 ? '2031-07-19' : null,
          status,
          notes: await sealer.seal(at('plan_actions', 'notes', id), `old notes ${i}`),
          created_at: new Date(now.getTime() + i).toISOString(),
          updated_at: now.toISOString(),
        })
        .execute();
    }
    const plan = {
      signs: 'old signs 7310',
      steps: '',
      roles: [{ task: 'Calls the lawyer', who: '' }],
      contacts: '',
      prepare: '',
    };
    await old
      .insertInto('org_scenarios')
      .values({
        id: 'oldscenario1',
        org_id: orgId,
        card_id: 'office-raid',
        plan: await sealer.seal(at('org_scenarios', 'plan', 'oldscenario1'), JSON.stringify(plan)),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();

    // Without the server key the data cannot be moved: the migration refuses and changes nothing.
    await expect(migrateToLatest(db, dbSchema)).rejects.toThrow(/needs the server key/);
    expect(await tableNames({ ctx: { db } } as TestEnv)).toContain('assessment_answers');

    expect(await migrateToLatest(db, dbSchema, serverKey)).toContain('0006-sealed-documents');
    const tables = await tableNames({ ctx: { db } } as TestEnv);
    for (const gone of ['assessment_answers', 'plan_actions', 'org_scenarios']) expect(tables).not.toContain(gone);

    const ctx = await createContext(config, { db, serverKey, logger: createLogger('warn') });
    await loadCuratedData(ctx); // the assessment library is checked against the directory
    // After 0007 the organisation's key is still the server-wrapped one (no owner has signed in yet).
    await ctx.keyring.hold(emptyKeys(), async () => {
      ctx.keyring.admit(orgId, (await ctx.keyring.legacySecret(orgId))!, null);
      expect(await orgName(ctx, (await findOrg(ctx.db, orgId))!.sealedName, orgId)).toBe('Old Shape Org');
      const a = await getAssessment(ctx, cliOperator, orgId, assessmentId);
      expect(a.answers).toEqual({
        'funding-account-frozen': { likelihood: 4, impact: 5 },
        'funding-concentration': { level: 3 },
      });
      expect(a.notes).toEqual({ funding: 'old note 8831' });
      expect(a.context).toEqual({ 'context-alliances': 'old context 5520' });
      const actions = await listPlan(ctx, cliOperator, orgId);
      expect(actions.map((x) => [x.id, x.actionId, x.status, x.dueOn, x.notes, x.reason.band])).toEqual([
        ['oldaction001', 'diversify-funding', 'doing', '2031-07-19', 'old notes 0', 'high'],
        ['oldaction002', 'relationships-funders', 'todo', null, 'old notes 1', 'high'],
      ]);
      const { adopted } = await scenarioLibrary(ctx, cliOperator, orgId);
      expect(adopted.map((x) => [x.id, x.card.id, x.plan.signs])).toEqual([
        ['oldscenario1', 'office-raid', 'old signs 7310'],
      ]);
    });

    // Nothing of it is left plain.
    const text = Object.entries(await databaseText({ ctx: { db } } as TestEnv))
      .filter(([t]) => t !== 'mechanisms')
      .map(([, v]) => v)
      .join('\n');
    const plain = ['funding-account-frozen', 'diversify-funding', 'relationships-funders', 'office-raid', '2031-07-19'];
    for (const word of [...plain, '"doing"', 'old note']) expect(text).not.toContain(word);
    if (!usingPostgres) {
      // Nor in the SQLite file and its WAL: the dropped rows were zeroed (secure_delete) and the WAL emptied.
      const files = fs
        .readdirSync(config.dataDir)
        .filter((f) => f.startsWith('amparo.db'))
        .map((f) => fs.readFileSync(path.join(config.dataDir, f)));
      expect(files.length).toBeGreaterThan(0);
      for (const word of plain)
        expect(files.filter((bytes) => bytes.indexOf(word) >= 0).length, `${word} on disk`).toBe(0);
    }
  });
});
