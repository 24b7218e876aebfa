// The helpline's clocks as jobs (platform/jobs.ts): a new case queues its SLA alerts at 60 and 90
// minutes, which the first reply cancels; a closed case queues its purge after the helpline's retention.
// Jobs name a case by id (its row names it too) and never carry what anyone wrote. The job runner claims
// a job in one process only, so each alert goes out once even with several server processes.
import type { AppContext } from '../../context.ts';
import { publicOrigin } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../../platform/audit.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import { canBeMailed, userEmail } from '../accounts/account/service.ts';
import { ALERT_STAGES, type AlertStage } from './model.ts';
import * as q from './queries.ts';
import { openAlerts } from './sealed.ts';

export const SLA_JOB = 'cases.sla';
export const PURGE_JOB = 'cases.purge';
export const SLA_MAIL_JOB = 'cases.sla-mail';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const alertKey = (caseId: string, stage: AlertStage) => `case:${caseId}:${stage}`;

/** Queues the alerts of a case opened at `openedAt`, in `db` (the transaction that writes the case). */
export async function scheduleAlerts(ctx: AppContext, db: Db, helplineId: string, caseId: string, openedAt: Date) {
  for (const stage of ALERT_STAGES)
    await ctx.jobs.enqueue(
      {
        kind: SLA_JOB,
        runAt: new Date(openedAt.getTime() + stage * MINUTE),
        payload: JSON.stringify({ helplineId, caseId, stage }),
        uniqueKey: alertKey(caseId, stage),
      },
      db,
    );
}

/** Pass a transaction as `db` to cancel with the caller's writes. */
export async function cancelAlerts(ctx: AppContext, caseId: string, db: Db = ctx.db) {
  for (const stage of ALERT_STAGES) await ctx.jobs.cancel({ kind: SLA_JOB, uniqueKey: alertKey(caseId, stage) }, db);
}

export async function schedulePurge(
  ctx: AppContext,
  helplineId: string,
  caseId: string,
  days: number,
  db: Db = ctx.db,
) {
  await ctx.jobs.enqueue(
    {
      kind: PURGE_JOB,
      runAt: new Date(ctx.clock.now().getTime() + days * DAY),
      payload: JSON.stringify({ helplineId, caseId }),
      uniqueKey: `case:${caseId}:purge`,
    },
    db,
  );
}

export async function cancelPurge(ctx: AppContext, caseId: string, db: Db = ctx.db) {
  await ctx.jobs.cancel({ kind: PURGE_JOB, uniqueKey: `case:${caseId}:purge` }, db);
}

/**
 * Fans an alert out to the people on shift (60 minutes; the owners when nobody is) or the owners and
 * admins (90): one mail job each, so a failed address is retried alone and nobody gets a second copy.
 */
export async function runSlaJob(ctx: AppContext, job: Job): Promise<void> {
  const { helplineId, caseId, stage } = JSON.parse(job.payload ?? '{}') as {
    helplineId: string;
    caseId: string;
    stage: AlertStage;
  };
  const row = await q.helplineById(ctx.db, helplineId);
  if (!row || !(await q.caseById(ctx.db, caseId))) return;
  const list = await openAlerts(ctx, row);
  if (!list) return;
  // Someone on shift whose access was cut off (or lost) is not reached: the owners are, if nobody else is.
  const onShift = [];
  for (const userId of list.onShift) if (await canBeMailed(ctx, userId)) onShift.push(userId);
  const people = stage === 60 && onShift.length > 0 ? onShift : list.owners;
  for (const userId of new Set(people))
    await ctx.jobs.enqueue({
      kind: SLA_MAIL_JOB,
      runAt: ctx.clock.now(),
      payload: JSON.stringify({ helplineId, userId, stage }),
      uniqueKey: `${alertKey(caseId, stage)}:${userId}`,
    });
}

/** One alert mail; it says how long a case waited and where the queue is, never which case. */
export async function runSlaMailJob(ctx: AppContext, job: Job): Promise<void> {
  const { helplineId, userId, stage } = JSON.parse(job.payload ?? '{}') as {
    helplineId: string;
    userId: string;
    stage: AlertStage;
  };
  const row = await q.helplineById(ctx.db, helplineId);
  const list = row && (await openAlerts(ctx, row));
  const to = list && (await userEmail(ctx, userId));
  if (!list || !to) return;
  const t = translator(list.locale);
  const link = `${publicOrigin(ctx.config)}/${list.locale}/orgs/${list.orgId}/helpline`;
  await ctx.mailer.send({
    to,
    subject: t('cases.alert.subject', { minutes: stage }),
    text: [t('cases.alert.body', { minutes: stage }), '', link].join('\n'),
  });
}

/** Deletes a closed case whose retention has run out; the desk keeps its times as statistics. */
export async function runPurgeJob(ctx: AppContext, job: Job): Promise<void> {
  const { helplineId, caseId } = JSON.parse(job.payload ?? '{}') as { helplineId: string; caseId: string };
  if (!(await q.deleteCase(ctx.db, caseId))) return;
  await audit(
    ctx.db,
    { actor: 'system:retention', action: 'cases.purge', objectType: 'helpline', objectId: helplineId },
    ctx.clock.now(),
  );
}

export function registerCaseJobs(ctx: AppContext): void {
  ctx.jobs.register(SLA_JOB, (job) => runSlaJob(ctx, job));
  ctx.jobs.register(SLA_MAIL_JOB, (job) => runSlaMailJob(ctx, job));
  ctx.jobs.register(PURGE_JOB, (job) => runPurgeJob(ctx, job));
}
