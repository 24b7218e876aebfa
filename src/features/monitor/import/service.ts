// Importing events from a CSV file (an Uwazi or Ushahidi export, or our own columns): every row is read
// and checked first; a dry run stops there and reports every problem. A real run imports only a file
// without a single problem, all of it in one call to recordEvents (one transaction): nothing is ever
// half imported.
import type { AppContext } from '../../../context.ts';
import { isDecoy, requireAccess, type Actor } from '../../../platform/access.ts';
import { ForbiddenError } from '../../../platform/errors.ts';
import type { EventInput } from '../model.ts';
import { recordEvents } from '../service.ts';
import { readVocabulary } from '../vocabulary.ts';
import { convertRow, lookups, type DateOrder, type RowError } from './convert.ts';
import { CsvSyntaxError, readCsv } from './csv.ts';
import { IMPORT_FIELDS, resolveMapping, type ImportField, type PresetName } from './mapping.ts';

export type { RowError, DateOrder } from './convert.ts';

export interface ImportOptions {
  preset?: PresetName;
  /** Our field -> the file's column name, over the preset's guesses. */
  map?: Partial<Record<ImportField, string>>;
  /** ISO alpha-2 country of rows that name none (Ushahidi exports seldom do). */
  country?: string;
  dateOrder?: DateOrder;
  dryRun?: boolean;
  /** Called every `progressEvery` rows read, and once when reading ends. */
  onProgress?: (progress: { rows: number; bytes: number; done: boolean }) => void;
  progressEvery?: number;
  /** Called when every row passed and the events are about to be sealed and saved. */
  onSave?: (count: number) => void;
}

export interface ImportReport {
  /** Data rows read (the header not counted). */
  rows: number;
  imported: number;
  dryRun: boolean;
  /** Every problem, in file order; a non-empty list means nothing was imported. */
  errors: RowError[];
  /** The column each field was read from (null: not in this file). */
  columns: Record<ImportField, string | null>;
}

/** Reads, checks and (unless a dry run, and only with no problem at all) records the events of a CSV text. */
export async function importEvents(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  chunks: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  requireAccess(actor, 'org:write', { orgId });
  if (isDecoy(actor)) throw new ForbiddenError('a decoy workspace keeps nothing');
  const { vocabulary, problems } = readVocabulary(ctx.config.seedDir);
  if (!vocabulary) throw new Error(`the monitor's vocabularies do not load: ${problems[0]?.message ?? ''}`);
  const found = lookups(vocabulary);
  const country = options.country?.trim().toUpperCase();
  const errors: RowError[] = [];
  if (country && !found.countries.has(country.toLowerCase()))
    errors.push({ row: 0, column: null, key: 'monitor.import.error.unknownCountry', values: { value: country } });
  const inputs: EventInput[] = [];
  const every = options.progressEvery ?? 1000;
  let header: string[] | undefined;
  let mapped: Partial<Record<ImportField, number>> = {};
  let convert: ((fields: string[], line: number) => void) | undefined;
  let rows = 0;
  let bytes = 0;
  try {
    for await (const row of readCsv(chunks)) {
      bytes = row.bytes;
      if (!header) {
        header = row.fields.map((h) => h.trim());
        const mapping = resolveMapping(header, options.preset ?? 'amparo', options.map);
        for (const m of mapping.missing)
          errors.push({ row: row.line, column: m.column, key: 'monitor.import.error.noColumn', values: m });
        for (const f of ['title', 'date'] as const)
          if (mapping.columns[f] === undefined && !options.map?.[f])
            errors.push({ row: row.line, column: null, key: 'monitor.import.error.unmapped', values: { field: f } });
        mapped = mapping.columns;
        const o = { header, columns: mapping.columns, lookups: found, country, dateOrder: options.dateOrder };
        convert = (fields, line) => {
          const result = convertRow(fields, line, o);
          if (result.input) {
            if (errors.length === 0) inputs.push(result.input);
          } else errors.push(...result.errors);
        };
        continue;
      }
      rows++;
      convert!(row.fields, row.line);
      if (rows % every === 0) options.onProgress?.({ rows, bytes, done: false });
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    errors.push({ row: error.line, column: null, key: 'monitor.import.error.unclosedQuote' });
  }
  options.onProgress?.({ rows, bytes, done: true });
  const columns = Object.fromEntries(
    IMPORT_FIELDS.map((f) => [f, header && mapped[f] !== undefined ? (header[mapped[f]] ?? null) : null]),
  ) as Record<ImportField, string | null>;
  if (!header) errors.push({ row: 1, column: null, key: 'monitor.import.error.empty' });
  const report = { rows, imported: 0, dryRun: options.dryRun === true, errors, columns };
  if (errors.length > 0 || options.dryRun || inputs.length === 0) return report;
  options.onSave?.(inputs.length);
  const recorded = await recordEvents(ctx, actor, orgId, inputs);
  return { ...report, imported: recorded.length };
}
