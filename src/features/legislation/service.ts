// The legislation tracker: curated entries (data/legislation/*.yaml) on laws and bills that touch civic
// space, served to anyone. A curator may edit an entry in the browser: the edit is kept in the database
// and takes the place of the shipped file of the same id. Other slices use it only through this file.
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { readDataFolder, type DataProblem } from '../../platform/data-files.ts';
import { fail, NotFoundError, ok, type Problems, type Result } from '../../platform/errors.ts';
import * as q from './queries.ts';
import { lastChanged, legislationSchema, type Legislation, type LegislationKind, type Stage } from './schema.ts';

export type { Legislation, LegislationKind, Stage, Effect } from './schema.ts';
export { EFFECTS, LEGISLATION_KINDS, STAGES, lastChanged, summaryLanguages } from './schema.ts';

/** Every valid entry of a folder, and what is wrong with the others. */
export function readLegislationFiles(dir: string): { entries: Legislation[]; problems: DataProblem[] } {
  const { items, problems } = readDataFolder(dir, legislationSchema, { idIsFileName: true, optional: true });
  return { entries: items.map((i) => i.value), problems };
}

const shipped = new Map<string, Legislation[]>();

function shippedEntries(ctx: AppContext): Legislation[] {
  const dir = path.join(ctx.config.seedDir, 'legislation');
  let found = shipped.get(dir);
  if (!found) {
    const read = readLegislationFiles(dir);
    for (const p of read.problems) ctx.logger.warn({ file: p.file, path: p.path }, `legislation data: ${p.message}`);
    found = read.entries;
    shipped.set(dir, found);
  }
  return found;
}

/** The shipped entries with the curators' edits in their place, newest change first (then by id). */
async function entries(ctx: AppContext): Promise<Legislation[]> {
  const byId = new Map(shippedEntries(ctx).map((e) => [e.id, e]));
  for (const row of await q.editedEntries(ctx.db)) {
    const parsed = legislationSchema.safeParse(JSON.parse(row.document));
    if (parsed.success) byId.set(row.id, parsed.data);
    else ctx.logger.warn({ id: row.id }, 'legislation edit no longer fits the schema; the shipped entry is shown');
  }
  return [...byId.values()].sort((a, b) => lastChanged(b).localeCompare(lastChanged(a)) || a.id.localeCompare(b.id));
}

/** The recurring job that mails followers (alerts.ts); a curator's edit also queues a run. */
export const ALERTS_JOB = 'legislation.alerts';

/** A step of an entry as the alerts remember it: the entry, the stage and its date. */
export const stepKey = (id: string, step: { stage: string; date: string }) => `${id}|${step.stage}|${step.date}`;

/** Every step of every entry now, as announced once mailed (or when a follow starts). */
export async function announcedNow(ctx: AppContext): Promise<string[]> {
  return (await entries(ctx)).flatMap((e) => e.history.map((step) => stepKey(e.id, step))).sort();
}

/** The keyed tag that finds an organisation's follow row (follows.ts). */
export const followTagOf = (ctx: AppContext, orgId: string) => ctx.keyring.tag(orgId, 'legislation:follow');

/** An erased organisation's follow goes with it (in the erasure's transaction `db`), so nobody is mailed after. */
export async function eraseFollow(ctx: AppContext, orgId: string, db: Db): Promise<void> {
  await q.deleteFollow(db, followTagOf(ctx, orgId));
}

export interface LegislationFilter {
  country?: string;
  kind?: LegislationKind;
}

export async function listLegislation(
  ctx: AppContext,
  actor: Actor,
  filter: LegislationFilter = {},
): Promise<Legislation[]> {
  requireAccess(actor, 'legislation:read');
  return (await entries(ctx)).filter(
    (e) => (!filter.country || e.country === filter.country) && (!filter.kind || e.kind === filter.kind),
  );
}

/** The countries that have at least one entry (alpha-2 codes, sorted). */
export async function legislationCountries(ctx: AppContext, actor: Actor): Promise<string[]> {
  requireAccess(actor, 'legislation:read');
  return [...new Set((await entries(ctx)).map((e) => e.country))].sort();
}

export async function getLegislation(ctx: AppContext, actor: Actor, id: string): Promise<Legislation> {
  requireAccess(actor, 'legislation:read');
  const found = (await entries(ctx)).find((e) => e.id === id);
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
export async function countryStageChanges(ctx: AppContext, actor: Actor, country: string): Promise<StageChange[]> {
  return (await listLegislation(ctx, actor, { country }))
    .flatMap((entry) => entry.history.map((step, index) => ({ entry, ...step, index })))
    .sort((a, b) => b.date.localeCompare(a.date) || b.index - a.index || a.entry.id.localeCompare(b.entry.id));
}

/** An entry as the YAML a curator edits (without its id, which cannot change). */
export async function legislationYaml(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  requireAccess(actor, 'directory:write');
  const { id: _id, ...rest } = await getLegislation(ctx, actor, id);
  return stringify(rest, { lineWidth: 110 });
}

/** A curator's edit of a whole entry written as YAML: checked against the schema, then kept and audited. */
export async function editLegislation(ctx: AppContext, actor: Actor, id: string, yaml: string): Promise<Result<void>> {
  requireAccess(actor, 'directory:write');
  await getLegislation(ctx, actor, id);
  const document = parseDocument(yaml, { logLevel: 'silent' });
  if (document.errors.length > 0)
    return fail({ yaml: { key: 'validation.yaml', values: { detail: document.errors[0]!.message.split('\n')[0]! } } });
  const fields: unknown = document.toJS();
  const parsed = legislationSchema.safeParse({ ...(fields && typeof fields === 'object' ? fields : {}), id });
  if (!parsed.success) {
    const problems: Problems = {};
    for (const issue of parsed.error.issues)
      problems[issue.path.join('.') || 'entry'] ??= {
        key: 'validation.recordFormat',
        values: { detail: issue.message },
      };
    return fail(problems);
  }
  await q.saveEntry(ctx.db, id, JSON.stringify(parsed.data), ctx.clock.now());
  await audit(
    ctx.db,
    { actor: actorId(actor), action: 'legislation.edit', objectType: 'legislation', objectId: id },
    ctx.clock.now(),
  );
  await ctx.jobs.enqueue({ kind: ALERTS_JOB, runAt: ctx.clock.now(), payload: '{}', uniqueKey: `${ALERTS_JOB}:edit` });
  return ok(undefined);
}
