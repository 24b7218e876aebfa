import type { Command } from 'commander';
import { purgeExpired } from '../features/accounts/purge/service.ts';
import { cliOperator } from '../platform/access.ts';
import { withContext } from './shared.ts';

export function registerPurge(program: Command): void {
  program
    .command('purge')
    .description(
      'delete expired sessions, used or expired links, old invitations, throttle counters and devices (the server also does this every AMPARO_PURGE_MINUTES)',
    )
    .action(async () => {
      await withContext(async (ctx) => {
        const counts = await purgeExpired(ctx, cliOperator);
        for (const [what, count] of Object.entries(counts)) process.stdout.write(`${what}: ${count}\n`);
      });
    });
}
