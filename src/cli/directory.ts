import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  importMechanisms,
  listDirectory,
  readMechanismFiles,
  readSynonyms,
  recordsToCheck,
  STALE_AFTER_MONTHS,
  synonymsPath,
  toCsv,
  toJson,
  toYaml,
  unsourcedFacts,
  type Mechanism,
} from '../features/directory/service.ts';
import { loadCuratedData } from '../main.ts';
import { cliOperator } from '../platform/access.ts';
import { formatDataProblem } from '../platform/data-files.ts';
import { loadConfig, withContext } from './shared.ts';

function validateDir(dir: string) {
  const result = readMechanismFiles(dir);
  for (const p of result.problems) process.stderr.write(`${formatDataProblem(p)}\n`);
  return result;
}

/** Curated files must trace every stated fact to a source page. */
function unsourced(records: Mechanism[]): string[] {
  return records.flatMap((r) => {
    const missing = unsourcedFacts(r);
    return missing.length > 0 ? [`${r.id}: no source names ${missing.join(', ')}`] : [];
  });
}

export function registerDirectory(program: Command): void {
  const directory = program
    .command('directory')
    .description('the support directory: validate, import and export its data, and list records to check');

  directory
    .command('validate [dir]')
    .description(
      'check every YAML file in dir (default: the shipped data/support, and data/search/synonyms.yaml) against the schema',
    )
    .action((dir?: string) => {
      const seedDir = loadConfig().seedDir;
      const target = dir ?? path.join(seedDir, 'support');
      const { records, problems: invalid } = validateDir(target);
      const untraced = unsourced(records);
      for (const line of untraced) process.stderr.write(`${line}\n`);
      const problems = [...invalid, ...untraced];
      // The search's synonyms are checked with the shipped directory.
      const synonyms = dir ? [] : readSynonyms(seedDir).problems;
      for (const p of synonyms) process.stderr.write(`${formatDataProblem(p)}\n`);
      process.stdout.write(
        `${records.length} valid, ${problems.length} problem(s) in ${target}${dir ? '' : `; ${synonyms.length} in ${synonymsPath(seedDir)}`}\n`,
      );
      if (problems.length + synonyms.length > 0) process.exitCode = 1;
    });

  directory
    .command('import <dir>')
    .description('load the YAML files in dir; a record replaces the database copy only if its version is higher')
    .action(async (dir: string) => {
      const { records, problems } = validateDir(dir);
      await withContext(async (ctx) => {
        const counts = await importMechanisms(ctx, cliOperator, records);
        process.stdout.write(
          `inserted ${counts.inserted}, updated ${counts.updated}, unchanged ${counts.unchanged}, invalid ${problems.length}\n`,
        );
      });
      if (problems.length > 0) process.exitCode = 1;
    });

  directory
    .command('export')
    .description('write the whole directory to standard output or a file')
    .option('--format <format>', 'json, csv or yaml', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { format: string; out?: string }) => {
      const formats: Record<string, typeof toJson> = { json: toJson, csv: toCsv, yaml: toYaml };
      const format = formats[options.format];
      if (!format) {
        process.stderr.write(`amparo: --format must be json, csv or yaml, not ${options.format}\n`);
        process.exitCode = 2;
        return;
      }
      await withContext(async (ctx) => {
        await loadCuratedData(ctx); // as serve does, so a database no server has started is not empty
        const text = format(await listDirectory(ctx, cliOperator));
        if (options.out) fs.writeFileSync(options.out, text);
        else process.stdout.write(text);
      });
    });

  directory
    .command('stale')
    .description('list records (not closed) unchecked for the given months, the oldest check first')
    .option('--months <n>', 'how long unchecked', String(STALE_AFTER_MONTHS))
    .action(async (options: { months: string }) => {
      const months = Number(options.months);
      if (!Number.isInteger(months) || months < 1) {
        process.stderr.write(`amparo: --months must be a whole number of months, 1 or more, not ${options.months}\n`);
        process.exitCode = 2;
        return;
      }
      await withContext(async (ctx) => {
        await loadCuratedData(ctx);
        const stale = await recordsToCheck(ctx, cliOperator, months);
        for (const m of stale) process.stdout.write(`${m.id}\t${m.name}\t${m.verifiedAt}\t${m.status}\n`);
        process.stderr.write(`${stale.length} record(s) unchecked for ${months} months or more\n`);
      });
    });
}
