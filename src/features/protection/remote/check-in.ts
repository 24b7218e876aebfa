// Check-ins (docs/decisions/0017): a member chooses an interval; checking in (the button, or any full
// sign-in) moves the deadline; a job fires at the deadline and, if nobody checked in since, sends the
// member's alert and, if they chose so, destroys their keys and sessions. It must fire with nobody
// signed in, so, by the member's explicit choice, the setting is sealed under the platform scope: a
// seized server shows that this account has a check-in, its interval and deadline. The row's name is a
// keyed tag, so a copied database without the server key does not show whose it is.
import { createHmac, hkdfSync } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, ok, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import type { Job } from '../../../platform/jobs.ts';
import { withRetries } from '../../../platform/sealed-documents.ts';
import { cutOffAccount } from '../../accounts/orgs/service.ts';
import { sendAlert } from './alert.ts';
import { platformPlace, readDoc, writeDoc } from './documents.ts';
import { checkInSchema, type CheckInInput } from './input.ts';

export const CHECK_IN_JOB = 'protection.check-in';
const DAY_MS = 24 * 3600_000;

interface CheckIn {
  userId: string;
  days: number;
  /** A missed check-in also destroys the member's keys and sessions. */
  revoke: boolean;
  checkedInAt: string;
  deadline: string;
  /** When the missed check-in fired; checking in again starts a new interval. */
  firedAt: string | null;
}

function tagOf(ctx: AppContext, userId: string): string {
  const key = Buffer.from(hkdfSync('sha256', ctx.serverKey, 'amparo-check-in', 'row-tag', 32));
  return createHmac('sha256', key).update(userId).digest('base64url');
}

const placeOf = (ctx: AppContext, userId: string) => platformPlace(tagOf(ctx, userId));
const jobKey = (tag: string) => `${CHECK_IN_JOB}:${tag}`;

/** One job per member, at the deadline: an earlier one is cancelled, in the caller's transaction. */
async function schedule(ctx: AppContext, db: Db, tag: string, deadline: Date | null): Promise<void> {
  await ctx.jobs.cancel({ kind: CHECK_IN_JOB, uniqueKey: jobKey(tag) }, db);
  if (deadline)
    await ctx.jobs.enqueue(
      { kind: CHECK_IN_JOB, runAt: deadline, payload: JSON.stringify({ tag }), uniqueKey: jobKey(tag) },
      db,
    );
}

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : '');

export async function checkInOverview(ctx: AppContext, actor: Actor) {
  requireAccess(actor, 'account:self');
  const doc = (await readDoc<CheckIn>(ctx, ctx.db, placeOf(ctx, userOf(actor)))).doc;
  if (!doc) return null;
  return {
    days: doc.days,
    revoke: doc.revoke,
    checkedInAt: new Date(doc.checkedInAt),
    deadline: new Date(doc.deadline),
    firedAt: doc.firedAt ? new Date(doc.firedAt) : null,
  };
}

/** Sets the interval (0 turns check-ins off) and whether a missed one also destroys the member's access. */
export async function saveCheckIn(ctx: AppContext, actor: Actor, fields: CheckInInput): Promise<Result<null>> {
  requireAccess(actor, 'account:self');
  const parsed = checkInSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const { days, revoke } = parsed.data;
  const userId = userOf(actor);
  const now = ctx.clock.now();
  return withRetries(() =>
    ctx.db.transaction().execute(async (trx) => {
      const read = await readDoc<CheckIn>(ctx, trx, placeOf(ctx, userId));
      const deadline = days > 0 ? new Date(now.getTime() + days * DAY_MS) : null;
      const doc = deadline && {
        userId,
        days,
        revoke,
        checkedInAt: now.toISOString(),
        deadline: deadline.toISOString(),
        firedAt: null,
      };
      if (!(await writeDoc(ctx, trx, read, doc))) return undefined;
      await schedule(ctx, trx, read.place.tag, deadline);
      return ok(null);
    }),
  );
}

/** Moves the deadline one interval from now; false when the member has no check-in. */
async function push(ctx: AppContext, userId: string): Promise<boolean> {
  const now = ctx.clock.now();
  return withRetries(() =>
    ctx.db.transaction().execute(async (trx) => {
      const read = await readDoc<CheckIn>(ctx, trx, placeOf(ctx, userId));
      if (!read.doc) return false;
      const deadline = new Date(now.getTime() + read.doc.days * DAY_MS);
      const doc = { ...read.doc, checkedInAt: now.toISOString(), deadline: deadline.toISOString(), firedAt: null };
      if (!(await writeDoc(ctx, trx, read, doc))) return undefined;
      await schedule(ctx, trx, read.place.tag, deadline);
      return true;
    }),
  );
}

/** "Check in now". */
export async function checkIn(ctx: AppContext, actor: Actor): Promise<boolean> {
  requireAccess(actor, 'account:self');
  return push(ctx, userOf(actor));
}

/** A full sign-in (password, and second factor if any) counts as checking in. */
export async function noteSignIn(ctx: AppContext, userId: string): Promise<void> {
  await push(ctx, userId);
}

/**
 * The job at a member's deadline. Idempotent: the document records that it fired, written by
 * compare-and-swap in the same transaction as the alert and the lost access, so a second run (another
 * process, a retry) finds it done, and a check-in that lands first moves the deadline instead.
 */
export async function runCheckInJob(ctx: AppContext, job: Job): Promise<Date | void> {
  const { tag } = JSON.parse(job.payload ?? '{}') as { tag?: string };
  if (!tag) return;
  const outcome = await withRetries(() =>
    ctx.db.transaction().execute(async (trx) => {
      const read = await readDoc<CheckIn>(ctx, trx, platformPlace(tag));
      const doc = read.doc;
      const now = ctx.clock.now();
      if (!doc || doc.firedAt) return { next: undefined };
      if (now < new Date(doc.deadline)) return { next: new Date(doc.deadline) };
      if (!(await writeDoc(ctx, trx, read, { ...doc, firedAt: now.toISOString() }))) return undefined;
      await sendAlert(ctx, trx, doc.userId, 'missed-check-in');
      if (doc.revoke) await cutOffAccount(ctx, trx, 'system', doc.userId);
      await audit(trx, { actor: 'system', action: 'check-in.missed', objectType: 'user', objectId: doc.userId }, now);
      return { next: undefined };
    }),
  );
  return outcome.next;
}
