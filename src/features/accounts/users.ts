// People's accounts, as every accounts slice sees them: where their sealed fields are bound, and how a
// new account is made (from an invitation or from open sign-up).
import type { AppContext } from '../../context.ts';
import { newId } from '../../platform/ids.ts';
import { normaliseEmail } from '../../platform/lookup.ts';
import { sealAt } from '../../platform/sealer.ts';
import type { KeyPair } from '../../platform/member-keys.ts';
import { blankDuress } from '../../platform/duress-record.ts';
import { newAccountKeys } from './keys.ts';
import { hashPassword } from './passwords.ts';
import { insertUser } from './queries.ts';

export const userSealAt = (userId: string, column: 'email' | 'name' | 'totp_secret' | 'totp_pending') =>
  sealAt.platform('users', column, userId);

/** A new account with a password, its key pair, a duress hash and record nobody can open, and no platform role. */
export async function createUser(
  ctx: AppContext,
  email: string,
  name: string,
  password: string,
): Promise<{ id: string; pair: KeyPair }> {
  const id = newId(12);
  const { pair, wrappedPrivateKey } = await newAccountKeys(id, password);
  await insertUser(ctx.db, {
    id,
    emailLookup: ctx.lookup.email(email),
    sealedEmail: await ctx.sealer.seal(userSealAt(id, 'email'), normaliseEmail(email)),
    sealedName: await ctx.sealer.seal(userSealAt(id, 'name'), name),
    passwordHash: await hashPassword(password),
    platformRole: null,
    createdAt: ctx.clock.now(),
    publicKey: pair.publicKey,
    wrappedPrivateKey,
    ...(await blankDuress(id, hashPassword)),
  });
  return { id, pair };
}
