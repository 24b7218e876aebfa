import type { Command } from 'commander';
import { verifyAudit } from '../platform/audit.ts';
import { withContext } from './shared.ts';

export function registerAudit(program: Command): void {
  const auditCmd = program.command('audit').description('the hash-chained audit log');
  auditCmd
    .command('verify')
    .description('recompute the chain; report edited or deleted entries, and print the head hash to record elsewhere')
    .action(async () => {
      await withContext(async (ctx) => {
        const result = await verifyAudit(ctx.db);
        for (const p of result.problems) process.stderr.write(`entry ${p.seq}: ${p.problem}\n`);
        process.stdout.write(`${result.entries} entries, ${result.problems.length} problem(s), head ${result.head}\n`);
        if (result.problems.length > 0) process.exitCode = 1;
      });
    });
}
