// The civic space monitor: an organisation records events (sealed under its key), edits them (each
// edit keeps the earlier version), verifies them (verified needs a second person, never the author),
// searches them (db/fulltext.ts over keyed terms) and chooses what to publish. The public side reads
// only monitor_public. docs/decisions/0021.
import type { AppContext } from '../../context.ts';
import { actorId, isDecoy, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { withRetries } from '../../platform/sealed-documents.ts';
import {
  changedParts,
  type EventInput,
  type EventVersion,
  type MonitorEvent,
  type PublicField,
  type PublicationState,
  type Source,
  type VerificationState,
} from './model.ts';
import { removeEventFiles } from './evidence/service.ts';
import { nextPublication, removeCopies, sharingNetworks, syncCopies } from './copies.ts';
import * as q from './queries.ts';
import { eventAt, openEvent, orgTags, sealedBatches, sealEvent, termHasher, versionAt } from './sealing.ts';
import { eventTerms, queryTerms, type EventFilters } from './terms.ts';

import { loadVocabulary, type Vocabulary } from './vocabulary.ts';

export type { EventFilters } from './terms.ts';
export { eraseMonitorRows } from './erase.ts';
export { publicCountryEvents, publicCounts, publicEvent } from './public/service.ts';
export { NO_FILTERS } from './terms.ts';
/** For the organisation's erasure (accounts/erase): its public report forms go with it. */
export { eraseIntakes } from './intake/service.ts';

/** The vocabularies of data/monitor (violation types, rights, perpetrators…), read once. */
export const monitorVocabulary = (ctx: AppContext): Vocabulary => loadVocabulary(ctx.config.seedDir);

/** Opening the event form: for those who may record (anonymous is sent to sign in, others get 403 or 404). */
export function mayRecord(actor: Actor, orgId: string): void {
  requireAccess(actor, 'org:write', { orgId });
}
// Import from CSV (import/): checked row by row, then recorded here, all or none.
export {
  importEvents,
  type DateOrder,
  type ImportOptions,
  type ImportReport,
  type RowError,
} from './import/service.ts';
export { IMPORT_FIELDS, parseMapping, PRESETS, type ImportField, type PresetName } from './import/mapping.ts';

/** The author of an event asked to mark it verified. */
export class OwnVerificationError extends ConflictError {
  override name = 'OwnVerificationError';
  override readonly messageKey: string = 'monitor.error.ownVerification';
}

async function found(ctx: AppContext, orgId: string, id: string) {
  const tags = orgTags(ctx, orgId);
  const row = await q.findEventRow(ctx.db, tags.events, id);
  if (!row) throw new NotFoundError('no such event');
  return { row, event: await openEvent(ctx, orgId, row) };
}

/** Records new events (one from a form, many from an import): all of them or none. */
export async function recordEvents(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  inputs: readonly EventInput[],
): Promise<MonitorEvent[]> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const at = ctx.clock.now().toISOString();
  const stamp = { at, by: actorId(actor) };
  const h = termHasher(ctx, orgId);
  try {
    const events: MonitorEvent[] = inputs.map((input) => ({
      ...input,
      id: newId(16),
      version: 1,
      created: stamp,
      updated: stamp,
      verification: { state: 'unverified', by: null, at: null },
      publication: { state: 'private', fields: [], publicId: null, at: null },
    }));
    await q.insertEvents(ctx.db, orgTags(ctx, orgId).events, sealedBatches(ctx, orgId, h, events));
    await audit(
      ctx.db,
      {
        actor: actorId(actor),
        action: 'monitor.record',
        objectType: 'monitor-event',
        objectId: events.length === 1 ? events[0]!.id : `${events.length}`,
        orgId,
      },
      ctx.clock.now(),
    );
    return events;
  } finally {
    h.wipe();
  }
}

export async function getEvent(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<MonitorEvent> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  return (await found(ctx, orgId, id)).event;
}

/**
 * Applies `change` to the event as it stands, keeps the version it replaces and updates its terms and its
 * public copy. Retried when a colleague's change lands first.
 */
async function changeEvent(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  change: (e: MonitorEvent) => MonitorEvent,
  action: string,
): Promise<MonitorEvent> {
  const tags = orgTags(ctx, orgId);
  const updated = await withRetries(async () => {
    const { row, event } = await found(ctx, orgId, id);
    const stamp = { at: ctx.clock.now().toISOString(), by: actorId(actor) };
    const next: MonitorEvent = { ...change(event), version: event.version + 1, updated: stamp };
    const changed = [...changedParts(event, next), ...stateChanges(event, next)];
    const version: EventVersion = { version: event.version, at: stamp.at, by: stamp.by, changed, event };
    const versionId = newId(16);
    const h = termHasher(ctx, orgId);
    try {
      const landed = await q.swapEvent(
        ctx.db,
        tags.events,
        { id, revision: row.revision, doc: await sealEvent(ctx, eventAt(orgId, id), next), terms: eventTerms(h, next) },
        {
          id: versionId,
          eventTag: tags.versionsOf(id),
          doc: await sealEvent(ctx, versionAt(orgId, versionId), version),
        },
      );
      return landed ? { before: event, next } : undefined;
    } finally {
      h.wipe();
    }
  });
  await syncCopies(ctx, actor, orgId, updated.before, updated.next);
  await audit(
    ctx.db,
    { actor: actorId(actor), action, objectType: 'monitor-event', objectId: id, orgId },
    ctx.clock.now(),
  );
  return updated.next;
}

