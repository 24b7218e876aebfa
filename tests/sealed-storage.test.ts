// Assessment answers are sealed: after saving, a distinctive free-text answer appears in no column of
// any table, nor anywhere in the database's files on disk (SQLite's file and its WAL; PostgreSQL's data
// directory after a checkpoint, when this process may read it), yet a member reads it back intact.
// Nor does the shape of what is stored give the risk picture away (docs/decisions/0010): no plain
// area, question, action or card id, status or due date, and the same rows whatever was answered.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePlan, listPlan, updatePlanAction } from '../src/features/assessments/plan/service.ts';
import { adoptScenario } from '../src/features/assessments/scenarios/service.ts';
import {
  closeAssessment,
  loadLibrary,
  saveDomain,
  startAssessment,
} from '../src/features/assessments/assessment/service.ts';
import { cliOperator } from '../src/platform/access.ts';
import { addMember, newOrg, signInAs, withOrgKey } from './helpers/accounts.ts';
import { postForm, testEnv, usingPostgres, type TestEnv } from './helpers/context.ts';
import { allMembers } from '../src/features/accounts/orgs/members.ts';
import { databaseText, tableNames } from './helpers/db-text.ts';

const NOTE = 'zebra-quokka-7781 safe house on Calle Sucre';
const CONTEXT = 'marimba-tangerine-4402 alliance with the teachers union';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ seed: true });
});
afterAll(() => env.close());

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('sealed assessment answers', () => {
  it('are nowhere in plain text, in the tables or on disk, and read back intact', async () => {
    const orgId = await newOrg(env, 'Sealed Org');
    const cookie = await signInAs(env, await addMember(env, orgId, 'owner'));
    const started = await postForm(env, `/en/orgs/${orgId}/assessments`, {}, { cookie });
    const id = started.headers.get('location')!.split('/').pop()!;
    const { instrument } = await loadLibrary(env.ctx);
    const threat = instrument.domains[1]!.threats[0]!.id;
    expect(
      (
        await postForm(
          env,
          `/en/orgs/${orgId}/assessments/${id}/domains/${instrument.domains[1]!.id}`,
          { [`${threat}.likelihood`]: '4', [`${threat}.impact`]: '5', note: NOTE },
          { cookie },
        )
      ).status,
    ).toBe(303);
    expect(
      (
        await postForm(
          env,
          `/en/orgs/${orgId}/assessments/${id}/context`,
          { [instrument.context[0]!.id]: CONTEXT },
          { cookie },
        )
      ).status,
    ).toBe(303);
    expect(
      (await postForm(env, `/en/orgs/${orgId}/assessments/${id}/close`, { confirm: 'anyway' }, { cookie })).status,
    ).toBe(303); // other areas left unscored

    // Every text, JSON and binary column of every table.
    for (const [table, text] of Object.entries(await databaseText(env))) {
      for (const secret of [NOTE, CONTEXT, 'zebra-quokka', 'marimba-tangerine', '"likelihood"', '"risk"'])
        expect(text, `${table} holds ${secret}`).not.toContain(secret);
    }

    // The files on disk.
    let files: string[] = [];
    if (usingPostgres) {
      await sql`checkpoint`.execute(env.ctx.db);
      const dataDirectory = (await sql<{ data_directory: string }>`show data_directory`.execute(env.ctx.db)).rows[0]!
        .data_directory;
      try {
        files = filesUnder(dataDirectory);
      } catch {
        console.log(
          `PostgreSQL data directory ${dataDirectory} is not readable by this process: its files were not searched`,
        );
      }
    } else {
      files = fs
        .readdirSync(env.dataDir)
        .filter((f) => f.startsWith('amparo.db'))
        .map((f) => path.join(env.dataDir, f));
      // The search itself works: public directory text, stored plain, is found in those same files.
      expect(files.some((f) => fs.readFileSync(f).indexOf('Digital Security Helpline') >= 0)).toBe(true);
    }
    let searched = 0;
    for (const file of files) {
      let bytes: Buffer;
      try {
        bytes = fs.readFileSync(file);
      } catch {
        continue;
      }
      searched += bytes.length;
      for (const secret of ['zebra-quokka', 'marimba-tangerine'])
        expect(bytes.indexOf(secret), `${file} holds ${secret}`).toBe(-1);
    }
    console.log(
      `searched ${files.length} database files, ${(searched / 1e6).toFixed(1)} MB, for the answers: not found`,
    );
    if (usingPostgres && files.length > 0) {
      // The search itself works: a plain value written on purpose is found in those same files.
      await sql`create table plain_probe (v text)`.execute(env.ctx.db);
      await sql`insert into plain_probe values ('probe-visible-5521')`.execute(env.ctx.db);
      await sql`checkpoint`.execute(env.ctx.db);
      const found = filesUnder(
        (await sql<{ data_directory: string }>`show data_directory`.execute(env.ctx.db)).rows[0]!.data_directory,
      ).some((f) => {
        try {
          return fs.readFileSync(f).indexOf('probe-visible-5521') >= 0;
        } catch {
          return false;
        }
      });
      expect(found).toBe(true);
    }

    // A member reads them back intact.
    const page = await (
      await env.app.request(`/en/orgs/${orgId}/assessments/${id}/print`, { headers: { cookie } })
    ).text();
    expect(page).toContain(NOTE);
    expect(page).toContain(CONTEXT);
  });
});

