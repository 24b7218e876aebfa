// What the curator's pages show and do. The rules themselves live in the suggestions and directory
// services; this puts together what each page needs from them.
import { stringify } from 'yaml';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import type { Result } from '../../platform/errors.ts';
import {
  editableRecords,
  editMechanism,
  isStale,
  listDirectory,
  markChecked,
  recordsToCheck,
  type CheckMark,
  type Mechanism,
} from '../directory/service.ts';
import { listSuggestions, type Suggestion } from '../suggestions/service.ts';

export { approveSuggestion, mergeSuggestion, rejectSuggestion, type ApproveOptions } from '../suggestions/service.ts';

/** A directory record as the curator's lists name it. */
export interface RecordName {
  id: string;
  name: string;
}

/** The pending suggestions, and the records one may be merged into. */
export async function curationQueue(
  ctx: AppContext,
  actor: Actor,
): Promise<{ suggestions: Suggestion[]; mechanisms: RecordName[] }> {
  requireAccess(actor, 'suggestion:moderate');
  const suggestions = await listSuggestions(ctx, actor);
  const mechanisms = (await listDirectory(ctx, actor)).map((m) => ({ id: m.id, name: m.name }));
  return { suggestions, mechanisms };
}

/** Every record, for the editor's list. */
export async function editableRecordNames(ctx: AppContext, actor: Actor): Promise<RecordName[]> {
  requireAccess(actor, 'directory:write');
  return (await editableRecords(ctx, actor)).map((m) => ({ id: m.id, name: m.name }));
}

/** One record as the YAML the editor shows; undefined when there is no such record. */
export async function recordYaml(ctx: AppContext, actor: Actor, id: string): Promise<string | undefined> {
  requireAccess(actor, 'directory:write');
  const mechanism = (await editableRecords(ctx, actor)).find((m) => m.id === id);
  return mechanism && stringify(mechanism);
}

/** Saves the editor's YAML over the record; problems come back by field. */
export async function saveRecordYaml(ctx: AppContext, actor: Actor, id: string, yaml: string): Promise<Result<void>> {
  requireAccess(actor, 'directory:write');
  return editMechanism(ctx, actor, id, yaml);
}

/** A record in the freshness queue: what a curator needs to check it against its sources. */
export interface ToCheck {
  record: Pick<Mechanism, 'id' | 'name' | 'verifiedAt' | 'status' | 'source'>;
  stale: boolean;
}

/** How many records the freshness page lists at once; marking them brings the next ones up. */
const QUEUE_PAGE = 50;

/** The records checked longest ago first (closed ones are not checked again). */
export async function freshnessQueue(ctx: AppContext, actor: Actor): Promise<ToCheck[]> {
  requireAccess(actor, 'directory:write');
  const now = ctx.clock.now();
  return (await recordsToCheck(ctx, actor)).slice(0, QUEUE_PAGE).map(({ id, name, verifiedAt, status, source }) => ({
    record: { id, name, verifiedAt, status, source },
    stale: isStale({ verifiedAt }, now),
  }));
}

/** One step from the queue: checked today and running, paused or closed. */
export async function markRecord(ctx: AppContext, actor: Actor, id: string, mark: CheckMark): Promise<void> {
  requireAccess(actor, 'directory:write');
  await markChecked(ctx, actor, id, mark);
}
