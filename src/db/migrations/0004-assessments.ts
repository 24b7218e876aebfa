// Risk assessments, their answers, the action plan and adopted what-if cards. Everything a person
// writes or rates is sealed under the organisation's key; only ids, statuses and dates are plain.
import { sql, type Kysely } from 'kysely';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  const org = (c: any) => c.notNull().references('organisations.id').onDelete('cascade');
  await db.schema
    .createTable('assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', org)
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn('based_on', 'text')
    .addColumn('instrument_version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', t.timestamp)
    .addColumn('scores', 'text') // sealed JSON, written at close
    .execute();
  await db.schema.createIndex('assessments_org').on('assessments').columns(['org_id', 'created_at']).execute();
  await db.schema
    .createTable('assessment_answers')
    .addColumn('assessment_id', 'text', (c) => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('org_id', 'text', org)
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull()) // sealed JSON
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('assessment_answers_pk', ['assessment_id', 'question_id'])
    .execute();
  await db.schema
    .createTable('plan_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', org)
    .addColumn('action_id', 'text', (c) => c.notNull())
    .addColumn('assessment_id', 'text', (c) => c.references('assessments.id').onDelete('set null'))
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // sealed
    .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('due_on', 'text') // YYYY-MM-DD
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('todo', 'doing', 'done', 'dropped')`))
    .addColumn('notes', 'text', (c) => c.notNull()) // sealed
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('plan_actions_org_action', ['org_id', 'action_id'])
    .execute();
  await db.schema
    .createTable('org_scenarios')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', org)
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull()) // sealed JSON: the organisation's own version of the card
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('org_scenarios_org_card', ['org_id', 'card_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['org_scenarios', 'plan_actions', 'assessment_answers', 'assessments'])
    await db.schema.dropTable(table).execute();
}