const DUE = '2031-07-19';

async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await tableNames(env))
    out[table] = Number(
      (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(env.ctx.db)).rows[0]!.n,
    );
  return out;
}

/**
 * An organisation with its own risk picture, made through the services: some areas answered at the
 * given levels (threat, weak spots, capacity), the assessment closed, a plan proposed, its first
 * action dropped with a due date, and some what-if cards adopted. Returns the rows it added per table.
 */
async function organisation(name: string, areas: Record<string, [number, number, number]>, cards: string[]) {
  const before = await rowCounts();
  const orgId = await newOrg(env, name);
  await addMember(env, orgId, 'owner');
  const { instrument } = await loadLibrary(env.ctx);
  const { id } = await withOrgKey(env, orgId, () => startAssessment(env.ctx, cliOperator, orgId, {}));
  for (const [domainId, [threat, weak, capacity]] of Object.entries(areas)) {
    const domain = instrument.domains.find((d) => d.id === domainId)!;
    const fields: Record<string, string> = {};
    for (const q of domain.threats)
      Object.assign(fields, { [`${q.id}.likelihood`]: String(threat), [`${q.id}.impact`]: String(threat) });
    for (const q of domain.vulnerabilities) fields[q.id] = String(weak);
    for (const q of domain.capacities) fields[q.id] = String(capacity);
    expect((await withOrgKey(env, orgId, () => saveDomain(env.ctx, cliOperator, orgId, id, domainId, fields))).ok).toBe(
      true,
    );
  }
  await withOrgKey(env, orgId, () => closeAssessment(env.ctx, cliOperator, orgId, id));
  const { added } = await withOrgKey(env, orgId, () => generatePlan(env.ctx, cliOperator, orgId, id));
  const plan = await withOrgKey(env, orgId, () => listPlan(env.ctx, cliOperator, orgId));
  expect(plan.length).toBe(added);
  // The action is given to a member: their id gains no new place in the database.
  const assignee = (await withOrgKey(env, orgId, () => allMembers(env.ctx, env.ctx.db, orgId)))[0]!.userId;
  const mentions = async () =>
    Object.values(await databaseText(env))
      .join('\n')
      .split(assignee).length;
  const mentioned = await mentions();
  expect(
    (
      await withOrgKey(env, orgId, () =>
        updatePlanAction(env.ctx, cliOperator, orgId, plan[0]!.id, { status: 'dropped', due: DUE, owner: assignee }),
      )
    ).ok,
  ).toBe(true);
  expect(await mentions()).toBe(mentioned);
  expect((await withOrgKey(env, orgId, () => listPlan(env.ctx, cliOperator, orgId)))[0]).toMatchObject({
    ownerId: assignee,
    status: 'dropped',
    dueOn: DUE,
  });
  for (const card of cards) await withOrgKey(env, orgId, () => adoptScenario(env.ctx, cliOperator, orgId, card, 'en'));
  const after = await rowCounts();
  return {
    actions: plan.map((a) => a.actionId),
    added: Object.fromEntries(Object.keys(after).map((t) => [t, after[t]! - (before[t] ?? 0)])),
  };
}

