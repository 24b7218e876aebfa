// The current civic-space forecasts (features/countries, `amparo countries forecast`): for every country
// of the latest V-Dem year, each space and direction, the two-year probability, the base rate it is
// compared with and the factors that moved it most; and the run that made them (the data revision and
// model version that make a rerun a no-op). Public data, so plain columns. The number may change at merge.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vdem_forecasts')
    .addColumn('iso2', 'text', (c) => c.notNull())
    /** The V-Dem index of the space (v2xcs_ccsi, ...). */
    .addColumn('space', 'text', (c) => c.notNull())
    /** 'up' (opening) or 'down' (closing). */
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('probability', 'double precision', (c) => c.notNull())
    /** Share of known country-years of this space and direction followed by an event within two years. */
    .addColumn('base_rate', 'double precision', (c) => c.notNull())
    /** JSON: [{ feature, value, effect }], the largest effects first. */
    .addColumn('factors', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vdem_forecasts_pk', ['iso2', 'space', 'direction'])
    .execute();
  await db.schema
    .createTable('vdem_forecast_runs')
    /** Always 'latest': one row, the run whose forecasts are stored. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('data_revision', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    /** JSON of the pooled backtest scores per direction, when the run measured them; else null. */
    .addColumn('scores', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('vdem_forecast_runs').execute();
  await db.schema.dropTable('vdem_forecasts').execute();
}
