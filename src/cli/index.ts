import { Command } from 'commander';
import { registerAccounts } from './accounts.ts';
import { registerAssessment } from './assessment.ts';
import { registerAudit } from './audit.ts';
import { registerCountries } from './countries.ts';
import { registerDirectory } from './directory.ts';
import { registerExport } from './export.ts';
import { registerMigrate } from './migrate.ts';
import { registerMonitor } from './monitor.ts';
import { registerPurge } from './purge.ts';
import { registerServe } from './serve.ts';
import { reportAndExit } from './shared.ts';
import { registerSuggestions } from './suggestions.ts';
import { registerTriage } from './triage.ts';

/** Every command of the CLI, registered on one program (tests walk it to check each one's help). */
export function buildProgram(): Command {
  const program = new Command('amparo')
    .description('Amparo: help for civil society under pressure')
    .showHelpAfterError()
    .enablePositionalOptions();
  registerServe(program);
  registerMigrate(program);
  registerDirectory(program);
  registerSuggestions(program);
  registerTriage(program);
  registerExport(program);
  registerAudit(program);
  registerAccounts(program);
  registerPurge(program);
  registerAssessment(program);
  registerMonitor(program);
  registerCountries(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    reportAndExit(error);
  }
}
