// Trusted devices (OWASP "device cookies"): a browser that completed a sign-in keeps a random token in a
// long-lived cookie; the database keeps its hash, bound to the account. Sign-ins from that browser for
// that account are throttled on the device's own counter, so guessers hammering the account do not lock
// its owner out. After DEVICE_MAX_FAILURES failures of its own the device is forgotten.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { writeDate } from '../../../db/values.ts';
import { clearAttempts, deviceKey } from './throttle.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';

export const DEVICE_MAX_FAILURES = 10;
export const DEVICE_DAYS = 180;

export interface TrustedDevice {
  tokenHash: string;
  userId: string;
  emailLookup: string;
}

/** The device a cookie names, if it is trusted for this address. */
export async function trustedDevice(
  db: Db,
  token: string | undefined,
  lookup: string,
): Promise<TrustedDevice | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  const row = await db
    .selectFrom('trusted_devices')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.email_lookup !== lookup) return undefined;
  return { tokenHash: row.token_hash, userId: row.user_id, emailLookup: row.email_lookup };
}

/** After a complete sign-in: keeps the browser's device token if it is this account's, or makes a new one. */
export async function rememberDevice(
  ctx: AppContext,
  token: string | undefined,
  user: { id: string; emailLookup: string },
): Promise<string> {
  const now = writeDate(ctx.clock.now());
  const known = await trustedDevice(ctx.db, token, user.emailLookup);
  if (known && token) {
    await ctx.db
      .updateTable('trusted_devices')
      .set({ last_used_at: now })
      .where('token_hash', '=', known.tokenHash)
      .execute();
    return token;
  }
  const fresh = newToken();
  await ctx.db
    .insertInto('trusted_devices')
    .values({
      token_hash: fresh.hash,
      user_id: user.id,
      email_lookup: user.emailLookup,
      created_at: now,
      last_used_at: now,
    })
    .execute();
  return fresh.token;
}

export async function forgetDevice(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('trusted_devices').where('token_hash', '=', tokenHash).execute();
  await clearAttempts(db, deviceKey(tokenHash));
}
