// A helpline's own side (admins): turning it on with its languages, hours, first-response target and
// retention; reply templates; who is on shift. The profile and the alert list are written in the open
// columns (sealed under the server key) only while it is on.
import type { AppContext } from '../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { fail, ForbiddenError, NotFoundError, ok, problem, type Result } from '../../platform/errors.ts';
import { formProblems } from '../../platform/forms.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { newId } from '../../platform/ids.ts';
import { newKeyPair } from '../../platform/member-keys.ts';
import { withRetries } from '../../platform/sealed-documents.ts';
import { activeMembers, orgSummary } from '../accounts/orgs/service.ts';
import { listDirectory } from '../directory/service.ts';
import { settingsSchema, templateSchema, type SettingsInput, type TemplateInput } from './input.ts';
import {
  DEFAULT_RETENTION_DAYS,
  DEFAULT_TARGET_MINUTES,
  type AlertList,
  type HelplineDoc,
  type HelplineProfile,
  type HelplineSettings,
  type ReplyTemplate,
} from './model.ts';
import * as q from './queries.ts';
import { alertsAt, openAlerts, openDoc, orgTagOf, profileAt, sealDoc } from './sealed.ts';

export const DEFAULT_SETTINGS: HelplineSettings = {
  enabled: false,
  languages: [],
  allHours: false,
  hours: '',
  targetMinutes: DEFAULT_TARGET_MINUTES,
  retentionDays: DEFAULT_RETENTION_DAYS,
  intro: '',
  directoryId: '',
};

/** The organisation's helpline row (without the desk) and document, or undefined before its first save. */
export async function helplineOf(ctx: AppContext, orgId: string) {
  const row = await q.helplineDocOfOrg(ctx.db, orgTagOf(ctx, orgId));
  return row ? { row, doc: await openDoc(ctx, orgId, row) } : undefined;
}

/** The same with the desk's columns, for the queue and what changes it. */
export async function helplineWithDesk(ctx: AppContext, orgId: string) {
  const row = await q.helplineOfOrg(ctx.db, orgTagOf(ctx, orgId));
  return row ? { row, doc: await openDoc(ctx, orgId, row) } : undefined;
}

export async function requireHelpline(ctx: AppContext, orgId: string) {
  const found = await helplineOf(ctx, orgId);
  if (!found) throw new NotFoundError('no helpline');
  return found;
}

export async function requireHelplineWithDesk(ctx: AppContext, orgId: string) {
  const found = await helplineWithDesk(ctx, orgId);
  if (!found) throw new NotFoundError('no helpline');
  return found;
}

/** The open columns a document puts out: the profile and the alert list while on, nothing while off. */
async function openColumns(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  doc: HelplineDoc,
  people: { onShift: string[]; locale: Locale },
) {
  if (!doc.enabled) return { profile: '', alerts: '' };
  const org = await orgSummary(ctx, actor, orgId);
  const profile: HelplineProfile = {
    name: org.name,
    languages: doc.languages,
    allHours: doc.allHours,
    hours: doc.hours,
    targetMinutes: doc.targetMinutes,
    intro: doc.intro,
    directoryId: doc.directoryId ?? '',
  };
  const owners = (await activeMembers(ctx, actor, orgId)).filter((m) => m.role === 'owner' || m.role === 'admin');
  const alerts: AlertList = { orgId, ...people, owners: owners.map((m) => m.id) };
  return {
    profile: await ctx.sealer.seal(profileAt(id), JSON.stringify(profile)),
    alerts: await ctx.sealer.seal(alertsAt(id), JSON.stringify(alerts)),
  };
}

export async function helplineSettings(ctx: AppContext, actor: Actor, orgId: string) {
  requireAccess(actor, 'org:manage', { orgId });
  const found = isDecoy(actor) ? undefined : await helplineOf(ctx, orgId);
  if (!found) return { id: null, settings: DEFAULT_SETTINGS };
  const { publicKey: _p, privateKey: _k, templates: _t, ...settings } = found.doc;
  return { id: found.row.id, settings: { ...DEFAULT_SETTINGS, ...settings } };
}

