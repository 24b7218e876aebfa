// Trusted devices (OWASP "device cookies"): a browser that completed a sign-in keeps a random token in a
// long-lived cookie; the database keeps its hash, bound to the account. Sign-ins from that browser for
// that account are throttled on the device's own counter, so guessers hammering the account do not lock
// its owner out. After DEVICE_MAX_FAILURES failures of its own the device is forgotten.
import type { AppContext } from '../../../context.ts';
import type { Db } from '../../../db/client.ts';
import { hashToken, newToken, TOKEN_PATTERN } from '../../../platform/tokens.ts';
import { clearAttempts, deleteDevice, findDevice, insertDevice, touchDevice, type TrustedDevice } from './queries.ts';
import { deviceKey } from './throttle.ts';

export type { TrustedDevice };

export const DEVICE_MAX_FAILURES = 10;
export const DEVICE_DAYS = 180;

/** The device a cookie names, if it is trusted for this address. */
export async function trustedDevice(
  db: Db,
  token: string | undefined,
  lookup: string,
): Promise<TrustedDevice | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  const device = await findDevice(db, hashToken(token));
  return device?.emailLookup === lookup ? device : undefined;
}

/** After a complete sign-in: keeps the browser's device token if it is this account's, or makes a new one. */
export async function rememberDevice(
  ctx: AppContext,
  token: string | undefined,
  user: { id: string; emailLookup: string },
): Promise<string> {
  const now = ctx.clock.now();
  const known = await trustedDevice(ctx.db, token, user.emailLookup);
  if (known && token) {
    await touchDevice(ctx.db, known.tokenHash, now);
    return token;
  }
  const fresh = newToken();
  await insertDevice(ctx.db, { tokenHash: fresh.hash, userId: user.id, emailLookup: user.emailLookup }, now);
  return fresh.token;
}

export async function forgetDevice(db: Db, tokenHash: string): Promise<void> {
  await deleteDevice(db, tokenHash);
  await clearAttempts(db, deviceKey(tokenHash));
}
