import type { Command } from 'commander';
import { withContext } from './shared.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (also done on every start)')
    .action(async () => {
      // createContext migrates; this command exists so an operator can do it before a deploy.
      await withContext(async () => {
        process.stdout.write('database is up to date\n');
      });
    });
}
