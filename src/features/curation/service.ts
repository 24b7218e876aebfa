// What the curator's pages show and do. The rules themselves live in the suggestions and directory
// services; this puts together what each page needs from them.
import { stringify } from 'yaml';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import type { Result } from '../../platform/errors.ts';
import { editableRecords, editMechanism, listDirectory } from '../directory/service.ts';
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
