// The legislation alerts as jobs (platform/jobs.ts): a daily run (and one after each curator's edit)
// compares every follow's fingerprint of what was announced with the entries now (shipped files and
// curators' edits) and queues one mail per recipient and new entry or new stage in the followed countries
// and kinds. The mails are queued and the fingerprint moved on in one transaction that only lands while
// the follow is unchanged, so a change is mailed once; a mail job is retried alone (at least once).
import type { AppContext } from '../../context.ts';
import { publicOrigin } from '../../config/config.ts';
import { anonymous } from '../../platform/access.ts';
import { countryName, translator } from '../../platform/i18n/index.ts';
import type { Job } from '../../platform/jobs.ts';
import { newId } from '../../platform/ids.ts';
import { userEmail } from '../accounts/account/service.ts';
import { DAY, openAnnounced, openFollow, recipientsOf, sealAnnounced, type FollowList } from './follows.ts';
import * as q from './queries.ts';
import { ALERTS_JOB, announcedNow, getLegislation, listLegislation, stepKey, type Legislation } from './service.ts';
import { stageLabel } from './views/parts.tsx';

export const ALERT_MAIL_JOB = 'legislation.alert-mail';

interface Change {
  id: string;
  stage: string;
  date: string;
}

/** The new entries (their latest step) and the new steps of known entries that the follow covers. */
export function changesFor(list: FollowList, entries: Legislation[], announced: Set<string>): Change[] {
  const knownIds = new Set([...announced].map((k) => k.split('|')[0]));
  const changes: Change[] = [];
  for (const e of entries) {
    if (!list.countries.includes(e.country) || (list.kinds.length > 0 && !list.kinds.includes(e.kind))) continue;
    const steps = knownIds.has(e.id) ? e.history.filter((s) => !announced.has(stepKey(e.id, s))) : e.history.slice(-1);
    for (const s of steps) changes.push({ id: e.id, stage: s.stage, date: s.date });
  }
  return changes;
}

class Moved extends Error {}

async function announceFollow(ctx: AppContext, row: q.FollowRow, entries: Legislation[], now: string[]) {
  const list = await openFollow(ctx, row);
  const changes = changesFor(list, entries, new Set(await openAnnounced(ctx, row)));
  const announced = await sealAnnounced(ctx, row.id, now);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const change of changes)
        for (const userId of new Set(recipientsOf(list)))
          await ctx.jobs.enqueue(
            {
              kind: ALERT_MAIL_JOB,
              runAt: ctx.clock.now(),
              payload: JSON.stringify({ followId: row.id, userId, ...change }),
              uniqueKey: `${ALERT_MAIL_JOB}:${row.id}:${stepKey(change.id, change)}:${userId}`,
            },
            trx,
          );
      if (!(await q.swapFollow(trx, row.id, row.revision, { announced, revision: newId(12) }))) throw new Moved();
    });
  } catch (e) {
    if (!(e instanceof Moved)) throw e; // changed meanwhile: the next run sees it afresh
  }
}

/** Compares and queues for every follow; the daily run returns its next run while anyone follows. */
export async function runAlertsJob(ctx: AppContext, job: Job): Promise<Date | void> {
  const entries = await listLegislation(ctx, anonymous);
  const now = await announcedNow(ctx);
  const rows = await q.allFollows(ctx.db);
  for (const row of rows) await announceFollow(ctx, row, entries, now);
  const daily = (JSON.parse(job.payload ?? '{}') as { daily?: boolean }).daily;
  if (daily && rows.length > 0) return new Date(ctx.clock.now().getTime() + DAY);
}

/** One mail: the law, its stage and its page, in the follow's language; nothing about the organisation. */
export async function runAlertMailJob(ctx: AppContext, job: Job): Promise<void> {
  const { followId, userId, id, stage } = JSON.parse(job.payload ?? '{}') as Change & {
    followId: string;
    userId: string;
  };
  const row = await q.followById(ctx.db, followId);
  const list = row && (await openFollow(ctx, row));
  if (!list || !recipientsOf(list).includes(userId)) return;
  const to = await userEmail(ctx, userId);
  const entry = to && (await getLegislation(ctx, anonymous, id).catch(() => undefined));
  if (!to || !entry) return;
  const t = translator(list.locale);
  const values = {
    title: entry.title.en,
    stage: stageLabel(t, stage),
    country: countryName(list.locale, entry.country),
  };
  await ctx.mailer.send({
    to,
    subject: t('legislation.alert.subject', values),
    text: [
      t('legislation.alert.body', values),
      '',
      `${publicOrigin(ctx.config)}/${list.locale}/legislation/${id}`,
    ].join('\n'),
  });
}

export function registerLegislationJobs(ctx: AppContext): void {
  ctx.jobs.register(ALERTS_JOB, (job) => runAlertsJob(ctx, job));
  ctx.jobs.register(ALERT_MAIL_JOB, (job) => runAlertMailJob(ctx, job));
}
