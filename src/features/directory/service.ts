// The directory's rules. Knows nothing of HTTP: routes, the CLI and tests call these. Other slices reach
// the directory only through this file: its types, vocabularies and the few helpers they need are
// re-exported at the end.
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { readDataFolder, type DataProblem } from '../../platform/data-files.ts';
import { ConflictError, fail, NotFoundError, ok, type Result } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { parseRecordYaml } from './input.ts';
import {
  applyFileRecord,
  insertMechanism,
  listMechanisms,
  mechanismExists,
  updateMechanism,
  type Origin,
} from './queries.ts';
import { isStale, staleBefore } from './freshness.ts';
import { mechanismSchema, type Mechanism } from './schema.ts';
import type { Filters, SearchResult } from './search.ts';
import { compileSynonyms, type Synonyms } from './synonyms.ts';

/** The shipped (or given) folder of mechanism files, one record per file named by its id. */
export function readMechanismFiles(dir: string): { records: Mechanism[]; problems: DataProblem[] } {
  const { items, problems } = readDataFolder(dir, mechanismSchema, { idIsFileName: true });
  return { records: items.map((i) => i.value), problems };
}

/**
 * The revision of the directory data this process is serving, and the day on the context's clock: pages
 * cached under it stay valid until the data changes or a new day may make a record stale.
 */
export async function directoryVersion(ctx: AppContext): Promise<string> {
  return `${await ctx.directoryIndex.revision()}@${ctx.clock.now().toISOString().slice(0, 10)}`;
}

/** The search's synonyms of the given languages, merged (the offline edition's own search uses them). */
export function directorySynonyms(ctx: AppContext, locales: readonly Locale[]): Synonyms {
  return compileSynonyms(ctx.directoryIndex.synonyms(), locales);
}

export interface Page {
  limit: number;
  offset: number;
}

export async function searchDirectory(
  ctx: AppContext,
  actor: Actor,
  filters: Filters,
  page: Page,
  locale: Locale = 'en',
): Promise<SearchResult & { languages: string[] }> {
  requireAccess(actor, 'directory:read');
  const index = await ctx.directoryIndex.current();
  return { ...index.search(filters, page, locale), languages: index.languages };
}

export async function getMechanism(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ mechanism: Mechanism; similar: Mechanism[]; stale: boolean }> {
  requireAccess(actor, 'directory:read');
  const index = await ctx.directoryIndex.current();
  const mechanism = index.get(id);
  if (!mechanism) throw new NotFoundError(`no mechanism ${id}`);
  return {
    mechanism,
    similar: similarTo(mechanism, index.all(), 3),
    stale: isStale(mechanism, ctx.clock.now()),
  };
}

/** The languages some mechanism works in. */
export async function directoryLanguages(ctx: AppContext, actor: Actor): Promise<string[]> {
  requireAccess(actor, 'directory:read');
  return (await ctx.directoryIndex.current()).languages;
}

export async function listDirectory(ctx: AppContext, actor: Actor): Promise<Mechanism[]> {
  requireAccess(actor, 'directory:read');
  return (await ctx.directoryIndex.current()).all();
}

/** Loads curated records idempotently; see applyFileRecord for when a file wins over the database. */
export async function importMechanisms(ctx: AppContext, actor: Actor, records: Mechanism[]) {
  requireAccess(actor, 'directory:write');
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const now = ctx.clock.now();
  for (const record of records) {
    const result = await applyFileRecord(ctx.db, record, now);
    counts[result] += 1;
    if (result !== 'unchanged') {
      await audit(
        ctx.db,
        {
          actor: actorId(actor),
          action: `mechanism.${result === 'inserted' ? 'import' : 'update'}`,
          objectType: 'mechanism',
          objectId: record.id,
        },
        now,
      );
    }
  }
  if (counts.inserted + counts.updated > 0) ctx.directoryIndex.invalidate();
  return counts;
}

export async function addMechanism(ctx: AppContext, actor: Actor, record: Mechanism, origin: Origin): Promise<void> {
  requireAccess(actor, 'directory:write');
  if (await mechanismExists(ctx.db, record.id)) throw new ConflictError(`a mechanism with id ${record.id} exists`);
  await insertMechanism(ctx.db, record, origin, ctx.clock.now());
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'mechanism.create', objectType: 'mechanism', objectId: record.id },
    ctx.clock.now(),
  );
  ctx.directoryIndex.invalidate();
}

