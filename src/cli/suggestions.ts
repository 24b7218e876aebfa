import type { Command } from 'commander';
import { approveSuggestion, listSuggestions, rejectSuggestion } from '../features/suggestions/service.ts';
import { cliOperator } from '../platform/access.ts';
import { csv, withContext, valueOf } from './shared.ts';

export function registerSuggestions(program: Command): void {
  const suggestions = program
    .command('suggestions')
    .description('the moderation queue of suggested resources and corrections');

  suggestions
    .command('list')
    .description('list suggestions (pending by default)')
    .option('--status <status>', 'pending, approved, rejected or all', 'pending')
    .option('--json', 'print JSON, one object per line')
    .action(async (options: { status: string; json?: boolean }) => {
      if (!['pending', 'approved', 'rejected', 'all'].includes(options.status)) {
        process.stderr.write('amparo: --status must be pending, approved, rejected or all\n');
        process.exitCode = 2;
        return;
      }
      await withContext(async (ctx) => {
        const items = await listSuggestions(ctx, cliOperator, options.status as 'pending');
        for (const s of items) {
          if (options.json) {
            process.stdout.write(JSON.stringify(s) + '\n');
            continue;
          }
          const title =
            s.kind === 'correction'
              ? `correction to ${s.mechanismId}`
              : `new: ${s.payload.name} <${s.payload.website}>`;
          process.stdout.write(
            `${s.id}  ${s.createdAt.toISOString().slice(0, 16)}  ${s.status}  ${title}\n    ${s.payload.details.replace(/\s+/g, ' ').slice(0, 200)}\n`,
          );
        }
        if (!options.json) process.stdout.write(`${items.length} suggestion(s)\n`);
      });
    });

  suggestions
    .command('approve <id>')
    .description('approve: a new resource joins the directory; a correction is marked for the curator to apply')
    .option('--slug <slug>', 'id of the new directory record (default: from its name)')
    .option('--kinds <list>', 'comma-separated kinds, where the suggestion gave none')
    .option('--serves <list>', 'comma-separated audiences')
    .option('--regions <list>', 'comma-separated regions')
    .action(async (id: string, o: { slug?: string; kinds?: string; serves?: string; regions?: string }) => {
      await withContext(async (ctx) => {
        const { mechanismId } = valueOf(
          await approveSuggestion(ctx, cliOperator, id, {
            ...(o.slug ? { id: o.slug } : {}),
            ...(o.kinds ? { kinds: csv(o.kinds) } : {}),
            ...(o.serves ? { serves: csv(o.serves) } : {}),
            ...(o.regions ? { regions: csv(o.regions) } : {}),
          }),
        );
        process.stdout.write(`approved ${id}${mechanismId ? ` (record ${mechanismId})` : ''}\n`);
      });
    });

  suggestions
    .command('reject <id>')
    .description('reject a suggestion with a reason')
    .requiredOption('--reason <text>', 'why it was rejected')
    .action(async (id: string, o: { reason: string }) => {
      await withContext(async (ctx) => {
        valueOf(await rejectSuggestion(ctx, cliOperator, id, o.reason));
        process.stdout.write(`rejected ${id}\n`);
      });
    });
}
