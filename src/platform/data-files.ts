// Curated content files under data/ (the directory, the triage flows, the assessment instrument...):
// YAML read, checked with the zod schema of what the file holds, and every problem reported in one shape,
// so the loaders, the server's log and the `amparo ... validate` commands all say it the same way.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

/** What is wrong in a data file. */
export interface DataProblem {
  /** The file's name (within the folder that was read). */
  file: string;
  /** Where in the file, as a dotted path (`contact.website`, `kinds.0`); '' when it is the whole file. */
  path: string;
  message: string;
}

/** One valid file of a folder and what it holds. */
export interface DataFile<T> {
  file: string;
  value: T;
}

/** `file path: message` (or `file: message`), as the validate commands print it. */
export function formatDataProblem(p: DataProblem): string {
  return `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

/** The issues of a failed zod parse as problems of one file. */
export function schemaProblems(file: string, error: z.ZodError): DataProblem[] {
  return error.issues.map((issue) => ({ file, path: issue.path.join('.'), message: issue.message }));
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

function parseFile<S extends z.ZodType>(
  file: string,
  name: string,
  schema: S,
): { value?: z.output<S>; problems: DataProblem[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { problems: [{ file: name, path: '', message: `cannot be read: ${firstLine(error)}` }] };
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    return { problems: [{ file: name, path: '', message: `not valid YAML: ${firstLine(error)}` }] };
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { problems: schemaProblems(name, result.error) };
  return { value: result.data, problems: [] };
}

/**
 * Reads one file. `optional`: a missing file is no problem (and no value). Problems name the file by
 * its base name.
 */
export function readDataFile<S extends z.ZodType>(
  file: string,
  schema: S,
  options: { optional?: boolean } = {},
): { value?: z.output<S>; problems: DataProblem[] } {
  if (options.optional && !fs.existsSync(file)) return { problems: [] };
  return parseFile(file, path.basename(file), schema);
}

const DATA_FILE = /\.ya?ml$/;

/**
 * Reads every *.yaml (and *.yml) file of a folder, in name order; a file with a problem is left out.
 * `idIsFileName`: each file holds one item whose `id` equals the file's name without extension.
 * `skip`: files of the folder that hold something else (read by their own loader).
 * `optional`: a missing folder holds nothing; otherwise reading it throws.
 */
export function readDataFolder<S extends z.ZodType>(
  dir: string,
  schema: S,
  options: { idIsFileName?: boolean; skip?: (file: string) => boolean; optional?: boolean } = {},
): { items: DataFile<z.output<S>>[]; problems: DataProblem[] } {
  const items: DataFile<z.output<S>>[] = [];
  const problems: DataProblem[] = [];
  if (options.optional && !fs.existsSync(dir)) return { items, problems };
  const files = fs
    .readdirSync(dir)
    .filter((f) => DATA_FILE.test(f) && !options.skip?.(f))
    .sort();
  const ids = new Set<string>();
  for (const file of files) {
    const { value, problems: found } = parseFile(path.join(dir, file), file, schema);
    problems.push(...found);
    if (found.length > 0) continue;
    if (options.idIsFileName) {
      const id = (value as { id?: unknown } | null | undefined)?.id;
      const expected = file.replace(DATA_FILE, '');
      if (id !== expected) {
        problems.push({ file, path: 'id', message: `must equal the file name (${expected})` });
        continue;
      }
      if (ids.has(expected)) {
        problems.push({ file, path: 'id', message: 'is used by another file' });
        continue;
      }
      ids.add(expected);
    }
    items.push({ file, value: value as z.output<S> });
  }
  return { items, problems };
}
