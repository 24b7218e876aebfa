// Which CSV column feeds which part of an event. A preset lists, for each of our fields, the column
// names an export of that kind usually carries; headers are compared without case, and with spaces,
// underscores and dots alike. A person's own mapping (--map field=Column) wins over the preset.
//
// What the presets assume (from the projects' documentation; exports vary with each deployment's
// templates and surveys, hence --map):
// - Uwazi: columns are a template's property names in lower case joined by underscores, `title`
//   required, several values in one cell separated by `|`, a geolocation as `lat|lon`; select fields
//   (country, violation type) exported by their label.
// - Ushahidi: the platform's export has `Post ID`, `Survey`, `Post Status`, `Post Date`, `Title`,
//   `Description`, a location field as `<name>.lat` / `<name>.lon`, categories joined by commas; the
//   older (v2) export has `INCIDENT TITLE`, `INCIDENT DATE`, `LOCATION`, `DESCRIPTION`, `CATEGORY`,
//   `LATITUDE`, `LONGITUDE`. A deployment usually covers one country, so its exports seldom name it:
//   give --country.

export const IMPORT_FIELDS = [
  'title',
  'description',
  'date',
  'endDate',
  'country',
  'region',
  'location',
  'lat',
  'lon',
  'types',
  'perpetrators',
  'victims',
  'sourceUrl',
  'source',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const PRESETS = ['amparo', 'uwazi', 'ushahidi'] as const;
export type PresetName = (typeof PRESETS)[number];

type Preset = Record<ImportField, readonly string[]>;

/** Our own names: what `amparo monitor import` reads when no preset is given. */
const AMPARO: Preset = {
  title: ['title'],
  description: ['description'],
  date: ['date', 'start date'],
  endDate: ['end date'],
  country: ['country'],
  region: ['region'],
  location: ['location', 'point'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'longitude'],
  types: ['types', 'type', 'violation type'],
  perpetrators: ['perpetrators', 'perpetrator'],
  victims: ['victims', 'victim'],
  sourceUrl: ['source url', 'url'],
  source: ['source'],
};

export const PRESET_COLUMNS: Record<PresetName, Preset> = {
  amparo: AMPARO,
  uwazi: {
    title: ['title'],
    description: ['description', 'summary', 'details'],
    date: ['date', 'date of event', 'event date', 'date of incident', 'date of violation'],
    endDate: ['end date', 'date end'],
    country: ['country'],
    region: ['region', 'province', 'city', 'place'],
    location: ['geolocation', 'geolocation geolocation', 'location'],
    lat: [],
    lon: [],
    types: ['violation type', 'type of violation', 'violations', 'violation', 'types', 'type'],
    perpetrators: ['perpetrator', 'perpetrators', 'alleged perpetrator', 'perpetrator type'],
    victims: ['victim', 'victims', 'affected person', 'affected persons'],
    sourceUrl: ['source url', 'link', 'url'],
    source: ['source', 'sources'],
  },
  ushahidi: {
    title: ['post title', 'title', 'incident title'],
    description: ['post description', 'description', 'content'],
    date: ['post date', 'post date (utc)', 'incident date', 'date'],
    endDate: [],
    country: ['country'],
    region: ['location name', 'location', 'city'],
    location: [],
    lat: ['location.lat', 'latitude', 'lat'],
    lon: ['location.lon', 'longitude', 'lon', 'lng'],
    types: ['categories', 'category', 'violation type'],
    perpetrators: ['perpetrator', 'perpetrators'],
    victims: ['victim', 'victims'],
    sourceUrl: ['source url', 'url', 'link'],
    source: ['source'],
  },
};

const fold = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, ' ');

/** Column index of each mapped field; `missing` names columns asked for by --map that the file lacks. */
export interface ResolvedMapping {
  columns: Partial<Record<ImportField, number>>;
  missing: { field: ImportField; column: string }[];
}

/** The columns of this header row for a preset, with a person's own choices on top. */
export function resolveMapping(
  header: readonly string[],
  preset: PresetName,
  own: Partial<Record<ImportField, string>> = {},
): ResolvedMapping {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const key = fold(h);
    if (!index.has(key)) index.set(key, i);
  });
  const columns: Partial<Record<ImportField, number>> = {};
  const missing: ResolvedMapping['missing'] = [];
  for (const field of IMPORT_FIELDS) {
    const asked = own[field];
    if (asked !== undefined) {
      const i = index.get(fold(asked));
      if (i === undefined) missing.push({ field, column: asked });
      else columns[field] = i;
      continue;
    }
    for (const name of PRESET_COLUMNS[preset][field]) {
      const i = index.get(fold(name));
      if (i !== undefined) {
        columns[field] = i;
        break;
      }
    }
  }
  return { columns, missing };
}

/** `field=Column` pairs (the CLI's --map) as a mapping; throws on an unknown field. */
export function parseMapping(pairs: readonly string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const field = pair.slice(0, Math.max(eq, 0)).trim();
    if (eq < 1 || !(IMPORT_FIELDS as readonly string[]).includes(field))
      throw new Error(`--map takes field=Column, with field one of ${IMPORT_FIELDS.join(', ')} (got ${pair})`);
    mapping[field as ImportField] = pair.slice(eq + 1).trim();
  }
  return mapping;
}
