// The list of countries (/{locale}/countries): every country in the data's latest year with its
// region, its core civil society index and that year's significant changes, the highest stored
// chance of a closing, and how many tracker entries name it.
import type { AppContext } from '../../context.ts';
import { requireAccess, type Actor } from '../../platform/access.ts';
import { listLegislation } from '../legislation/service.ts';
import { latest } from './analysis.ts';
import * as fq from './forecast-queries.ts';
import { INDEX_NAMES, type IndexName } from './model.ts';
import * as q from './queries.ts';

export interface CountryListItem {
  iso2: string;
  region: number | null;
  year: number;
  civilSociety: number | null;
  opened: IndexName[];
  closed: IndexName[];
  /** The space with the highest stored chance of a closing, or null without forecasts. */
  closing: { index: IndexName; probability: number } | null;
  laws: number;
}

export interface CountryList {
  loaded: boolean;
  /** The year the latest stored forecasts start from, or null when none are stored. */
  forecastFrom: number | null;
  countries: CountryListItem[];
}

export async function listCountries(ctx: AppContext, actor: Actor): Promise<CountryList> {
  requireAccess(actor, 'countries:read');
  const [rows, cutpoints, run, forecasts, laws] = await Promise.all([
    q.latestTwoYears(ctx.db),
    q.allCutpoints(ctx.db),
    fq.latestRun(ctx.db),
    fq.allForecasts(ctx.db),
    listLegislation(ctx, actor),
  ]);
  const lastYear = rows.reduce((m, r) => Math.max(m, Number(r.year)), 0);
  const lawCount = new Map<string, number>();
  for (const e of laws) lawCount.set(e.country, (lawCount.get(e.country) ?? 0) + 1);
  const closing = new Map<string, { index: IndexName; probability: number }>();
  for (const f of forecasts) {
    if (f.direction !== 'down') continue;
    const p = Number(f.probability);
    const best = closing.get(f.iso2);
    if (!best || p > best.probability) closing.set(f.iso2, { index: f.space as IndexName, probability: p });
  }
  const byCountry = new Map<string, q.CountryYearRow[]>();
  for (const r of rows) byCountry.set(r.iso2, [...(byCountry.get(r.iso2) ?? []), r]);
  const countries: CountryListItem[] = [];
  for (const [iso2, own] of byCountry) {
    const last = own.at(-1)!;
    if (Number(last.year) !== lastYear) continue;
    const values = latest(q.toYears(own), cutpoints)!.values;
    countries.push({
      iso2,
      region: last.region === null ? null : Number(last.region),
      year: lastYear,
      civilSociety: values.v2xcs_ccsi.value,
      opened: INDEX_NAMES.filter((n) => values[n].significant === 'up'),
      closed: INDEX_NAMES.filter((n) => values[n].significant === 'down'),
      closing: closing.get(iso2) ?? null,
      laws: lawCount.get(iso2) ?? 0,
    });
  }
  return { loaded: cutpoints.length > 0, forecastFrom: run ? Number(run.from_year) : null, countries };
}
