// Public intake (issue 13 §2): anyone may report what happened through an organisation's form, with no
// account and no JavaScript. A report is sealed as a box to the intake's public key, whose private half
// only the organisation's members can open; nothing about the sender is stored (no address, no browser,
// no time but the day) unless they write how to reach them. The sender gets a receipt code, shown once,
// to add to their report later. Members review the reports, record them as events or dismiss them.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, ForbiddenError, NotFoundError, ok, problem, type Result } from '../../../platform/errors.ts';
import { formProblems } from '../../../platform/forms.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { newId } from '../../../platform/ids.ts';
import { hit } from '../../../platform/rate-limit.ts';
import type { EventInput } from '../model.ts';
import {
  additionFormSchema,
  reportFormSchema,
  settingsFormSchema,
  type AdditionInput,
  type Box,
  type ReportBox,
  type ReportInput,
  type SettingsInput,
  witnessSource,
} from './input.ts';
import * as q from './queries.ts';
import {
  changeIntake,
  intakes,
  introAt,
  newIntake,
  newReceiptCode,
  normaliseReceipt,
  openIntake,
  openReports,
  orgTagOf,
  receiptHash,
  sealReport,
  type IntakeDoc,
  type IntakeReport,
} from './sealed.ts';

export type { IntakeAddition, IntakeReport } from './sealed.ts';
export { newReceiptCode, normaliseReceipt } from './sealed.ts';

/** Per intake and day (a day, not an hour: the counter's row then says no more than the reports' own day). */
export const REPORTS_PER_DAY = 200;
/** Attempts to add to a report, right or wrong code, per intake and day. */
export const ADDITIONS_PER_DAY = 200;
const DAY = 24 * 60 * 60 * 1000;

export interface IntakeSettings {
  /** The public form's id (`/:locale/report/:intakeId`), null before the organisation first saved settings. */
  intakeId: string | null;
  enabled: boolean;
  intro: string;
}

export interface IntakeQueue extends Omit<IntakeSettings, 'intro'> {
  /** Reports not yet handled (or with an addition that came after), newest first. */
  reports: IntakeReport[];
  /** How many reports members dismissed or recorded. */
  handled: number;
}

/** An audit entry for a member's change (sealed under the organisation's key, like all its entries). */
async function recordAction(ctx: AppContext, actor: Actor, orgId: string, action: string, objectId: string) {
  const objectType = action === 'monitor.intake.dismiss' ? 'monitor-report' : 'monitor-intake';
  await audit(ctx.db, { actor: actorId(actor), action, objectType, objectId, orgId }, ctx.clock.now());
}

const settingsOf = (found: { row: q.IntakeRow; doc: IntakeDoc } | undefined): IntakeSettings =>
  found
    ? { intakeId: found.row.id, enabled: found.doc.enabled, intro: found.doc.intro }
    : { intakeId: null, enabled: false, intro: '' };

// The organisation's side.

/** The form's settings, for those who may change them. */
export async function intakeSettings(ctx: AppContext, actor: Actor, orgId: string): Promise<IntakeSettings> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) return settingsOf(undefined);
  return settingsOf((await intakes(ctx, orgId)).find((i) => i.doc.current));
}

/** Turns the form on or off and sets its text; the first save makes the intake and its key pair. */
export async function saveIntakeSettings(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: SettingsInput,
): Promise<Result<IntakeSettings>> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const parsed = settingsFormSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const current = (await intakes(ctx, orgId)).find((i) => i.doc.current);
  const id = current
    ? (await changeIntake(ctx, orgId, current.row.id, (doc) => ({ ...doc, ...parsed.data }))).row.id
    : await newIntake(ctx, orgId, parsed.data);
  await recordAction(ctx, actor, orgId, 'monitor.intake.settings', id);
  return ok({ intakeId: id, ...parsed.data });
}

/**
 * A new address for the form (the old one leaked, or draws spam): a new id and key pair; the old
 * address answers 404 from now on, and its reports stay in the queue. Receipts given through the old
 * address no longer add to their reports. With no form yet, makes one (off).
 */
export async function renewIntakeAddress(ctx: AppContext, actor: Actor, orgId: string): Promise<IntakeSettings> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const current = (await intakes(ctx, orgId)).find((i) => i.doc.current);
  const settings = current ? { enabled: current.doc.enabled, intro: current.doc.intro } : { enabled: false, intro: '' };
  if (current) await changeIntake(ctx, orgId, current.row.id, (doc) => ({ ...doc, enabled: false, current: false }));
  const id = await newIntake(ctx, orgId, settings);
  await recordAction(ctx, actor, orgId, 'monitor.intake.renew', id);
  return { intakeId: id, ...settings };
}

/**
 * Takes an organisation's forms down with it when it is erased (accounts/erase calls this inside its
 * transaction, while the key is held: the rows are found by a tag under it). Its reports could no
 * longer be opened anyway; this stops the form from taking new ones.
 */
export async function eraseIntakes(ctx: AppContext, actor: Actor, orgId: string, db: Db = ctx.db): Promise<void> {
  requireAccess(actor, 'org:own', { orgId });
  await q.deleteIntakes(db, orgTagOf(ctx, orgId));
}

