// Country data (features/countries): V-Dem's country-year indices of the six democratic spaces, as
// DemSpaces publishes them, and the cutpoints that make a year-over-year change significant. Public
// data (CC BY-SA 4.0, V-Dem Institute), so plain columns. The number may change at merge.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vdem_country_years')
    .addColumn('iso3', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('iso2', 'text', (c) => c.notNull())
    .addColumn('gwcode', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** V-Dem's politico-geographic region (e_regionpol_6C, 1-6); null when the file gives none. */
    .addColumn('region', 'integer')
    .addColumn('v2xcs_ccsi', 'double precision')
    .addColumn('v2x_freexp_altinf', 'double precision')
    .addColumn('v2xcl_rol', 'double precision')
    .addColumn('v2x_veracc_osp', 'double precision')
    .addColumn('v2x_horacc_osp', 'double precision')
    .addColumn('v2x_pubcorr', 'double precision')
    .addPrimaryKeyConstraint('vdem_country_years_pk', ['iso3', 'year'])
    .execute();
  await db.schema.createIndex('vdem_country_years_iso2').on('vdem_country_years').columns(['iso2', 'year']).execute();
  await db.schema
    .createIndex('vdem_country_years_region')
    .on('vdem_country_years')
    .columns(['region', 'year'])
    .execute();
  await db.schema
    .createTable('vdem_cutpoints')
    .addColumn('indicator', 'text', (c) => c.primaryKey())
    .addColumn('up', 'double precision', (c) => c.notNull())
    .addColumn('down', 'double precision', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('vdem_cutpoints').execute();
  await db.schema.dropTable('vdem_country_years').execute();
}
