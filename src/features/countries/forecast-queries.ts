// SQL of the stored forecasts (migration 0017): the latest run and its forecasts, replaced together.
import type { Kysely, Transaction } from 'kysely';
import type { Database, VdemForecastTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type ForecastRow = VdemForecastTable;
export type RunRow = Database['vdem_forecast_runs'];

const RUN_ID = 'latest';
/** Rows per insert statement: 7 columns each, well under the parameter limits. */
const CHUNK = 400;

export const latestRun = (db: Db): Promise<RunRow | undefined> =>
  db.selectFrom('vdem_forecast_runs').selectAll().where('id', '=', RUN_ID).executeTakeFirst();

/** Replaces every stored forecast and the run row (call inside a transaction). */
export async function replaceForecasts(db: Db, run: Omit<RunRow, 'id'>, rows: ForecastRow[]): Promise<void> {
  await db.deleteFrom('vdem_forecasts').execute();
  for (let i = 0; i < rows.length; i += CHUNK)
    await db
      .insertInto('vdem_forecasts')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  await db.deleteFrom('vdem_forecast_runs').where('id', '=', RUN_ID).execute();
  await db
    .insertInto('vdem_forecast_runs')
    .values({ id: RUN_ID, ...run })
    .execute();
}

/** A country's stored forecasts (by alpha-2 code). */
export const countryForecasts = (db: Db, iso2: string): Promise<ForecastRow[]> =>
  db.selectFrom('vdem_forecasts').selectAll().where('iso2', '=', iso2).execute();

/** Every stored forecast, in a stable order (for tests and exports). */
export const allForecasts = (db: Db): Promise<ForecastRow[]> =>
  db.selectFrom('vdem_forecasts').selectAll().orderBy('iso2').orderBy('space').orderBy('direction').execute();
