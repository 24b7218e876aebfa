// The six democratic spaces of V-Dem's Democratic Spaces Barometer, each measured by one V-Dem index in
// [0, 1] where higher is more open (the public corruption index comes reversed in DemSpaces' file:
// Denmark is near 1), and the politico-geographic regions (e_regionpol_6C) that group countries.

/** Index column -> the space it measures, in DemSpaces' order. */
export const SPACES = [
  { index: 'v2xcs_ccsi', space: 'associational' },
  { index: 'v2x_freexp_altinf', space: 'informational' },
  { index: 'v2xcl_rol', space: 'individual' },
  { index: 'v2x_veracc_osp', space: 'electoral' },
  { index: 'v2x_horacc_osp', space: 'governing' },
  { index: 'v2x_pubcorr', space: 'economic' },
] as const;

export type IndexName = (typeof SPACES)[number]['index'];
export type SpaceName = (typeof SPACES)[number]['space'];
export const INDEX_NAMES: readonly IndexName[] = SPACES.map((s) => s.index);

/** V-Dem's six regions, by their code in region-mapping.csv; names are catalog keys countries.region.<code>. */
export const REGION_CODES = [1, 2, 3, 4, 5, 6] as const;

export type Scores = Record<IndexName, number | null>;

export interface CountryYear extends Scores {
  year: number;
}

export interface Cutpoint {
  indicator: IndexName;
  up: number;
  down: number;
}

/** A year-over-year change at least as large as the space's cutpoint. */
export interface SignificantChange {
  year: number;
  index: IndexName;
  direction: 'up' | 'down';
  from: number;
  to: number;
}

/** The country series of one country: its V-Dem name, region and years in order. */
export interface CountrySeries {
  iso2: string;
  name: string;
  region: number | null;
  years: CountryYear[];
}
