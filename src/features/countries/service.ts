// Country data: V-Dem's indicators of the six democratic spaces, imported by the operator from
// DemSpaces' files, and a country's picture (indicators, region, significant changes, the monitor's
// published events, the support that serves it) for anyone. V-Dem data: CC BY-SA 4.0, V-Dem Institute.
import type { AppContext } from '../../context.ts';
import { actorId, requireAccess, type Actor } from '../../platform/access.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError, type Result } from '../../platform/errors.ts';
import { listDirectory, type Mechanism } from '../directory/service.ts';
import { listLegislation, type Legislation } from '../legislation/service.ts';
import { publicCountryEvents } from '../monitor/service.ts';
import { countryCodes, countryRegion } from '../triage/service.ts';
import { latest, mediansByYear, significantChanges } from './analysis.ts';
import { FORMER_CODES } from './iso-alpha3.ts';
import { INDEX_NAMES, type CountryYear, type Cutpoint, type IndexName, type SignificantChange } from './model.ts';
import * as q from './queries.ts';
import { readVdemDir, type VdemRow } from './vdem-files.ts';

export type { CountryYear, Cutpoint, IndexName, SignificantChange, SpaceName } from './model.ts';
export { INDEX_NAMES, REGION_CODES, SPACES } from './model.ts';
export { FORMER_CODES } from './iso-alpha3.ts';
export { backtestCsv, countryForecast, makeForecasts } from './forecast-service.ts';
export { listCountries } from './list-service.ts';
export type { CountryList, CountryListItem } from './list-service.ts';
export type { CountryForecast, ForecastProgress, ForecastReport } from './forecast-service.ts';

export interface ImportProgress {
  done: number;
  total: number;
}

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  cutpointsChanged: number;
  /** alpha-3 codes the file names that have no alpha-2 code here: their rows were left out. */
  unknownCodes: string[];
}

const toRow = (r: VdemRow): q.CountryYearRow => ({
  iso3: r.iso3,
  year: r.year,
  iso2: r.iso2,
  gwcode: r.gwcode,
  name: r.name,
  region: r.region,
  ...r.scores,
});

const sameRow = (a: q.CountryYearRow, b: q.CountryYearRow) =>
  a.iso2 === b.iso2 &&
  Number(a.gwcode) === b.gwcode &&
  a.name === b.name &&
  (a.region === null ? null : Number(a.region)) === b.region &&
  INDEX_NAMES.every((n) => (a[n] === null ? null : Number(a[n])) === b[n]);

/** Imports (or brings up to date) the V-Dem files of a directory; a second import changes nothing. */
export async function importVdem(
  ctx: AppContext,
  actor: Actor,
  dir: string,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<Result<ImportReport>> {
  requireAccess(actor, 'countries:import');
  const files = readVdemDir(dir);
  if (!files.ok) return files;
  const { rows, cutpoints, unknownCodes } = files.value;
  const report: ImportReport = {
    rows: rows.length,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    cutpointsChanged: 0,
    unknownCodes,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const existing = new Map((await q.allCountryYears(trx)).map((r) => [`${r.iso3}:${r.year}`, r]));
    const fresh: q.CountryYearRow[] = [];
    const step = 500;
    for (let i = 0; i < rows.length; i += step) {
      for (const r of rows.slice(i, i + step)) {
        const row = toRow(r);
        const old = existing.get(`${r.iso3}:${r.year}`);
        if (!old) fresh.push(row);
        else if (sameRow(old, row)) report.unchanged++;
        else {
          await q.updateCountryYear(trx, row);
          report.updated++;
        }
      }
      await q.insertCountryYears(trx, fresh.splice(0));
      onProgress({ done: Math.min(rows.length, i + step), total: rows.length });
    }
    report.inserted = rows.length - report.updated - report.unchanged;
    const oldCuts = new Map((await q.allCutpoints(trx)).map((c) => [c.indicator, c]));
    for (const c of cutpoints) {
      const old = oldCuts.get(c.indicator);
      if (old && old.up === c.up && old.down === c.down) continue;
      await q.saveCutpoint(trx, c, old !== undefined);
      report.cutpointsChanged++;
    }
    if (report.inserted + report.updated + report.cutpointsChanged > 0)
      await audit(
        trx,
        { actor: actorId(actor), action: 'countries.import', objectType: 'vdem', objectId: 'country-years' },
        ctx.clock.now(),
      );
  });
  if (rows.length === 0) onProgress({ done: 0, total: 0 });
  return { ok: true, value: report };
}

/** Whether a code names a country a page can be about: any the project lists, or a former one with data. */
export async function isKnownCountry(ctx: AppContext, actor: Actor, iso2: string): Promise<boolean> {
  requireAccess(actor, 'countries:read');
  if (countryCodes(ctx).includes(iso2)) return true;
  return FORMER_CODES.includes(iso2) && (await q.countryYears(ctx.db, iso2)).rows.length > 0;
}

export interface Indicators {
  name: string;
  region: number | null;
  years: CountryYear[];
}

export interface LatestValues {
  year: number;
  values: Record<IndexName, { value: number | null; change: number | null; significant: 'up' | 'down' | null }>;
}