/** The records as curators edit them (the public reads them through listDirectory). */
export async function editableRecords(ctx: AppContext, actor: Actor): Promise<Mechanism[]> {
  requireAccess(actor, 'directory:write');
  return listMechanisms(ctx.db);
}

/** A curator's edit of a whole record written as YAML; the id cannot change. */
export async function editMechanism(ctx: AppContext, actor: Actor, id: string, yaml: string): Promise<Result<void>> {
  requireAccess(actor, 'directory:write');
  const existing = (await listMechanisms(ctx.db)).find((m) => m.id === id);
  if (!existing) throw new NotFoundError(`no mechanism ${id}`);
  const parsed = parseRecordYaml(yaml, id, existing.version);
  // The codes only (e.g. TAG_RESOLVE_FAILED): the library's messages quote the curator's text.
  if (parsed.warnings.length > 0) ctx.logger.warn({ codes: parsed.warnings }, 'YAML warnings in a curator edit');
  if (!parsed.ok) return fail(parsed.problems);
  await updateMechanism(ctx.db, parsed.record, ctx.clock.now());
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'mechanism.edit', objectType: 'mechanism', objectId: id },
    ctx.clock.now(),
  );
  ctx.directoryIndex.invalidate();
  return ok(undefined);
}

/** What a curator found on checking a record today: still running, paused, or closed. */
export const CHECK_MARKS = { checked: 'active', paused: 'paused', closed: 'closed' } as const;
export type CheckMark = keyof typeof CHECK_MARKS;

/** Records a check in one step: the date becomes today's (the context's clock) and the status what was found. */
export async function markChecked(ctx: AppContext, actor: Actor, id: string, mark: CheckMark): Promise<Mechanism> {
  requireAccess(actor, 'directory:write');
  const existing = (await listMechanisms(ctx.db)).find((m) => m.id === id);
  if (!existing) throw new NotFoundError(`no mechanism ${id}`);
  const now = ctx.clock.now();
  const record: Mechanism = { ...existing, verifiedAt: now.toISOString().slice(0, 10), status: CHECK_MARKS[mark] };
  // As a curator's edit: the version stays, so a restart's data files do not undo the check.
  await updateMechanism(ctx.db, record, now);
  await audit(
    ctx.db,
    { actor: actorId(actor), action: `mechanism.${mark}`, objectType: 'mechanism', objectId: id },
    now,
  );
  ctx.directoryIndex.invalidate();
  return record;
}

/**
 * Records to check, the oldest check first (then by id). Closed ones are left out: nothing is referred to
 * them. With `months`, only those unchecked for at least that long.
 */
export async function recordsToCheck(ctx: AppContext, actor: Actor, months?: number): Promise<Mechanism[]> {
  requireAccess(actor, 'directory:write');
  const cutoff = months === undefined ? undefined : staleBefore(ctx.clock.now(), months);
  return (await listMechanisms(ctx.db))
    .filter((m) => m.status !== 'closed' && (cutoff === undefined || m.verifiedAt < cutoff))
    .sort((a, b) => a.verifiedAt.localeCompare(b.verifiedAt) || a.id.localeCompare(b.id));
}

/** Ranks others by overlap of kind, theme and audience (Jaccard), then by name. */
export function similarTo(target: Mechanism, all: Mechanism[], n: number): Mechanism[] {
  const tags = (m: Mechanism) =>
    new Set([...m.kinds.map((k) => `k:${k}`), ...m.themes.map((t) => `t:${t}`), ...m.serves.map((s) => `s:${s}`)]);
  const mine = tags(target);
  return all
    .filter((m) => m.id !== target.id)
    .map((m) => {
      const theirs = tags(m);
      const shared = [...theirs].filter((t) => mine.has(t)).length;
      return { m, score: shared / (mine.size + theirs.size - shared) };
    })
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.m.name.localeCompare(b.m.name))
    .slice(0, n)
    .map((x) => x.m);
}

// What other slices use of the directory.
export type { Eligibility, Mechanism, MechanismInput, Status } from './schema.ts';
export {
  CONTENT_LANG,
  isolate,
  localizedText,
  mechanismIdSchema,
  mechanismSchema,
  STATUSES,
  unsourcedFacts,
} from './schema.ts';
export { isStale, STALE_AFTER_MONTHS } from './freshness.ts';
export type { Filters, SearchResult } from './search.ts';
export { KINDS, PAYS, REGIONS, SERVES, THEMES, THREATS } from './taxonomy.ts';
export { toCsv, toJson, toYaml } from './export.ts';
export { readSynonyms, synonymsPath } from './synonyms.ts';
