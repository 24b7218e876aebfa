// The remote trigger (docs/decisions/0017): an organisation's owners name trusted members and a threshold;
// when that many trusted members report within 72 hours that a member has been detained, that member's
// keys and sessions are destroyed and their prepared alert goes out, in one transaction. The reported
// member has no way to stop it: no cancel, and while reports about them are pending they cannot change
// the settings either. An owner or admin (never the reported member) may withdraw pending reports.
import type { AppContext } from '../../../context.ts';
import { actorId, requireAccess, roleIn, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, ForbiddenError, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import { withRetries } from '../../../platform/sealed-documents.ts';
import { activeMembers, cutOffAccount } from '../../accounts/orgs/service.ts';
import { sendAlert } from './alert.ts';
import { orgPlace, readDoc, readDocs, writeDoc } from './documents.ts';
import { settingsSchema, type SettingsInput } from './input.ts';

export { ALERT_RELAY_JOB, runAlertRelay } from './alert.ts';
export { checkIn, checkInOverview, CHECK_IN_JOB, noteSignIn, runCheckInJob, saveCheckIn } from './check-in.ts';

/** A report counts for this long; an older one is dropped the next time the reports are written. */
export const REPORT_MS = 72 * 3600_000;

interface Settings {
  trusted: string[];
  threshold: number;
}
interface Report {
  by: string;
  at: string;
}
interface Reports {
  reports: Report[];
}

const settingsAt = (ctx: AppContext, orgId: string) => orgPlace(orgId, ctx.keyring.tag(orgId, 'remote:settings'));
const reportsAt = (ctx: AppContext, orgId: string, userId: string) =>
  orgPlace(orgId, ctx.keyring.tag(orgId, `remote:reports:${userId}`));

const me = (actor: Actor) => (actor.kind === 'user' ? actor.userId : '');

/** The reports that count now: recent, by a member trusted now, never by the reported member. */
function counting(reports: Reports | undefined, settings: Settings | undefined, target: string, now: Date): Report[] {
  return (reports?.reports ?? []).filter(
    (r) =>
      r.by !== target &&
      settings?.trusted.includes(r.by) &&
      now.getTime() - new Date(r.at).getTime() < REPORT_MS &&
      new Date(r.at) <= now,
  );
}

/** The remote trigger's page: what everyone may know, and what owners, admins and trusted members may. */
export async function remoteOverview(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:read', { orgId });
  const role = roleIn(actor, orgId);
  const members = await activeMembers(ctx, actor, orgId);
  const settings = (await readDoc<Settings>(ctx, ctx.db, settingsAt(ctx, orgId))).doc;
  const trusted = (settings?.trusted ?? []).filter((id) => members.some((m) => m.id === id));
  const manages = role === 'owner' || role === 'admin';
  const now = ctx.clock.now();
  const others = members.filter((m) => m.id !== me(actor));
  const reads = await readDocs<Reports>(
    ctx,
    ctx.db,
    others.map((m) => reportsAt(ctx, orgId, m.id)),
  );
  const pending = others.flatMap((m) => {
    const read = reads.find((r) => r.place.tag === reportsAt(ctx, orgId, m.id).tag);
    const live = counting(read?.doc, settings, m.id, now);
    if (live.length === 0) return [];
    return [{ ...m, count: live.length, since: new Date(live.map((r) => r.at).sort()[0]!) }];
  });
  return {
    threshold: settings && trusted.length > 0 ? settings.threshold : null,
    trustedCount: trusted.length,
    /** Who is trusted: owners only (they choose). */
    trusted: role === 'owner' ? trusted : [],
    iAmTrusted: trusted.includes(me(actor)),
    /** Whom owners choose from. */
    candidates: role === 'owner' ? members : [],
    /** Whom a trusted member may report: the others. */
    reportable: trusted.includes(me(actor)) ? others : [],
    /** Pending reports, for owners and admins to see and withdraw (never about themselves). */
    pending: manages ? pending : [],
  };
}

export async function saveSettings(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: SettingsInput,
): Promise<Result<null>> {
  requireAccess(actor, 'org:own', { orgId });
  const parsed = settingsSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const members = await activeMembers(ctx, actor, orgId);
  const trusted = [...new Set(parsed.data.trusted)];
  if (trusted.some((id) => !members.some((m) => m.id === id))) return fail(problem('trusted', 'validation.choice'));
  return withRetries(async () => {
    const settings = await readDoc<Settings>(ctx, ctx.db, settingsAt(ctx, orgId));
    const aboutMe = await readDoc<Reports>(ctx, ctx.db, reportsAt(ctx, orgId, me(actor)));
    // Whoever holds a reported member's phone must not be able to undo the report by changing who counts.
    if (counting(aboutMe.doc, settings.doc, me(actor), ctx.clock.now()).length > 0)
      return fail(problem('_form', 'remote.locked'));
    const next = trusted.length > 0 ? { trusted, threshold: parsed.data.threshold } : null;
    if (!(await writeDoc(ctx, ctx.db, settings, next))) return undefined;
    const action = next ? 'remote.settings' : 'remote.off';
    await audit(
      ctx.db,
      { actor: actorId(actor), action, objectType: 'organisation', objectId: orgId, orgId },
      ctx.clock.now(),
    );
    return ok(null);
  });
}

/** A trusted member, acting about another active member of this organisation (anyone else: 404). */
async function checkReporter(ctx: AppContext, actor: Actor, orgId: string, targetId: string) {
  const members = await activeMembers(ctx, actor, orgId);
  const target = members.find((m) => m.id === targetId);
  if (!target) throw new NotFoundError('no such member');
  const settings = (await readDoc<Settings>(ctx, ctx.db, settingsAt(ctx, orgId))).doc;
  if (!settings?.trusted.includes(me(actor))) throw new ForbiddenError('only trusted members report a detention');
  if (targetId === me(actor)) throw new ForbiddenError('a member cannot report themselves');
  return { target, settings };
}

/** The confirmation page: whom it is about, and how many reports count so far. */
export async function reportSummary(ctx: AppContext, actor: Actor, orgId: string, targetId: string) {
  requireAccess(actor, 'org:read', { orgId });
  const { target, settings } = await checkReporter(ctx, actor, orgId, targetId);
  const reports = (await readDoc<Reports>(ctx, ctx.db, reportsAt(ctx, orgId, targetId))).doc;
  const live = counting(reports, settings, targetId, ctx.clock.now());
  return {
    target,
    threshold: settings.threshold,
    count: live.length,
    reported: live.some((r) => r.by === me(actor)),
  };
}

/**
 * A trusted member reports that another member has been detained. The report that reaches the threshold
 * destroys the member's keys and sessions and queues their alert, with the audit entry, in one
 * transaction; the reports are then deleted (the audit log, sealed under the organisation's key, keeps
 * who reported whom).
 */
export async function reportDetained(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  targetId: string,
): Promise<Result<{ triggered: boolean }>> {
  requireAccess(actor, 'org:read', { orgId });
  await checkReporter(ctx, actor, orgId, targetId);
  const now = ctx.clock.now();
  const by = actorId(actor);
  const event = { actor: by, objectType: 'user', objectId: targetId, orgId };
  return withRetries(() =>
    ctx.db.transaction().execute(async (trx) => {
      const settings = (await readDoc<Settings>(ctx, trx, settingsAt(ctx, orgId))).doc;
      const reports = await readDoc<Reports>(ctx, trx, reportsAt(ctx, orgId, targetId));
      const live = counting(reports.doc, settings, targetId, now);
      if (!settings?.trusted.includes(me(actor))) throw new ForbiddenError('no longer trusted');
      if (live.some((r) => r.by === me(actor))) return fail(problem('_form', 'remote.alreadyReported'));
      const next = [...live, { by: me(actor), at: now.toISOString() }];
      const triggered = next.length >= settings.threshold;
      if (!(await writeDoc(ctx, trx, reports, triggered ? null : { reports: next }))) return undefined;
      await audit(trx, { ...event, action: 'remote.report' }, now);
      if (triggered) {
        await cutOffAccount(ctx, trx, by, targetId, orgId);
        await sendAlert(ctx, trx, targetId, 'detained');
        await audit(trx, { ...event, action: 'remote.trigger' }, now);
      }
      return ok({ triggered });
    }),
  );
}

/** An owner or admin withdraws the pending reports about a member; never the member themselves. */
export async function withdrawReports(ctx: AppContext, actor: Actor, orgId: string, targetId: string): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  if (targetId === me(actor)) throw new ForbiddenError('a reported member cannot withdraw the reports');
  if (!(await activeMembers(ctx, actor, orgId)).some((m) => m.id === targetId))
    throw new NotFoundError('no such member');
  await withRetries(async () => {
    const reports = await readDoc<Reports>(ctx, ctx.db, reportsAt(ctx, orgId, targetId));
    if (reports.revision === null) return true;
    if (!(await writeDoc(ctx, ctx.db, reports, null))) return undefined;
    await audit(
      ctx.db,
      { actor: actorId(actor), action: 'remote.withdraw', objectType: 'user', objectId: targetId, orgId },
      ctx.clock.now(),
    );
    return true;
  });
}
