import type { Command } from 'commander';
import { resetTwoFactor, setUserEnabled } from '../features/accounts/account/service.ts';
import { eraseOrganisation } from '../features/accounts/erase/service.ts';
import { inviteMember, invitePlatformUser } from '../features/accounts/invitations/service.ts';
import { createOrganisation, listOrganisations } from '../features/accounts/orgs/service.ts';
import { cliOperator } from '../platform/access.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { valueOf, withContext } from './shared.ts';

// The command line holds no organisation's key, and the copies given to members and to invitation links
// are named by tags under that key, so it cannot find them (that is what the tags are for).
const ERASE_LEFT =
  "the copies of its key held for members and in pending invitation links could not be found without its key: they open nothing now (the organisation's salt is gone), and each member's is deleted when they next sign in; its member rows, sealed under that key, stay unreadable\n";

const ERASE_PREVIEW = (id: string) =>
  `organisation ${id} would be erased:\n` +
  '  1. first, in one transaction, every copy of its key this command can find: the one under its recovery\n' +
  "     key, the server's own (organisations from before member keys) and its salt, without which no other copy opens;\n" +
  '  2. then its assessments, plan, what-if cards and its own row; then the database files are purged.\n' +
  'The copies held for members and in pending invitation links are named by tags under its key, which this\n' +
  "command does not hold: they stay behind, opening nothing, and each member's is deleted when they next sign in.\n" +
  "An owner who erases it from the organisation's page removes those too.\n" +
  'Backups and copies of the database made before now are not erased.\n' +
  `Nothing was changed. To erase it: amparo org erase ${id} --yes\n`;

export function registerAccounts(program: Command): void {
  const org = program.command('org').description('organisations on this server');
  org
    .command('create <name>')
    .description("create an organisation and invite its first owner; prints the organisation's recovery key once")
    .requiredOption('--owner <email>', 'email address of the first owner')
    .action(async (name: string, o: { owner: string }) => {
      await withContext(async (ctx) => {
        // The organisation's key exists in this process only until the owner's invitation carries it.
        const created = valueOf(await createOrganisation(ctx, cliOperator, { name }));
        const invited = valueOf(await inviteMember(ctx, cliOperator, created.id, { email: o.owner, role: 'owner' }));
        process.stdout.write(
          `organisation ${created.id} created\n` +
            `invitation for the owner (also sent by email if SMTP is set up), valid 7 days:\n${invited.link}\n\n` +
            `recovery key (shown once; give it to the owner, on paper, by a safe way; it can restore members' access):\n` +
            `${created.recoveryKey}\n`,
        );
      });
    });
  org
    .command('list')
    .description("list organisations (id and creation date; names are sealed under each organisation's key)")
    .action(async () => {
      await withContext(async (ctx) => {
        const orgs = await listOrganisations(ctx, cliOperator);
        if (orgs.length === 0)
          process.stdout.write('no organisations yet: create one with amparo org create "<name>" --owner <email>\n');
        for (const o of orgs) process.stdout.write(`${o.id}  ${o.createdAt.toISOString().slice(0, 10)}\n`);
      });
    });

  org
    .command('erase <id>')
    .description('erase an organisation: every copy of its key first, then its data (nothing happens without --yes)')
    .option('--yes', 'erase it; without this, only say what would happen')
    .action(async (id: string, o: { yes?: boolean }) => {
      await withContext(async (ctx) => {
        if (!o.yes) {
          if (!(await listOrganisations(ctx, cliOperator)).some((org) => org.id === id))
            throw new NotFoundError(`no organisation ${id}`);
          process.stdout.write(ERASE_PREVIEW(id));
          return;
        }
        const report = valueOf(await eraseOrganisation(ctx, cliOperator, id, {}));
        process.stdout.write(
          `organisation ${id} erased: its keys were gone after ${report.keysGoneMs.toFixed(0)} ms, ` +
            `everything after ${report.totalMs.toFixed(0)} ms\n` +
            (report.tidied ? '' : ERASE_LEFT) +
            (report.purged
              ? ''
              : 'warning: another process was reading the database, so the SQLite WAL keeps old pages until its next checkpoint\n'),
        );
      });
    });

  const user = program.command('user').description('accounts on this server');
  user
    .command('invite <email>')
    .description(
      "invite a person to a platform role (--platform curator|operator); an organisation's members are invited by its owners and admins, who hold its key",
    )
    .requiredOption('--platform <role>', 'platform role: curator or operator')
    .action(async (email: string, o: { platform: string }) => {
      await withContext(async (ctx) => {
        if (o.platform !== 'curator' && o.platform !== 'operator')
          throw new ValidationError({ platform: { key: 'validation.choice' } });
        const link = (await invitePlatformUser(ctx, cliOperator, email, o.platform)).link;
        process.stdout.write(`invitation (also sent by email if SMTP is set up), valid 7 days:\n${link}\n`);
      });
    });
  user
    .command('disable <email>')
    .description('disable an account and end all its sessions (--enable to undo)')
    .option('--enable', 'enable the account again')
    .action(async (email: string, o: { enable?: boolean }) => {
      await withContext(async (ctx) => {
        await setUserEnabled(ctx, cliOperator, email, Boolean(o.enable));
        process.stdout.write(o.enable ? 'account enabled\n' : 'account disabled; its sessions are ended\n');
      });
    });
  user
    .command('reset-2fa <email>')
    .description('remove two-factor sign-in from an account (lost phone and recovery codes)')
    .action(async (email: string) => {
      await withContext(async (ctx) => {
        await resetTwoFactor(ctx, cliOperator, email);
        process.stdout.write('two-factor sign-in removed; the person can set it up again after signing in\n');
      });
    });
}
