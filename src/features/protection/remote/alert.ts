// The one place this slice sends a member's prepared alert (their contacts' emails, their webhook). The
// decision to alert is written in the caller's transaction, as a job ('protection.remote-alert') whose
// payload is sealed under the platform scope; the job then queues the alert itself. Queueing it inside
// the transaction is not possible on SQLite: it reads the member's alert settings through the database's
// one connection, which the transaction holds. Delivery is at least once, like every job.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { Job } from '../../../platform/jobs.ts';
import { sealAt } from '../../../platform/sealer.ts';
import { queueAlert } from '../alerts/service.ts';

export const ALERT_RELAY_JOB = 'protection.remote-alert';
export type AlertReason = 'detained' | 'missed-check-in';

interface Relay {
  userId: string;
  reason: AlertReason;
}

const relayAt = (ref: string) => sealAt.platform('jobs', 'payload', ref);

/** In the caller's transaction: the member's alert goes out (once this commits). */
export async function sendAlert(ctx: AppContext, db: Db, userId: string, reason: AlertReason): Promise<void> {
  const ref = newId();
  const value: Relay = { userId, reason };
  const sealed = await ctx.sealer.seal(relayAt(ref), JSON.stringify(value));
  await ctx.jobs.enqueue(
    { kind: ALERT_RELAY_JOB, runAt: ctx.clock.now(), payload: JSON.stringify({ ref, sealed }) },
    db,
  );
}

/** The job: queues the member's prepared alert (nothing when they prepared none). */
export async function runAlertRelay(ctx: AppContext, job: Job): Promise<void> {
  const { ref, sealed } = JSON.parse(job.payload ?? '{}') as { ref: string; sealed: string };
  const relay = JSON.parse(await ctx.sealer.open(relayAt(ref), sealed)) as Relay;
  await queueAlert(ctx, ctx.db, relay.userId, relay.reason);
}
