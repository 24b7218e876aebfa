// Nothing plain at rest (docs/decisions/0010): an assessment's answers become one sealed document on
// its row, and an organisation's plan actions and adopted what-if cards one sealed document each in
// org_documents. The rows of the old shape (a row per answer, per action, per card, with plain
// question ids, action ids, statuses, due dates and card ids) are opened, moved and dropped.
// Opening and sealing needs the server key: src/db/migrate.ts hands it to `upWithKey`. Run without it
// (`up`), the migration refuses to go on while there is data to move, so nothing is lost or left plain.
import { sql, type Kysely } from 'kysely';
import { newId } from '../../platform/ids.ts';
import { legacyKeySource } from '../../platform/keyring.ts';
import { createSealer, type SealAddress, type Sealer } from '../../platform/sealer.ts';
import type { Db } from '../client.ts';

const PAD_BYTES = 16 * 1024; // as in src/platform/sealed-documents.ts, frozen here

function padded(value: unknown): string {
  const json = JSON.stringify(value);
  const size = Buffer.byteLength(json, 'utf8');
  return json + ' '.repeat(Math.ceil((size + 1) / PAD_BYTES) * PAD_BYTES - size);
}

// Frozen with this migration: it addresses tables that later migrations drop, so not through sealAt.
const at = (orgId: string, table: string, column: string, rowId: string): SealAddress => ({
  scope: { kind: 'org', orgId },
  table,
  column,
  rowId,
});
const iso = (v: string | Date) => (v instanceof Date ? v : new Date(v)).toISOString();

async function createShape(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assessments').addColumn('doc', 'text').execute(); // sealed, padded JSON
  // A random compare-and-swap token, not a counter: a count would say how often a document was saved.
  await db.schema
    .alterTable('assessments')
    .addColumn('revision', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('org_documents')
    .addColumn('id', 'text', (c) => c.primaryKey()) // random
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plan', 'scenarios')`))
    .addColumn('doc', 'text', (c) => c.notNull()) // sealed, padded JSON
    .addColumn('revision', 'text', (c) => c.notNull())
    .addUniqueConstraint('org_documents_org_kind', ['org_id', 'kind'])
    .execute();
}

async function moveAssessments(db: Kysely<any>, sealer: Sealer): Promise<void> {
  for (const a of await db.selectFrom('assessments').select(['id', 'org_id']).execute()) {
    const doc = {
      answers: {} as Record<string, unknown>,
      notes: {} as Record<string, string>,
      context: {} as Record<string, string>,
    };
    const rows = await db
      .selectFrom('assessment_answers')
      .select(['question_id', 'value'])
      .where('assessment_id', '=', a.id)
      .orderBy('question_id')
      .execute();
    for (const r of rows) {
      const value = JSON.parse(
        await sealer.open(at(a.org_id, 'assessment_answers', 'value', `${a.id}:${r.question_id}`), r.value),
      ) as { text?: string };
      if (r.question_id.startsWith('note:')) doc.notes[r.question_id.slice(5)] = value.text ?? '';
      else if (r.question_id.startsWith('context:')) doc.context[r.question_id.slice(8)] = value.text ?? '';
      else doc.answers[r.question_id] = value;
    }
    await db
      .updateTable('assessments')
      .set({ doc: await sealer.seal(at(a.org_id, 'assessments', 'doc', a.id), padded(doc)), revision: newId(16) })
      .where('id', '=', a.id)
      .execute();
  }
}

async function moveOrgDocuments(db: Kysely<any>, sealer: Sealer): Promise<void> {
  const plans = new Map<string, unknown[]>();
  for (const r of await db.selectFrom('plan_actions').selectAll().orderBy('created_at').orderBy('id').execute()) {
    const list = plans.get(r.org_id) ?? [];
    list.push({
      id: r.id,
      actionId: r.action_id,
      assessmentId: r.assessment_id,
      domain: r.domain,
      reason: JSON.parse(await sealer.open(at(r.org_id, 'plan_actions', 'reason', r.id), r.reason)),
      ownerId: r.owner_id,
      dueOn: r.due_on,
      status: r.status,
      notes: await sealer.open(at(r.org_id, 'plan_actions', 'notes', r.id), r.notes),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    });
    plans.set(r.org_id, list);
  }
  const scenarios = new Map<string, unknown[]>();
  for (const r of await db.selectFrom('org_scenarios').selectAll().orderBy('created_at').orderBy('id').execute()) {
    const list = scenarios.get(r.org_id) ?? [];
    list.push({
      id: r.id,
      cardId: r.card_id,
      plan: JSON.parse(await sealer.open(at(r.org_id, 'org_scenarios', 'plan', r.id), r.plan)),
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    });
    scenarios.set(r.org_id, list);
  }
  const write = async (orgId: string, kind: 'plan' | 'scenarios', value: unknown) => {
    const id = newId(16);
    const doc = await sealer.seal(at(orgId, 'org_documents', 'doc', `${kind}:${id}`), padded(value));
    await db
      .insertInto('org_documents')
      .values({ id, org_id: orgId, kind, doc, revision: newId(16) })
      .execute();
  };
  // An organisation with either document gets both (a missing one holds null), as the service writes them.
  for (const orgId of new Set([...plans.keys(), ...scenarios.keys()])) {
    await write(orgId, 'plan', plans.has(orgId) ? { actions: plans.get(orgId) } : null);
    await write(orgId, 'scenarios', scenarios.has(orgId) ? { adopted: scenarios.get(orgId) } : null);
  }
}

async function dropOldShape(db: Kysely<any>): Promise<void> {
  for (const table of ['org_scenarios', 'plan_actions', 'assessment_answers'])
    await db.schema.dropTable(table).execute();
}

async function migrate(db: Kysely<any>, serverKey: Buffer | undefined): Promise<void> {
  await createShape(db);
  const count = async (table: string) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const toMove = (await count('assessments')) + (await count('plan_actions')) + (await count('org_scenarios'));
  if (toMove > 0) {
    if (!serverKey)
      throw new Error(
        'migration 0006-sealed-documents has sealed data to move and needs the server key: start the application to run it',
      );
    // The keyring reads the organisations' wrapped keys through this migration's own connection.
    const sealer = createSealer(legacyKeySource(db as Db, serverKey));
    await moveAssessments(db, sealer);
    await moveOrgDocuments(db, sealer);
  }
  await dropOldShape(db);
}

/** All in one transaction: PostgreSQL's migrator gives one; SQLite's does not, so one is opened here. */
async function inTransaction(db: Kysely<any>, run: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) return run(db);
  await db.transaction().execute(run);
}

export async function upWithKey(db: Kysely<any>, serverKey: Buffer): Promise<void> {
  await inTransaction(db, (trx) => migrate(trx, serverKey));
}

export async function up(db: Kysely<any>): Promise<void> {
  await inTransaction(db, (trx) => migrate(trx, undefined));
}

export async function down(): Promise<void> {
  throw new Error('0006-sealed-documents cannot be undone: the old shape stored the risk picture in plain columns');
}
