import path from 'node:path';
import type { Command } from 'commander';
import { readLibrary } from '../features/assessments/assessment/service.ts';
import { readMechanismFiles } from '../features/directory/service.ts';
import { formatDataProblem } from '../platform/data-files.ts';
import { loadConfig } from './shared.ts';

export function registerAssessment(program: Command): void {
  const assessment = program
    .command('assessment')
    .description('the risk assessment instrument, recommended actions and what-if cards');

  assessment
    .command('validate [dir]')
    .description(
      'check data/assessment and data/scenarios (default: the shipped data) against their schemas and the directory',
    )
    .action((dir?: string) => {
      const seedDir = dir ?? loadConfig().seedDir;
      const { records } = readMechanismFiles(path.join(loadConfig().seedDir, 'support'));
      const { library, problems } = readLibrary(seedDir, new Set(records.map((r) => r.id)));
      for (const p of problems) process.stderr.write(`${formatDataProblem(p)}\n`);
      const counts = library
        ? `${library.instrument.domains.length} domains, ${library.actions.size} actions, ${library.scenarios.size} what-if cards`
        : 'not loaded';
      process.stdout.write(`${counts}, ${problems.length} problem(s) in ${seedDir}\n`);
      if (problems.length > 0) process.exitCode = 1;
    });
}
