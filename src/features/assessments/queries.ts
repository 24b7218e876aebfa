// Rows of assessments, answers, plan actions and adopted cards. Every query takes the organisation id.
import type { Db } from '../../db/client.ts';
import type { AssessmentTable, PlanActionTable } from '../../db/schema.ts';
import { readDate, readOptionalDate, writeDate } from '../../db/values.ts';

export interface AssessmentRow {
  id: string;
  orgId: string;
  status: AssessmentTable['status'];
  basedOn: string | null;
  instrumentVersion: number;
  createdBy: string;
  createdAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  sealedScores: string | null;
}

function toAssessment(r: AssessmentTable): AssessmentRow {
  return {
    id: r.id,
    orgId: r.org_id,
    status: r.status,
    basedOn: r.based_on,
    instrumentVersion: Number(r.instrument_version),
    createdBy: r.created_by,
    createdAt: readDate(r.created_at),
    closedBy: r.closed_by,
    closedAt: readOptionalDate(r.closed_at),
    sealedScores: r.scores,
  };
}

export async function listAssessments(db: Db, orgId: string): Promise<AssessmentRow[]> {
  return (await db.selectFrom('assessments').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').execute()).map(toAssessment);
}

export async function findAssessment(db: Db, orgId: string, id: string): Promise<AssessmentRow | undefined> {
  const row = await db.selectFrom('assessments').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row && toAssessment(row);
}

export async function insertAssessment(db: Db, a: Pick<AssessmentRow, 'id' | 'orgId' | 'basedOn' | 'instrumentVersion' | 'createdBy' | 'createdAt'>) {
  await db
    .insertInto('assessments')
    .values({
      id: a.id,
      org_id: a.orgId,
      status: 'open',
      based_on: a.basedOn,
      instrument_version: a.instrumentVersion,
      created_by: a.createdBy,
      created_at: writeDate(a.createdAt),
      closed_by: null,
      closed_at: null,
      scores: null,
    })
    .execute();
}

/** Closes an open assessment once; false when it was already closed. */
export async function closeAssessmentRow(db: Db, orgId: string, id: string, by: string, at: Date, sealedScores: string): Promise<boolean> {
  const result = await db
    .updateTable('assessments')
    .set({ status: 'closed', closed_by: by, closed_at: writeDate(at), scores: sealedScores })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function answerRows(db: Db, orgId: string, assessmentId: string) {
  return db.selectFrom('assessment_answers').select(['question_id', 'value']).where('org_id', '=', orgId).where('assessment_id', '=', assessmentId).execute();
}

export async function upsertAnswer(db: Db, row: { orgId: string; assessmentId: string; questionId: string; sealedValue: string; by: string; at: Date }) {
  await db
    .insertInto('assessment_answers')
    .values({ assessment_id: row.assessmentId, org_id: row.orgId, question_id: row.questionId, value: row.sealedValue, updated_by: row.by, updated_at: writeDate(row.at) })
    .onConflict((oc) => oc.columns(['assessment_id', 'question_id']).doUpdateSet({ value: row.sealedValue, updated_by: row.by, updated_at: writeDate(row.at) }))
    .execute();
}

export async function deleteAnswer(db: Db, orgId: string, assessmentId: string, questionId: string) {
  await db.deleteFrom('assessment_answers').where('org_id', '=', orgId).where('assessment_id', '=', assessmentId).where('question_id', '=', questionId).execute();
}

export interface PlanActionRow {
  id: string;
  orgId: string;
  actionId: string;
  assessmentId: string | null;
  domain: string;
  sealedReason: string;
  ownerId: string | null;
  dueOn: string | null;
  status: PlanActionTable['status'];
  sealedNotes: string;
  createdAt: Date;
  updatedAt: Date;
}

function toPlanAction(r: PlanActionTable): PlanActionRow {
  return {
    id: r.id,
    orgId: r.org_id,
    actionId: r.action_id,
    assessmentId: r.assessment_id,
    domain: r.domain,
    sealedReason: r.reason,
    ownerId: r.owner_id,
    dueOn: r.due_on,
    status: r.status,
    sealedNotes: r.notes,
    createdAt: readDate(r.created_at),
    updatedAt: readDate(r.updated_at),
  };
}

export async function listPlanActions(db: Db, orgId: string): Promise<PlanActionRow[]> {
  return (await db.selectFrom('plan_actions').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute()).map(toPlanAction);
}

export async function findPlanAction(db: Db, orgId: string, id: string): Promise<PlanActionRow | undefined> {
  const row = await db.selectFrom('plan_actions').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return row && toPlanAction(row);
}

export async function insertPlanAction(db: Db, a: Omit<PlanActionRow, 'updatedAt'>) {
  await db
    .insertInto('plan_actions')
    .values({
      id: a.id,
      org_id: a.orgId,
      action_id: a.actionId,
      assessment_id: a.assessmentId,
      domain: a.domain,
      reason: a.sealedReason,
      owner_id: a.ownerId,
      due_on: a.dueOn,
      status: a.status,
      notes: a.sealedNotes,
      created_at: writeDate(a.createdAt),
      updated_at: writeDate(a.createdAt),
    })
    .onConflict((oc) => oc.columns(['org_id', 'action_id']).doNothing())
    .execute();
}

export async function updatePlanAction(
  db: Db,
  orgId: string,
  id: string,
  set: { ownerId: string | null; dueOn: string | null; status: PlanActionRow['status']; sealedNotes: string; at: Date },
) {
  await db
    .updateTable('plan_actions')
    .set({ owner_id: set.ownerId, due_on: set.dueOn, status: set.status, notes: set.sealedNotes, updated_at: writeDate(set.at) })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function listOrgScenarios(db: Db, orgId: string) {
  return db.selectFrom('org_scenarios').selectAll().where('org_id', '=', orgId).orderBy('created_at').execute();
}

export async function findOrgScenario(db: Db, orgId: string, id: string) {
  return db.selectFrom('org_scenarios').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** Adopts a card once per organisation; returns the id of the organisation's plan for it. */
export async function insertOrgScenario(db: Db, row: { id: string; orgId: string; cardId: string; sealedPlan: string; at: Date }): Promise<string> {
  const at = writeDate(row.at);
  await db
    .insertInto('org_scenarios')
    .values({ id: row.id, org_id: row.orgId, card_id: row.cardId, plan: row.sealedPlan, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['org_id', 'card_id']).doNothing())
    .execute();
  const stored = await db.selectFrom('org_scenarios').select('id').where('org_id', '=', row.orgId).where('card_id', '=', row.cardId).executeTakeFirstOrThrow();
  return stored.id;
}

export async function updateOrgScenario(db: Db, orgId: string, id: string, sealedPlan: string, at: Date) {
  await db.updateTable('org_scenarios').set({ plan: sealedPlan, updated_at: writeDate(at) }).where('org_id', '=', orgId).where('id', '=', id).execute();
}
