// Reads and validates the curated YAML files (one mechanism per file, named by its id).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { mechanismSchema, type Mechanism } from './schema.ts';

export interface FileProblem {
  file: string;
  path: string;
  message: string;
}

export function readMechanismFiles(dir: string): { records: Mechanism[]; problems: FileProblem[] } {
  const records: Mechanism[] = [];
  const problems: FileProblem[] = [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const seen = new Set<string>();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push({ file, path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
      continue;
    }
    const result = mechanismSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues)
        problems.push({ file, path: issue.path.join('.'), message: issue.message });
      continue;
    }
    const expected = file.replace(/\.ya?ml$/, '');
    if (result.data.id !== expected) {
      problems.push({ file, path: 'id', message: `must equal the file name (${expected})` });
    } else if (seen.has(result.data.id)) {
      problems.push({ file, path: 'id', message: 'is used by another file' });
    } else {
      seen.add(result.data.id);
      records.push(result.data);
    }
  }
  return { records, problems };
}