const stateChanges = (a: MonitorEvent, b: MonitorEvent) => [
  ...(JSON.stringify(a.verification) !== JSON.stringify(b.verification) ? ['verification'] : []),
  ...(JSON.stringify(a.publication) !== JSON.stringify(b.publication) ? ['publication'] : []),
];

export async function editEvent(ctx: AppContext, actor: Actor, orgId: string, id: string, input: EventInput) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  return changeEvent(ctx, actor, orgId, id, (e) => ({ ...e, ...input, sources: keepFiles(e, input) }), 'monitor.edit');
}

/**
 * The edited sources, each keeping the files attached to it since the form was opened (the form carries
 * the file ids it was shown; a file uploaded meanwhile must not be dropped by saving it).
 */
function keepFiles(before: MonitorEvent, input: EventInput): Source[] {
  const attached = new Map(before.sources.map((s) => [s.id, s.fileIds]));
  return input.sources.map((s) => ({ ...s, fileIds: [...new Set([...s.fileIds, ...(attached.get(s.id) ?? [])])] }));
}

/**
 * Adds a stored evidence file to one of the event's sources, or to a new source made for it when `target`
 * gives one (evidence/service.ts stores the file first). Keeps the version it replaces, like any edit.
 */
export async function attachFile(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  fileId: string,
  target: { sourceId: string } | { newSource: Omit<Source, 'fileIds'> },
) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  return changeEvent(
    ctx,
    actor,
    orgId,
    id,
    (e) => {
      if ('newSource' in target) return { ...e, sources: [...e.sources, { ...target.newSource, fileIds: [fileId] }] };
      if (!e.sources.some((s) => s.id === target.sourceId)) throw new NotFoundError('no such source');
      const sources = e.sources.map((s) => (s.id === target.sourceId ? { ...s, fileIds: [...s.fileIds, fileId] } : s));
      return { ...e, sources };
    },
    'monitor.attach',
  );
}

/** Sets the verification state. Verified needs someone other than the event's author. */
export async function verifyEvent(ctx: AppContext, actor: Actor, orgId: string, id: string, state: VerificationState) {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  const by = actorId(actor);
  return changeEvent(
    ctx,
    actor,
    orgId,
    id,
    (e) => {
      if (state === 'verified' && e.created.by === by)
        throw new OwnVerificationError('a second person verifies an event, never its author');
      return { ...e, verification: { state, by, at: ctx.clock.now().toISOString() } };
    },
    'monitor.verify',
  );
}

/** Chooses who sees the event and which of its fields the public copy shows. Admins and owners only. */
export async function publishEvent(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  choice: { state: PublicationState; fields: PublicField[] },
) {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  const at = ctx.clock.now().toISOString();
  const networks = choice.state === 'private' ? [] : await sharingNetworks(ctx, orgId);
  return changeEvent(
    ctx,
    actor,
    orgId,
    id,
    (e) => ({ ...e, publication: nextPublication(e, choice, networks, at) }),
    'monitor.publish',
  );
}

/** Earlier versions of an event, newest first: for those who may edit it. */
export async function eventVersions(ctx: AppContext, actor: Actor, orgId: string, id: string): Promise<EventVersion[]> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  await found(ctx, orgId, id);
  const rows = await q.versionRows(ctx.db, orgTags(ctx, orgId).versionsOf(id));
  const versions = await Promise.all(rows.map((r) => openEvent<EventVersion>(ctx, orgId, r, versionAt(orgId, r.id))));
  return versions.sort((a, b) => b.version - a.version);
}

/** Deletes an event for good, with its versions, files and copies; only when `confirmed`. Admins and owners. */
export async function deleteEvent(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  id: string,
  confirmed: boolean,
): Promise<boolean> {
  requireAccess(actor, 'org:manage', { orgId });
  if (isDecoy(actor)) throw new NotFoundError('no such event');
  const { event } = await found(ctx, orgId, id);
  if (!confirmed) return false;
  const tags = orgTags(ctx, orgId);
  await q.deleteEvent(ctx.db, tags.events, id, tags.versionsOf(id));
  await removeCopies(ctx, event);
  await removeEventFiles(
    ctx,
    orgId,
    event.sources.flatMap((src) => src.fileIds),
  );
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'monitor.delete', objectType: 'monitor-event', objectId: id, orgId },
    ctx.clock.now(),
  );
  return true;
}

export interface EventPage {
  events: MonitorEvent[];
  total: number;
  more: boolean;
}

/** The organisation's events matching the filters, most recently recorded first. */
export async function searchEvents(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  filters: EventFilters,
  page: { limit: number; offset: number },
): Promise<EventPage> {
  requireAccess(actor, 'org:read', { orgId });
  if (isDecoy(actor)) return { events: [], total: 0, more: false };
  const h = termHasher(ctx, orgId);
  let query: string[][];
  try {
    query = queryTerms(h, filters);
  } finally {
    h.wipe();
  }
  const found = await q.searchIndex(ctx.db, query, page);
  const rows = await q.eventRows(ctx.db, orgTags(ctx, orgId).events, found.keys);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const events = await Promise.all(
    found.keys.flatMap((k) => (byId.has(k) ? [openEvent(ctx, orgId, byId.get(k)!)] : [])),
  );
  return { events, total: found.total, more: found.more };
}