/** Saves the settings; the first save makes the helpline and its key pair. */
export async function saveHelplineSettings(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: SettingsInput,
  locale: Locale,
): Promise<Result<{ id: string }>> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const parsed = settingsSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const settings = parsed.data;
  if (settings.directoryId && !(await listDirectory(ctx, actor)).some((m) => m.id === settings.directoryId))
    return fail(problem('directoryId', 'validation.choice'));
  const existing = await helplineOf(ctx, orgId);
  let id: string;
  if (!existing) {
    const pair = newKeyPair();
    id = newId(20);
    const doc: HelplineDoc = {
      ...settings,
      publicKey: pair.publicKey,
      privateKey: pair.privateKey.toString('base64url'),
      templates: [],
    };
    pair.privateKey.fill(0);
    await q.insertHelpline(ctx.db, {
      id,
      orgTag: orgTagOf(ctx, orgId),
      doc: await sealDoc(ctx, orgId, id, doc),
      publicKey: doc.publicKey,
      ...(await openColumns(ctx, actor, orgId, id, doc, { onShift: [], locale })),
    });
  } else {
    id = existing.row.id;
    await changeHelpline(ctx, actor, orgId, (doc) => ({ ...doc, ...settings }), locale);
  }
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'cases.settings', objectType: 'helpline', objectId: id, orgId },
    ctx.clock.now(),
  );
  return ok({ id });
}

/**
 * Changes the document (compare-and-swap), keeping the people on shift, and renews the open columns. The
 * alert emails are written in the language of the admin who last saved the settings.
 */
async function changeHelpline(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  change: (doc: HelplineDoc) => HelplineDoc,
  locale?: Locale,
  active?: Set<string>,
) {
  return withRetries(async () => {
    const { row, doc } = await requireHelpline(ctx, orgId);
    const next = change(doc);
    const list = await openAlerts(ctx, row);
    const onShift = (list?.onShift ?? []).filter((u) => !active || active.has(u));
    const people = { onShift, locale: locale ?? list?.locale ?? 'en' };
    const open = await openColumns(ctx, actor, orgId, row.id, next, people);
    const landed = await q.swapHelpline(ctx.db, {
      id: row.id,
      revision: row.revision,
      doc: await sealDoc(ctx, orgId, row.id, next),
      ...open,
    });
    return landed ? next : undefined;
  });
}

/**
 * After a membership change (an admin signed in): the owners and admins mailed at 90 minutes as they
 * are now, and nobody left on shift who is no longer an active member.
 */
export async function refreshHelplinePeople(ctx: AppContext, actor: Actor, orgId: string): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor) || !(await helplineOf(ctx, orgId))) return;
  const active = new Set((await activeMembers(ctx, actor, orgId)).map((m) => m.id));
  await changeHelpline(ctx, actor, orgId, (doc) => doc, undefined, active);
}

/** Whether the member is on shift (SLA alerts at 60 minutes reach those who are). */
export async function onShift(ctx: AppContext, actor: Actor, orgId: string): Promise<boolean> {
  requireAccess(actor, 'org:write', { orgId });
  if (actor.kind !== 'user' || isDecoy(actor)) return false;
  const found = await helplineOf(ctx, orgId);
  const list = found && (await openAlerts(ctx, found.row));
  return list?.onShift.includes(actor.userId) ?? false;
}

export async function setOnShift(ctx: AppContext, actor: Actor, orgId: string, on: boolean): Promise<void> {
  requireAccess(actor, 'org:write', { orgId });
  if (actor.kind !== 'user' || isDecoy(actor)) throw new ForbiddenError('only a member goes on shift');
  await withRetries(async () => {
    const { row } = await requireHelpline(ctx, orgId);
    const list = await openAlerts(ctx, row);
    if (!list) throw new ForbiddenError('the helpline is off');
    const others = list.onShift.filter((u) => u !== actor.userId);
    const next: AlertList = { ...list, onShift: on ? [...others, actor.userId] : others };
    const sealed = await ctx.sealer.seal(alertsAt(row.id), JSON.stringify(next));
    return (await q.swapAlerts(ctx.db, row.id, row.revision, sealed)) || undefined;
  });
}

export async function replyTemplates(ctx: AppContext, actor: Actor, orgId: string): Promise<ReplyTemplate[]> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) return [];
  return (await helplineOf(ctx, orgId))?.doc.templates ?? [];
}

export async function addTemplate(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  fields: TemplateInput,
): Promise<Result<ReplyTemplate>> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const parsed = templateSchema.safeParse(fields);
  if (!parsed.success) return fail(formProblems(parsed.error));
  const template = { id: newId(8), ...parsed.data };
  await changeHelpline(ctx, actor, orgId, (doc) => ({ ...doc, templates: [...doc.templates, template] }));
  return ok(template);
}

export async function removeTemplate(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<void> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  await changeHelpline(ctx, actor, orgId, (doc) => ({ ...doc, templates: doc.templates.filter((t) => t.id !== id) }));
}
