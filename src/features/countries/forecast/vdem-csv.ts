// Reads the V-Dem / DemSpaces country-year files (../shared/data/vdem/, see its README) as plain
// data: no database, no network. The parsing functions take the file text so tests can feed slices;
// `readVdemDir` is the one place that touches the file system.
import fs from 'node:fs';
import path from 'node:path';

/** The six DemSpaces "spaces", by their V-Dem index name, in DemSpaces' order. */
export const SPACES = [
  'v2xcs_ccsi',
  'v2x_freexp_altinf',
  'v2xcl_rol',
  'v2x_veracc_osp',
  'v2x_horacc_osp',
  'v2x_pubcorr',
] as const;
export type Space = (typeof SPACES)[number];

export interface CountryYear {
  gwcode: number;
  year: number;
  countryName: string;
  /** V-Dem's country_text_id (ISO 3166-1 alpha-3 in most cases). */
  iso3: string;
  values: Record<Space, number>;
}

export interface Cutpoint {
  up: number;
  down: number;
}

export interface VdemData {
  rows: CountryYear[];
  cutpoints: Record<Space, Cutpoint>;
  /** gwcode -> V-Dem politico-geographic region (e_regionpol_6C, 1-6). */
  regions: Map<number, number>;
}

/** Splits a simple CSV (no quoted fields, as these files are) into header-keyed records. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length)
      throw new Error(`CSV row with ${cells.length} cells, expected ${header.length}: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i]!]));
  });
}

/**
 * A decimal as DemSpaces' R pipeline read it: readr parses "0.40900000000000003" by taking the
 * digits as an integer and scaling by a power of ten, which is not always the nearest double (it
 * gives 0.409 there, where JavaScript's correctly rounded Number() gives 0.40900000000000003). The
 * long forms occur in v2x_pubcorr (stored as 1 - x); the difference decides six of DemSpaces'
 * pubcorr events, so the coder reads the numbers the same way to reproduce them exactly.
 */
export function parseDecimalAsReadr(text: string): number {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return Number(text);
  const [, sign, whole = '', frac = ''] = match;
  const value = Number(`${whole}${frac}` || '0') / 10 ** frac.length;
  return sign === '-' ? -value : value;
}

function num(value: string | undefined, what: string): number {
  const n = value === undefined ? Number.NaN : parseDecimalAsReadr(value);
  if (value === undefined || value === '' || !Number.isFinite(n)) throw new Error(`${what}: not a number (${value})`);
  return n;
}

/** dv_data_1968_on.csv, sorted by gwcode then year as DemSpaces arranges it. */
export function parseDvData(text: string): CountryYear[] {
  const rows = parseCsv(text).map((r) => ({
    gwcode: num(r.gwcode, 'gwcode'),
    year: num(r.year, 'year'),
    countryName: r.country_name ?? '',
    iso3: r.country_text_id ?? '',
    values: Object.fromEntries(SPACES.map((s) => [s, num(r[s], s)])) as Record<Space, number>,
  }));
  return rows.sort((a, b) => a.gwcode - b.gwcode || a.year - b.year);
}

export function parseCutpoints(text: string): Record<Space, Cutpoint> {
  const out: Partial<Record<Space, Cutpoint>> = {};
  for (const r of parseCsv(text)) {
    const space = SPACES.find((s) => s === r.indicator);
    if (space) out[space] = { up: num(r.up, 'up'), down: num(r.down, 'down') };
  }
  for (const s of SPACES) if (!out[s]) throw new Error(`cutpoints: no row for ${s}`);
  return out as Record<Space, Cutpoint>;
}

export function parseRegions(text: string): Map<number, number> {
  return new Map(parseCsv(text).map((r) => [num(r.gwcode, 'gwcode'), num(r.e_regionpol_6C, 'region')]));
}

export function readVdemDir(dir: string): VdemData {
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return {
    rows: parseDvData(read('dv_data_1968_on.csv')),
    cutpoints: parseCutpoints(read('cutpoints.csv')),
    regions: parseRegions(read('region-mapping.csv')),
  };
}

/** Rows grouped by country (gwcode), each group in year order. */
export function byCountry(rows: readonly CountryYear[]): Map<number, CountryYear[]> {
  const groups = new Map<number, CountryYear[]>();
  for (const row of rows) {
    const group = groups.get(row.gwcode);
    if (group) group.push(row);
    else groups.set(row.gwcode, [row]);
  }
  for (const group of groups.values()) group.sort((a, b) => a.year - b.year);
  return groups;
}

/**
 * The shared V-Dem folder for tests and benchmarks: `shared/data/vdem` beside the checkout or any folder
 * above it (a worktree, a CI clone), else where this machine keeps the shared folder; undefined when the
 * files are nowhere, and the tests that need them say they are skipped.
 */
export function findVdemDir(from: string = process.cwd()): string | undefined {
  const candidates: string[] = [];
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'shared/data/vdem'));
    if (path.dirname(dir) === dir) break;
  }
  candidates.push('/work/shared/data/vdem');
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'dv_data_1968_on.csv')));
}
