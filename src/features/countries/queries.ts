// SQL of the country data: V-Dem country-years and cutpoints (public, plain columns).
import type { Kysely, Transaction } from 'kysely';
import type { Database, VdemCountryYearTable } from '../../db/schema.ts';
import { INDEX_NAMES, type Cutpoint, type CountryYear, type IndexName } from './model.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type CountryYearRow = VdemCountryYearTable;

/** Rows per insert statement: 12 columns each, well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 400;

export const allCountryYears = (db: Db): Promise<CountryYearRow[]> =>
  db.selectFrom('vdem_country_years').selectAll().execute();

export async function insertCountryYears(db: Db, rows: CountryYearRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('vdem_country_years')
      .values(rows.slice(i, i + CHUNK))
      .execute();
}

export async function updateCountryYear(db: Db, row: CountryYearRow): Promise<void> {
  const { iso3, year, ...rest } = row;
  await db.updateTable('vdem_country_years').set(rest).where('iso3', '=', iso3).where('year', '=', year).execute();
}

export const allCutpoints = async (db: Db): Promise<Cutpoint[]> =>
  (await db.selectFrom('vdem_cutpoints').selectAll().execute()).map((r) => ({
    indicator: r.indicator as IndexName,
    up: Number(r.up),
    down: Number(r.down),
  }));

export async function saveCutpoint(db: Db, c: Cutpoint, exists: boolean): Promise<void> {
  if (exists)
    await db
      .updateTable('vdem_cutpoints')
      .set({ up: c.up, down: c.down })
      .where('indicator', '=', c.indicator)
      .execute();
  else await db.insertInto('vdem_cutpoints').values(c).execute();
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function toYear(r: Pick<CountryYearRow, 'year' | IndexName>): CountryYear {
  const y = { year: Number(r.year) } as CountryYear;
  for (const n of INDEX_NAMES) y[n] = num(r[n]);
  return y;
}

export const toYears = (rows: CountryYearRow[]): CountryYear[] => rows.map(toYear);

/** A country's years in order (by alpha-2 code). */
export async function countryYears(db: Db, iso2: string): Promise<{ rows: CountryYearRow[]; years: CountryYear[] }> {
  const rows = await db.selectFrom('vdem_country_years').selectAll().where('iso2', '=', iso2).orderBy('year').execute();
  return { rows, years: rows.map(toYear) };
}

/** Every country-year of a region, for its medians. */
export async function regionYears(db: Db, region: number): Promise<CountryYear[]> {
  const rows = await db
    .selectFrom('vdem_country_years')
    .select(['year', ...INDEX_NAMES])
    .where('region', '=', region)
    .execute();
  return rows.map(toYear);
}

/** The alpha-2 codes of the countries in the data, with their latest V-Dem name. */
export async function coveredCountries(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('vdem_country_years').select('iso2').distinct().orderBy('iso2').execute();
  return rows.map((r) => r.iso2);
}

export async function countryYearCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('vdem_country_years')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The rows of the data's last two years: every country still covered, with its change from the year before. */
export async function latestTwoYears(db: Db): Promise<CountryYearRow[]> {
  const top = await db
    .selectFrom('vdem_country_years')
    .select((eb) => eb.fn.max('year').as('year'))
    .executeTakeFirst();
  if (top?.year === null || top?.year === undefined) return [];
  return db
    .selectFrom('vdem_country_years')
    .selectAll()
    .where('year', '>=', Number(top.year) - 1)
    .orderBy('iso2')
    .orderBy('year')
    .execute();
}
