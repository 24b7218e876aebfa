// Tells an account's owner that how they sign in changed (password, second factor), so a takeover does
// not go unnoticed: after a change on the account page, a reset by email, or an operator's reset.
import type { AppContext } from '../../context.ts';
import type { UserRow } from './queries.ts';
import { userSealAt } from './users.ts';

const CHANGES = {
  password: 'The password of your Amparo account was changed.',
  'totp-on': 'Two-factor sign-in was turned on for your Amparo account.',
  'totp-replaced':
    'The second factor of your Amparo account was replaced: a new authenticator app now makes its sign-in codes, and the old one no longer works. New recovery codes were made too; the old ones no longer work.',
  'totp-off': 'Two-factor sign-in was turned off for your Amparo account.',
  'totp-reset':
    "An operator removed two-factor sign-in from your Amparo account, at your request or your organisation's.",
} as const;

export type SignInChange = keyof typeof CHANGES;

/** Sent in the background; a failure is logged without the address. */
export async function notifyChange(ctx: AppContext, user: UserRow, change: SignInChange): Promise<void> {
  const to = await ctx.sealer.open(userSealAt(user.id, 'email'), user.sealedEmail);
  const text = `${CHANGES[change]}\n\nIf this was you, there is nothing to do. If it was not, tell your organisation's administrator at once, and reset your password from the sign-in page.`;
  void ctx.mailer
    .send({ to, subject: 'Your Amparo sign-in details changed', text })
    .catch((error: Error) => ctx.logger.error({ err: { name: error.name } }, 'change notice mail failed'));
}
