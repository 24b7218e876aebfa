import type { Command } from 'commander';
import { resetTwoFactor, setUserEnabled } from '../features/accounts/account/service.ts';
import { inviteMember, invitePlatformUser } from '../features/accounts/invitations/service.ts';
import { createOrganisation, listOrganisations } from '../features/accounts/orgs/service.ts';
import { cliOperator } from '../platform/access.ts';
import { ValidationError } from '../platform/errors.ts';
import { valueOf, withContext } from './shared.ts';

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