describe('the shape of what is stored', () => {
  it('names no area, question, action, card, status, assignee or due date, and is the same whatever the risk picture', async () => {
    const { instrument, scenarios, actions } = await loadLibrary(env.ctx);
    const cards = [...scenarios.keys()];
    // One area answered, high; against five areas, high and medium, and three times the cards.
    const small = await organisation('Small Picture', { funding: [5, 4, 1] }, cards.slice(0, 1));
    const large = await organisation(
      'Large Picture',
      { legal: [5, 5, 0], digital: [5, 4, 1], physical: [4, 4, 2], people: [3, 3, 2], political: [5, 5, 1] },
      cards.slice(0, 3),
    );
    expect(large.actions.length).toBeGreaterThan(small.actions.length);

    // The same tables gain the same number of rows. The audit log is the exception by design: it
    // counts events (someone adopted or edited a card), never naming what changed.
    const { audit_log: _a, ...smallRows } = small.added;
    const { audit_log: _b, ...largeRows } = large.added;
    expect(largeRows).toEqual(smallRows);
    // Nor does a row of its own tell that an organisation adopted what-if cards at all.
    const none = await organisation('No Cards', { funding: [5, 4, 1] }, []);
    const { audit_log: _c, ...noneRows } = none.added;
    expect(noneRows).toEqual(smallRows);

    // No plain cell (sealed values, "v1." + ciphertext, aside) holds an id, a status or the due date.
    const questionIds = instrument.domains
      .flatMap((d) => [...d.threats, ...d.vulnerabilities, ...d.capacities].map((q) => q.id))
      .concat(instrument.context.map((q) => q.id));
    const words = [
      ...instrument.domains.map((d) => d.id),
      ...questionIds,
      ...actions.keys(),
      ...cards,
      'todo',
      'doing',
      'done',
      'dropped',
      DUE,
    ];
    const dumped = await databaseText(env);
    let cells = 0;
    for (const [table, text] of Object.entries(dumped)) {
      if (table === 'mechanisms') continue; // the public directory, plain by design
      for (const row of JSON.parse(text) as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) {
          const cell = value instanceof Object ? JSON.stringify(value) : String(value);
          if (cell.startsWith('v1.')) continue;
          cells += 1;
          for (const word of words)
            expect(
              new RegExp(`(^|[^a-z0-9-])${word}($|[^a-z0-9-])`).test(cell),
              `${table}.${column} holds ${word}: ${cell}`,
            ).toBe(false);
        }
      }
    }
    expect(cells).toBeGreaterThan(50);

    // Nor does the length of a sealed document count answers or actions: each is padded.
    const docs = await sql<{
      kind: string;
      doc: string;
    }>`select kind, doc from org_documents union all select 'assessment' as kind, doc from assessments`.execute(
      env.ctx.db,
    );
    for (const kind of ['plan', 'scenarios', 'assessment']) {
      const lengths = new Set(docs.rows.filter((r) => r.kind === kind).map((r) => r.doc.length));
      expect(lengths.size, `${kind} documents of different lengths: ${[...lengths].join(', ')}`).toBe(1);
    }

    // Nor does a document's revision count its saves (one area saved against five, one card against three):
    // the compare-and-swap token is random, the same shape however often it changed.
    const revisions = await sql<{
      revision: unknown;
    }>`select revision from org_documents union all select revision from assessments`.execute(env.ctx.db);
    expect(revisions.rows.length).toBeGreaterThanOrEqual(6);
    for (const { revision } of revisions.rows) expect(String(revision)).toMatch(/^[a-z0-9]{16}$/);
  });
});
