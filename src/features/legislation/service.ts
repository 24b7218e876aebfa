// The legislation tracker: curated entries (data/legislation/*.yaml) on laws and bills that touch civic
// space, read once per data folder and served to anyone. Other slices use it only through this file.
import path from 'node:path';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { readDataFolder, type DataProblem } from '../../platform/data-files.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { lastChanged, legislationSchema, type Legislation, type LegislationKind, type Stage } from './schema.ts';

export type { Legislation, LegislationKind, Stage, Effect } from './schema.ts';
export { EFFECTS, LEGISLATION_KINDS, STAGES, lastChanged, summaryLanguages } from './schema.ts';

/** Every valid entry of a folder, and what is wrong with the others. */
export function readLegislationFiles(dir: string): { entries: Legislation[]; problems: DataProblem[] } {
  const { items, problems } = readDataFolder(dir, legislationSchema, { idIsFileName: true, optional: true });
  return { entries: items.map((i) => i.value), problems };
}

const loaded = new Map<string, Legislation[]>();

/** The entries of the served data folder, newest change first (then by id, so the order is stable). */
function entries(ctx: AppContext): Legislation[] {
  const dir = path.join(ctx.config.seedDir, 'legislation');
  let found = loaded.get(dir);
  if (!found) {
    const read = readLegislationFiles(dir);
    for (const p of read.problems) ctx.logger.warn({ file: p.file, path: p.path }, `legislation data: ${p.message}`);
    found = read.entries.sort((a, b) => lastChanged(b).localeCompare(lastChanged(a)) || a.id.localeCompare(b.id));
    loaded.set(dir, found);
  }
  return found;
}

export interface LegislationFilter {
  country?: string;
  kind?: LegislationKind;
}

export function listLegislation(ctx: AppContext, actor: Actor, filter: LegislationFilter = {}): Legislation[] {
  requireAccess(actor, 'legislation:read');
  return entries(ctx).filter(
    (e) => (!filter.country || e.country === filter.country) && (!filter.kind || e.kind === filter.kind),
  );
}

/** The countries that have at least one entry (alpha-2 codes, sorted). */
export function legislationCountries(ctx: AppContext, actor: Actor): string[] {
  requireAccess(actor, 'legislation:read');
  return [...new Set(entries(ctx).map((e) => e.country))].sort();
}

export function getLegislation(ctx: AppContext, actor: Actor, id: string): Legislation {
  requireAccess(actor, 'legislation:read');
  const found = entries(ctx).find((e) => e.id === id);
  if (!found) throw new NotFoundError();
  return found;
}

/** A step of an entry's history, for feeds: the entry, the stage reached and when. */
export interface StageChange {
  entry: Legislation;
  stage: Stage;
  date: string;
  source: string;
  /** The step's position in the entry's history (0 is the first). */
  index: number;
}

/** Every stage change of a country's entries, newest first. */
export function countryStageChanges(ctx: AppContext, actor: Actor, country: string): StageChange[] {
  return listLegislation(ctx, actor, { country })
    .flatMap((entry) => entry.history.map((step, index) => ({ entry, ...step, index })))
    .sort((a, b) => b.date.localeCompare(a.date) || b.index - a.index || a.entry.id.localeCompare(b.entry.id));
}
