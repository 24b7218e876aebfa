// The directory's rules. Knows nothing of HTTP: routes, the CLI and tests call these.
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import {
  applyFileRecord,
  directoryRevision,
  foreignChangeMarker,
  insertMechanism,
  listMechanisms,
  mechanismExists,
  updateMechanism,
  type Origin,
} from './queries.ts';
import { parseRecordYaml } from './input.ts';
import type { Mechanism } from './schema.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { DirectoryIndex, type Filters, type SearchResult } from './search.ts';
import { compileSynonyms, synonymsFile, type Synonyms } from './synonyms.ts';

/** How long a process trusts its index before asking the database whether another process changed it. */
const REVISION_TTL_MS = 1000;

interface IndexState {
  index: DirectoryIndex;
  revision: string;
  /** SQLite's data_version when the revision was read (null on PostgreSQL). */
  marker: number | null;
  checkedAt: number;
}

const indexes = new WeakMap<AppContext, IndexState>();
const synonymsByCtx = new WeakMap<AppContext, Synonyms>();

/** Every language's synonyms from the seed directory's data/search/synonyms.yaml, compiled once. */
function searchSynonyms(ctx: AppContext): Synonyms {
  let synonyms = synonymsByCtx.get(ctx);
  if (!synonyms) synonymsByCtx.set(ctx, (synonyms = compileSynonyms(synonymsFile(ctx.config.seedDir))));
  return synonyms;
}
const building = new WeakMap<AppContext, Promise<DirectoryIndex>>();

/**
 * The index this process searches. Once a second it asks the database whether another process
 * changed the directory; meanwhile, and while a changed index is being built, requests keep using the
 * current one. A write made through this process drops the index, so its author waits for the new one.
 */
async function currentIndex(ctx: AppContext): Promise<DirectoryIndex> {
  const state = indexes.get(ctx);
  if (state && Date.now() - state.checkedAt < REVISION_TTL_MS) return state.index;
  let pending = building.get(ctx);
  if (!pending) {
    pending = (async () => {
      const previous = indexes.get(ctx);
      const marker = await foreignChangeMarker(ctx.db);
      if (previous && marker !== null && marker === previous.marker) {
        // Nobody else committed since the revision was read: it still holds.
        indexes.set(ctx, { ...previous, checkedAt: Date.now() });
        return previous.index;
      }
      const revision = await directoryRevision(ctx.db);
      const index =
        previous?.revision === revision
          ? previous.index
          : await DirectoryIndex.build(await listMechanisms(ctx.db), { synonyms: searchSynonyms(ctx) });
      indexes.set(ctx, { index, revision, marker, checkedAt: Date.now() });
      return index;
    })().finally(() => building.delete(ctx));
    building.set(ctx, pending);
  }
  if (!state) return pending;
  // Nobody awaits a background refresh: a failure is logged (the next request tries again), never thrown.
  pending.catch((error: Error) =>
    ctx.logger.error({ err: { name: error.name, message: error.message } }, 'directory index refresh failed'),
  );
  return state.index;
}

function invalidate(ctx: AppContext): void {
  indexes.delete(ctx);
}

/** The revision of the directory data this process is serving; pages cached under it stay valid. */
export async function directoryVersion(ctx: AppContext): Promise<string> {
  await currentIndex(ctx);
  return indexes.get(ctx)?.revision ?? '';
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
  const index = await currentIndex(ctx);
  return { ...index.search(filters, page, locale), languages: index.languages };
}

export async function getMechanism(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<{ mechanism: Mechanism; similar: Mechanism[] }> {
  requireAccess(actor, 'directory:read');
  const index = await currentIndex(ctx);
  const mechanism = index.get(id);
  if (!mechanism) throw new NotFoundError(`no mechanism ${id}`);
  return { mechanism, similar: similarTo(mechanism, index.all(), 3) };
}

/** The languages some mechanism works in. */
export async function directoryLanguages(ctx: AppContext, actor: Actor): Promise<string[]> {
  requireAccess(actor, 'directory:read');
  return (await currentIndex(ctx)).languages;
}

export async function listDirectory(ctx: AppContext, actor: Actor): Promise<Mechanism[]> {
  requireAccess(actor, 'directory:read');
  return (await currentIndex(ctx)).all();
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
  if (counts.inserted + counts.updated > 0) invalidate(ctx);
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
  invalidate(ctx);
}

/** Ranks others by overlap of kind, theme and audience (Jaccard), then by name. */
/** The records as curators edit them (the public reads them through listDirectory). */
export async function editableRecords(ctx: AppContext, actor: Actor): Promise<Mechanism[]> {
  requireAccess(actor, 'directory:write');
  return listMechanisms(ctx.db);
}

/** A curator's edit of a whole record written as YAML; the id cannot change. Problems come back as text. */
export async function editMechanism(
  ctx: AppContext,
  actor: Actor,
  id: string,
  yaml: string,
): Promise<{ ok: true } | { ok: false; problems: string[] }> {
  requireAccess(actor, 'directory:write');
  const existing = (await listMechanisms(ctx.db)).find((m) => m.id === id);
  if (!existing) throw new NotFoundError(`no mechanism ${id}`);
  const parsed = parseRecordYaml(yaml, id, existing.version);
  // The codes only (e.g. TAG_RESOLVE_FAILED): the library's messages quote the curator's text.
  if (parsed.warnings.length > 0) ctx.logger.warn({ codes: parsed.warnings }, 'YAML warnings in a curator edit');
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  await updateMechanism(ctx.db, parsed.record, ctx.clock.now());
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'mechanism.edit', objectType: 'mechanism', objectId: id },
    ctx.clock.now(),
  );
  invalidate(ctx);
  return { ok: true };
}

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
