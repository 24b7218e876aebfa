// Work done after the answer has gone: mail, and the writes that would otherwise make a known address
// answer slower than an unknown one. Failures are logged by name only. Tests and shutdown wait with
// `settled`.
import type { AppContext } from '../context.ts';

const pending = new WeakMap<object, Set<Promise<unknown>>>();

export function later(ctx: AppContext, what: string, work: () => Promise<unknown>): void {
  let set = pending.get(ctx.db);
  if (!set) pending.set(ctx.db, (set = new Set()));
  // setImmediate: the answer leaves before the work starts (SQLite queries run on this thread).
  const job: Promise<unknown> = new Promise((resolve) => setImmediate(resolve))
    .then(work)
    .catch((error: Error) => ctx.logger.error({ err: { name: error.name } }, `${what} failed`))
    .finally(() => set.delete(job));
  set.add(job);
}

/** Resolves once every job started so far (and any they start) has finished. */
export async function settled(ctx: AppContext): Promise<void> {
  const set = pending.get(ctx.db);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}