/** The review queue: reports not yet handled, newest first, and where the form is. */
export async function intakeQueue(ctx: AppContext, actor: Actor, orgId: string): Promise<IntakeQueue> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) return { intakeId: null, enabled: false, reports: [], handled: 0 };
  const { all, reports, handled } = await openReports(ctx, orgId);
  const open = reports.filter((r) => !handled(r));
  const { intro: _intro, ...where } = settingsOf(all.find((i) => i.doc.current));
  return {
    ...where,
    reports: open
      .sort((a, b) => b.day.localeCompare(a.day) || a.id.localeCompare(b.id))
      .map(({ intakeId: _intakeId, ...r }) => r),
    handled: reports.length - open.length,
  };
}

async function foundReport(ctx: AppContext, orgId: string, reportId: string) {
  const { reports } = await openReports(ctx, orgId);
  const report = reports.find((r) => r.id === reportId);
  if (!report) throw new NotFoundError('no such report');
  return report;
}

/** Takes a report (and what was added to it so far) off the queue; an addition that comes later brings it back. */
export async function dismissReport(ctx: AppContext, actor: Actor, orgId: string, reportId: string): Promise<void> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such report');
  const report = await foundReport(ctx, orgId, reportId);
  const ids = [report.id, ...report.additions.map((a) => a.id)];
  await changeIntake(ctx, orgId, report.intakeId, (doc) => ({
    ...doc,
    handled: [...new Set([...doc.handled, ...ids])],
  }));
  await recordAction(ctx, actor, orgId, 'monitor.intake.dismiss', reportId);
}

const precisionOf = (date: string) => (date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day');

/** A new event's fields from a report: for the event form to start from, never saved as it is. */
export async function reportAsEventDraft(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  reportId: string,
): Promise<Partial<EventInput>> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such report');
  const r = await foundReport(ctx, orgId, reportId);
  const firstLine = r.what.split('\n')[0]!.trim();
  const draft: Partial<EventInput> = {
    title: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine,
    description: [r.what, ...r.additions.map((a) => a.text)].join('\n\n'),
    parties: [
      ...(r.perpetrator
        ? [
            {
              id: newId(8),
              role: 'perpetrator' as const,
              kind: 'group' as const,
              name: '',
              category: r.perpetrator,
              contact: '',
              note: '',
            },
          ]
        : []),
      // The sender is a source; how to reach them stays in the sealed event and is never published.
      ...(r.contact
        ? [
            {
              id: newId(8),
              role: 'source' as const,
              kind: 'person' as const,
              name: '',
              category: '',
              contact: r.contact,
              note: '',
            },
          ]
        : []),
    ],
    sources: [witnessSource(r.day)],
  };
  if (r.when) draft.start = { date: r.when, precision: precisionOf(r.when) };
  if (r.country) draft.place = { country: r.country, region: r.place, point: null };
  return draft;
}

// The public side.

/** The public form's intake: its id and the organisation's text; NotFound when unknown or off. */
export async function publicIntake(
  ctx: AppContext,
  actor: Actor,
  intakeId: string,
): Promise<{ id: string; intro: string }> {
  requireAccess(actor, 'monitor:report');
  const row = await openIntake(ctx, intakeId);
  return { id: row.id, intro: row.intro ? await ctx.sealer.open(introAt(row.id), row.intro) : '' };
}

/**
 * Seals a report to the intake's key and gives back its receipt code, to be shown once and never
 * stored (only its hash is). No audit entry: its time would say when someone reported.
 */
export async function submitReport(
  ctx: AppContext,
  actor: Actor,
  intakeId: string,
  fields: ReportInput,
  locale: Locale,
): Promise<Result<{ receipt: string }>> {
  requireAccess(actor, 'monitor:report');
  const intake = await openIntake(ctx, intakeId);
  const parsed = reportFormSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const now = ctx.clock.now();
  await hit(ctx.db, `monitor-intake:${intakeId}`, REPORTS_PER_DAY, DAY, now);
  const id = newId(20);
  const receipt = newReceiptCode();
  const box: ReportBox = { kind: 'report', ...parsed.data, day: now.toISOString().slice(0, 10), locale };
  await q.insertReport(
    ctx.db,
    { id, intakeId, box: sealReport(intake.public_key, intakeId, id, box) },
    receiptHash(receipt),
  );
  return ok({ receipt });
}

/** Adds text to the report a receipt code names; a wrong code is a problem on the `code` field. */
export async function addToReport(
  ctx: AppContext,
  actor: Actor,
  intakeId: string,
  fields: AdditionInput,
  locale: Locale,
): Promise<Result<Record<string, never>>> {
  requireAccess(actor, 'monitor:report');
  const intake = await openIntake(ctx, intakeId);
  const parsed = additionFormSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const now = ctx.clock.now();
  await hit(ctx.db, `monitor-receipt:${intakeId}`, ADDITIONS_PER_DAY, DAY, now);
  const wrong = fail(problem('code', 'intake.add.wrongCode'));
  if (!normaliseReceipt(parsed.data.code)) return wrong;
  const to = await q.reportOfReceipt(ctx.db, intakeId, receiptHash(parsed.data.code));
  if (!to) return wrong;
  const id = newId(20);
  const box: Box = { kind: 'addition', to, day: now.toISOString().slice(0, 10), text: parsed.data.text, locale };
  await q.insertReport(ctx.db, { id, intakeId, box: sealReport(intake.public_key, intakeId, id, box) }, null);
  return ok({});
}
