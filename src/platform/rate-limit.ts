import { sql } from 'kysely';
import type { Db } from '../db/client.ts';
import { RateLimitedError } from './errors.ts';

/**
 * A fixed-window counter kept in the database, so several app processes share it. Buckets are
 * never keyed by IP address (behind Tor every visitor looks the same, and we store none).
 */
export async function hit(db: Db, bucket: string, limit: number, windowMs: number, now: Date): Promise<void> {
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`rate_limits.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (Math.random() < 0.01) {
    await db
      .deleteFrom('rate_limits')
      .where('window_start', '<', windowStart - windowMs)
      .execute();
  }
  if (Number(row.hits) > limit) {
    throw new RateLimitedError(Math.ceil((windowStart + windowMs - now.getTime()) / 1000));
  }
}

/** The hits so far in the current window, without adding one. */
export async function hitsSoFar(
  db: Db,
  bucket: string,
  windowMs: number,
  now: Date,
): Promise<{ hits: number; retryAfterSeconds: number }> {
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('bucket', '=', bucket)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return {
    hits: Number(row?.hits ?? 0),
    retryAfterSeconds: Math.ceil((windowStart + windowMs - now.getTime()) / 1000),
  };
}