/** Where a mechanism works for this country: named for it, for its region, or everywhere. */
export type Reach = 'country' | 'region' | 'global';

export interface CountryProfile {
  iso2: string;
  /** Whether any V-Dem data has been imported at all. */
  loaded: boolean;
  /** The country's V-Dem series; null when V-Dem does not cover it (or nothing is imported). */
  indicators: Indicators | null;
  /** The region's median of each index in each of the country's years. */
  regionMedian: Record<IndexName, (number | null)[]> | null;
  latest: LatestValues | null;
  changes: SignificantChange[];
  events: Awaited<ReturnType<typeof publicCountryEvents>>;
  support: { mechanism: Mechanism; reach: Reach }[];
  /** The legislation tracker's entries for the country, newest change first. */
  legislation: Legislation[];
  directoryRegion: string | undefined;
}

async function indicatorsOf(
  ctx: AppContext,
  iso2: string,
): Promise<{ loaded: boolean; indicators: Indicators | null; cutpoints: Cutpoint[] }> {
  const [{ rows, years }, cutpoints] = await Promise.all([q.countryYears(ctx.db, iso2), q.allCutpoints(ctx.db)]);
  const last = rows.at(-1);
  return {
    loaded: cutpoints.length > 0,
    indicators: last ? { name: last.name, region: last.region === null ? null : Number(last.region), years } : null,
    cutpoints,
  };
}

/** How a mechanism serves the country, or null when it does not (closed, or scoped elsewhere). */
export function reachOf(m: Mechanism, iso2: string, region: string | undefined): Reach | null {
  if (m.status === 'closed') return null;
  const e = m.eligibility;
  if (e && (e.countries || e.regions)) {
    const inCountry = e.countries?.includes(iso2) ?? false;
    const inRegion = region !== undefined && (e.regions?.includes(region as never) ?? false);
    if (!inCountry && !inRegion) return null;
  }
  if (m.countries.includes(iso2)) return 'country';
  const global = m.regions.includes('global');
  if (m.countries.length > 0 && !global) return null;
  if (region !== undefined && m.regions.includes(region as never)) return 'region';
  return global ? 'global' : null;
}

const REACH_ORDER: Record<Reach, number> = { country: 0, region: 1, global: 2 };

/** Everything the country page shows. */
export async function countryProfile(ctx: AppContext, actor: Actor, iso2: string): Promise<CountryProfile> {
  requireAccess(actor, 'countries:read');
  if (!(await isKnownCountry(ctx, actor, iso2))) throw new NotFoundError(`no country ${iso2}`);
  const directoryRegion = countryRegion(ctx, iso2);
  const [{ loaded, indicators, cutpoints }, events, mechanisms, legislation] = await Promise.all([
    indicatorsOf(ctx, iso2),
    publicCountryEvents(ctx, actor, { country: iso2 }, 10),
    listDirectory(ctx, actor),
    listLegislation(ctx, actor, { country: iso2 }),
  ]);
  const support = mechanisms
    .flatMap((mechanism) => {
      const reach = reachOf(mechanism, iso2, directoryRegion);
      return reach ? [{ mechanism, reach }] : [];
    })
    .sort((a, b) => REACH_ORDER[a.reach] - REACH_ORDER[b.reach] || a.mechanism.name.localeCompare(b.mechanism.name));
  const region = indicators?.region ?? null;
  const regionMedian =
    indicators && region !== null
      ? mediansByYear(
          await q.regionYears(ctx.db, region),
          indicators.years.map((y) => y.year),
        )
      : null;
  return {
    iso2,
    loaded,
    indicators,
    regionMedian,
    latest: indicators ? latest(indicators.years, cutpoints) : null,
    changes: indicators ? significantChanges(indicators.years, cutpoints) : [],
    events,
    support,
    legislation,
    directoryRegion,
  };
}

export interface ComparedCountry {
  iso2: string;
  indicators: Indicators | null;
  latest: LatestValues | null;
  changes: SignificantChange[];
  /** The tracker's entries for the country, newest change first. */
  legislation: Legislation[];
}

/** Two to four countries side by side (the route checks the count and the codes). */
export async function compareCountries(
  ctx: AppContext,
  actor: Actor,
  codes: string[],
): Promise<{ loaded: boolean; countries: ComparedCountry[] }> {
  requireAccess(actor, 'countries:read');
  for (const c of codes) if (!(await isKnownCountry(ctx, actor, c))) throw new NotFoundError(`no country ${c}`);
  let loaded = false;
  const countries = await Promise.all(
    codes.map(async (iso2) => {
      const [found, legislation] = await Promise.all([
        indicatorsOf(ctx, iso2),
        listLegislation(ctx, actor, { country: iso2 }),
      ]);
      loaded ||= found.loaded;
      const years = found.indicators?.years ?? [];
      return {
        iso2,
        indicators: found.indicators,
        latest: latest(years, found.cutpoints),
        changes: significantChanges(years, found.cutpoints),
        legislation,
      };
    }),
  );
  return { loaded, countries };
}

/** The countries the data covers (alpha-2), for the comparison's choices. */
export async function coveredCountries(ctx: AppContext, actor: Actor): Promise<string[]> {
  requireAccess(actor, 'countries:read');
  return q.coveredCountries(ctx.db);
}
