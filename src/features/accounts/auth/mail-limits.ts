// Mail sent on a stranger's request (reset links, sign-up links) is limited per address and across the
// server, so nobody can flood an inbox or the mail server. The same two counters are written for every
// address, whether or not it has an account.
import type { AppContext } from '../../../context.ts';
import { RateLimitedError } from '../../../platform/errors.ts';
import { hit } from '../../../platform/rate-limit.ts';

const HOUR = 3600_000;

export async function mailAllowed(
  ctx: AppContext,
  kind: 'reset' | 'signup',
  lookup: string,
  perAddress: number,
): Promise<boolean> {
  const now = ctx.clock.now();
  const passes = async (bucket: string, limit: number) => {
    try {
      await hit(ctx.db, bucket, limit, HOUR, now);
      return true;
    } catch (error) {
      if (error instanceof RateLimitedError) return false;
      throw error;
    }
  };
  const forAddress = await passes(`${kind}:${lookup}`, perAddress);
  const overall = await passes(`${kind}`, ctx.config.mailsPerHour);
  return forAddress && overall;
}
