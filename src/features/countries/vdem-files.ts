// Reading DemSpaces' output files from the directory the operator names (never shipped in the
// repository): dv_data_1968_on.csv, cutpoints.csv and region-mapping.csv. Every value is checked; a
// problem is a catalog key naming the file and the line, and nothing is imported when there is one.
import fs from 'node:fs';
import path from 'node:path';
import { problem, type Problems, type Result } from '../../platform/errors.ts';
import { alpha2FromAlpha3 } from './iso-alpha3.ts';
import { INDEX_NAMES, type Cutpoint, type IndexName } from './model.ts';

export const VDEM_FILES = { data: 'dv_data_1968_on.csv', cutpoints: 'cutpoints.csv', regions: 'region-mapping.csv' };

const MAX_PROBLEMS = 20;

export interface VdemRow {
  iso3: string;
  iso2: string;
  year: number;
  gwcode: number;
  name: string;
  region: number | null;
  scores: Record<IndexName, number | null>;
}

export interface VdemFiles {
  rows: VdemRow[];
  cutpoints: Cutpoint[];
  /** alpha-3 codes with no alpha-2 code known: their rows are left out. */
  unknownCodes: string[];
}

/** One CSV line split into fields; quoted fields may hold commas and doubled quotes. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

type Table = { header: string[]; lines: string[][] };

function readTable(dir: string, file: string, columns: readonly string[]): Result<Table> {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) return { ok: false, problems: problem(file, 'countries.import.missingFile', { file }) };
  const [head = '', ...rest] = fs
    .readFileSync(full, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = splitCsvLine(head);
  const absent = columns.find((c) => !header.includes(c));
  if (absent) return { ok: false, problems: problem(file, 'countries.import.missingColumn', { file, column: absent }) };
  return { ok: true, value: { header, lines: rest.filter((l) => l.trim() !== '').map(splitCsvLine) } };
}

/** A number in [0, 1], or null for "NA" or an empty field; undefined when it is neither. */
function score(text: string): number | null | undefined {
  if (text === '' || text === 'NA') return null;
  const v = Number(text);
  return Number.isFinite(v) && v >= 0 && v <= 1 ? v : undefined;
}

const integer = (text: string | undefined): number | undefined =>
  text !== undefined && /^-?\d+$/.test(text) ? Number(text) : undefined;

/** The three files of a DemSpaces output directory, checked. */
export function readVdemDir(dir: string): Result<VdemFiles> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    return { ok: false, problems: problem('dir', 'countries.import.noDir', { dir }) };
  const regions = readTable(dir, VDEM_FILES.regions, ['gwcode', 'e_regionpol_6C']);
  const cuts = readTable(dir, VDEM_FILES.cutpoints, ['indicator', 'up', 'down']);
  const data = readTable(dir, VDEM_FILES.data, ['gwcode', 'year', 'country_name', 'country_text_id', ...INDEX_NAMES]);
  for (const r of [regions, cuts, data]) if (!r.ok) return r;
  if (!regions.ok || !cuts.ok || !data.ok) throw new Error('unreachable');
  const problems: Problems = {};
  // The first few bad lines are enough to find what is wrong with a file.
  const bad = (file: string, line: number) => {
    if (Object.keys(problems).length < MAX_PROBLEMS)
      Object.assign(problems, problem(`${file}:${line}`, 'countries.import.badLine', { file, line }));
  };

  const regionOf = new Map<number, number>();
  const rc = (c: string) => regions.value.header.indexOf(c);
  regions.value.lines.forEach((f, i) => {
    const gw = integer(f[rc('gwcode')]);
    const region = integer(f[rc('e_regionpol_6C')]);
    if (gw === undefined || region === undefined || region < 1 || region > 6) bad(VDEM_FILES.regions, i + 2);
    else regionOf.set(gw, region);
  });

  const cutpoints: Cutpoint[] = [];
  const cc = (c: string) => cuts.value.header.indexOf(c);
  cuts.value.lines.forEach((f, i) => {
    const indicator = f[cc('indicator')] as IndexName;
    const up = Number(f[cc('up')]);
    const down = Number(f[cc('down')]);
    if (!INDEX_NAMES.includes(indicator) || !(up > 0 && up < 1) || !(down > 0 && down < 1))
      bad(VDEM_FILES.cutpoints, i + 2);
    else cutpoints.push({ indicator, up, down });
  });
  const missingCut = INDEX_NAMES.find((n) => !cutpoints.some((c) => c.indicator === n));
  if (missingCut && Object.keys(problems).length === 0)
    Object.assign(problems, problem(VDEM_FILES.cutpoints, 'countries.import.missingCutpoint', { index: missingCut }));

  const rows: VdemRow[] = [];
  const unknown = new Set<string>();
  const seen = new Set<string>();
  const dc = Object.fromEntries(data.value.header.map((h, i) => [h, i]));
  data.value.lines.forEach((f, i) => {
    const gwcode = integer(f[dc.gwcode!]);
    const year = integer(f[dc.year!]);
    const iso3 = f[dc.country_text_id!] ?? '';
    const name = f[dc.country_name!] ?? '';
    const scores = Object.fromEntries(INDEX_NAMES.map((n) => [n, score(f[dc[n]!] ?? '')]));
    const key = `${iso3}:${year}`;
    if (
      gwcode === undefined ||
      year === undefined ||
      year < 1800 ||
      year > 2200 ||
      !/^[A-Z]{3}$/.test(iso3) ||
      name === '' ||
      seen.has(key) ||
      Object.values(scores).some((v) => v === undefined)
    )
      return bad(VDEM_FILES.data, i + 2);
    seen.add(key);
    const iso2 = alpha2FromAlpha3(iso3);
    if (!iso2) return void unknown.add(iso3);
    rows.push({
      iso3,
      iso2,
      year,
      gwcode,
      name,
      region: regionOf.get(gwcode) ?? null,
      scores: scores as VdemRow['scores'],
    });
  });
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, value: { rows, cutpoints, unknownCodes: [...unknown].sort() } };
}
