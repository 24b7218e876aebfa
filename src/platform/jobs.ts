// Background work kept in the database (docs/decisions/0015): one `jobs` table that every server
// process claims from. A claim sets `locked_until` in one statement (PostgreSQL: FOR UPDATE SKIP
// LOCKED, so processes take different jobs; SQLite: the statement is its own write transaction and
// SQLite has one writer), so a due job is run by one process. A job is deleted when its handler
// succeeds; a recurring handler returns its next run instead. A process that dies mid-run leaves a lock
// that expires, and the job is claimed again: delivery is at least once, so handlers are idempotent.
import type { Clock } from '../context.ts';
import type { Db } from '../db/client.ts';
import { dialectOf } from '../db/dialect.ts';
import { writeDate } from '../db/values.ts';
import { newId } from './ids.ts';
import type { Logger } from './logger.ts';

export interface Job {
  id: string;
  kind: string;
  payload: string | null;
  /** Failures so far. */
  attempts: number;
}

/** Does the job's work; a recurring job returns when to run next, any other job nothing. */
export type JobHandler = (job: Job) => Promise<Date | void>;

export interface NewJob {
  kind: string;
  runAt: Date;
  /** Sealed or plain JSON, as the caller decides; never anything identifying in plain. */
  payload?: string;
  /** One job per key: enqueueing a key that a live job holds does nothing. */
  uniqueKey?: string;
}

export interface JobRunner {
  /** Features add their kinds; a process claims only the kinds it has a handler for. */
  register(kind: string, handler: JobHandler): void;
  /** Pass a transaction as `db` to enqueue with the caller's own writes. Returns the id, or undefined when a live job holds the key. */
  enqueue(job: NewJob, db?: Db): Promise<string | undefined>;
  /** True when a job was removed; a run already under way finishes but is not retried or rescheduled. */
  cancel(target: { id: string } | { kind: string; uniqueKey: string }, db?: Db): Promise<boolean>;
  /** Claims up to one batch of jobs due at `now` and runs them; returns how many were claimed. */
  runDue(now?: Date): Promise<number>;
  /** The server's poll loop (unref'd timers). */
  start(): void;
  /** Ends the poll loop once the run under way, if any, has finished. */
  stop(): Promise<void>;
}

/** After this many failures a job is parked: kept, with its last error, and claimed no more. */
export const MAX_ATTEMPTS = 10;
const BACKOFF_FIRST_MS = 30_000;
const BACKOFF_MAX_MS = 3600_000;

/** The wait after the n-th failure: 30 s, doubling, at most an hour (about 4.5 hours in all before parking). */
export function backoffMs(failures: number): number {
  return Math.min(BACKOFF_FIRST_MS * 2 ** (failures - 1), BACKOFF_MAX_MS);
}

export interface JobRunnerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  pollMs: number;
  /** How long a claim holds its batch: longer than the batch's handlers take, or a job may run twice. */
  lockMs?: number;
  batch?: number;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { db, clock, logger, pollMs, lockMs = 10 * 60_000, batch = 10 } = options;
  const handlers = new Map<string, JobHandler>();
  const postgres = dialectOf(db) === 'postgres';

  async function claim(now: Date, until: string): Promise<Job[]> {
    const at = writeDate(now);
    const due = db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', [...handlers.keys()])
      .where('run_at', '<=', at)
      .where('attempts', '<', MAX_ATTEMPTS)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]))
      .orderBy('run_at')
      .limit(batch)
      .$if(postgres, (q) => q.forUpdate().skipLocked());
    return db
      .updateTable('jobs')
      .set({ locked_until: until })
      .where('id', 'in', due)
      .returning(['id', 'kind', 'payload', 'attempts'])
      .execute();
  }

  /** Only while this claim still holds the job: a run that outlived its lock changes nothing. */
  const held = (job: Job, until: string) =>
    db.updateTable('jobs').where('id', '=', job.id).where('locked_until', '=', until);

  async function failed(job: Job, until: string, now: Date, error: unknown): Promise<void> {
    const name = (error instanceof Error ? error.name : 'Error').slice(0, 80);
    const attempts = job.attempts + 1;
    const parked = attempts >= MAX_ATTEMPTS;
    await held(job, until)
      .set({
        attempts,
        last_error: name,
        locked_until: null,
        ...(parked ? {} : { run_at: writeDate(new Date(now.getTime() + backoffMs(attempts))) }),
      })
      .execute();
    const fields = { job: { id: job.id, kind: job.kind, attempts }, err: { name } };
    if (parked) logger.error(fields, 'job parked after too many failures');
    else logger.warn(fields, 'job failed, will retry');
  }

  async function run(job: Job, until: string, now: Date): Promise<void> {
    let next: Date | void;
    try {
      next = await handlers.get(job.kind)!(job);
    } catch (error) {
      return failed(job, until, now, error);
    }
    if (next)
      await held(job, until)
        .set({ run_at: writeDate(next), attempts: 0, locked_until: null, last_error: null })
        .execute();
    else await db.deleteFrom('jobs').where('id', '=', job.id).where('locked_until', '=', until).execute();
  }

  async function runDue(now = clock.now()): Promise<number> {
    if (handlers.size === 0) return 0;
    const until = writeDate(new Date(now.getTime() + lockMs));
    const jobs = await claim(now, until);
    for (const job of jobs) await run(job, until, now);
    return jobs.length;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let polling = false;
  const poll = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  function tick() {
    running = runDue()
      .then(
        (claimed) => claimed === batch,
        (error: Error) => {
          logger.error({ err: { name: error.name } }, 'claiming jobs failed');
          return false;
        },
      )
      .then((more) => {
        running = undefined;
        if (polling) poll(more ? 0 : pollMs);
      });
  }

  return {
    register(kind, handler) {
      if (handlers.has(kind)) throw new Error(`job kind ${kind} already has a handler`);
      handlers.set(kind, handler);
    },
    async enqueue(job, into = db) {
      const row = await into
        .insertInto('jobs')
        .values({
          id: newId(),
          kind: job.kind,
          run_at: writeDate(job.runAt),
          payload: job.payload ?? null,
          unique_key: job.uniqueKey ?? null,
          created_at: writeDate(clock.now()),
        })
        // A parked job under the key starts afresh; a live one is kept as it is.
        .onConflict((oc) =>
          oc
            .column('unique_key')
            .doUpdateSet((eb) => ({
              run_at: eb.ref('excluded.run_at'),
              payload: eb.ref('excluded.payload'),
              attempts: 0,
              last_error: null,
            }))
            .where('jobs.attempts', '>=', MAX_ATTEMPTS),
        )
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },
    async cancel(target, from = db) {
      const q = from.deleteFrom('jobs');
      const removed = await (
        'id' in target
          ? q.where('id', '=', target.id)
          : q.where('kind', '=', target.kind).where('unique_key', '=', target.uniqueKey)
      ).executeTakeFirst();
      return removed.numDeletedRows > 0n;
    },
    runDue,
    start() {
      if (polling) return;
      polling = true;
      poll(0);
    },
    async stop() {
      polling = false;
      clearTimeout(timer);
      await running;
    },
  };
}
