// The job runner on a real database (SQLite, or PostgreSQL with DATABASE_URL), its timing on the test
// clock: due and not yet due, retries with growing waits and parking, a lock left by a crashed process,
// the poll loop, and two real processes sharing one queue. Each test uses kinds of its own.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TestClock, testEnv, type TestEnv } from '../../tests/helpers/context.ts';
import { startWorker } from '../../tests/helpers/worker-process.ts';
import { readDate } from '../db/values.ts';
import { backoffMs, createJobRunner, MAX_ATTEMPTS, type JobHandler, type JobRunnerOptions } from './jobs.ts';

let env: TestEnv;
const clock = new TestClock();
beforeAll(async () => {
  env = await testEnv({ clock, seed: false });
});
afterAll(() => env.close());

const MINUTE = 60_000;
const later = (ms: number) => new Date(clock.now().getTime() + ms);

function runner(handlers: Record<string, JobHandler>, options: Partial<JobRunnerOptions> = {}) {
  const jobs = createJobRunner({ db: env.ctx.db, clock, logger: env.ctx.logger, pollMs: MINUTE, ...options });
  for (const [kind, handler] of Object.entries(handlers)) jobs.register(kind, handler);
  return jobs;
}
const row = (id: string | undefined) =>
  env.ctx.db.selectFrom('jobs').selectAll().where('id', '=', id!).executeTakeFirst();

class FlakyError extends Error {
  override name = 'FlakyError';
}

describe('the job runner', () => {
  it('runs a due job once, and a later one only when its time comes', async () => {
    const ran: string[] = [];
    const jobs = runner({ note: async (job) => void ran.push(job.payload!) });
    await jobs.enqueue({ kind: 'note', runAt: clock.now(), payload: '"first"' });
    const second = await jobs.enqueue({ kind: 'note', runAt: later(MINUTE), payload: '"second"' });
    // A process without a handler for the kind leaves its jobs alone.
    expect(await runner({ other: async () => {} }).runDue()).toBe(0);

    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.runDue()).toBe(0);
    expect(ran).toEqual(['"first"']);
    expect(await row(second)).toMatchObject({ attempts: 0, locked_until: null });
    clock.advance(MINUTE - 1);
    expect(await jobs.runDue()).toBe(0);
    clock.advance(1);
    expect(await jobs.runDue()).toBe(1);
    expect(ran).toEqual(['"first"', '"second"']);
    expect(await row(second)).toBeUndefined();
  });

  it('enqueues within the caller’s transaction, and cancels by id or by key', async () => {
    const jobs = runner({});
    let inside: string | undefined;
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        inside = await jobs.enqueue({ kind: 'tx', runAt: clock.now() }, trx);
        throw new FlakyError('rolled back');
      }),
    ).rejects.toThrow(FlakyError);
    expect(await row(inside)).toBeUndefined();
    const kept = await env.ctx.db.transaction().execute((trx) => jobs.enqueue({ kind: 'tx', runAt: clock.now() }, trx));
    expect(await row(kept)).toBeDefined();

    expect(await jobs.cancel({ id: kept! })).toBe(true);
    expect(await jobs.cancel({ id: kept! })).toBe(false);
    const keyed = await jobs.enqueue({ kind: 'tx', runAt: clock.now(), uniqueKey: 'tx:1' });
    expect(await jobs.cancel({ kind: 'tx', uniqueKey: 'tx:1' })).toBe(true);
    expect(await row(keyed)).toBeUndefined();
  });

  it('retries a failing job after growing waits, then parks it, logging only the error’s name', async () => {
    let tries = 0;
    const jobs = runner({
      flaky: async () => {
        tries++;
        throw new FlakyError('could not reach maria@example.org');
      },
    });
    const id = await jobs.enqueue({ kind: 'flaky', runAt: clock.now() });
    const waits: number[] = [];
    for (let failures = 1; failures <= MAX_ATTEMPTS; failures++) {
      const at = clock.now().getTime();
      expect(await jobs.runDue()).toBe(1);
      const failed = await row(id);
      expect(failed).toMatchObject({ attempts: failures, last_error: 'FlakyError', locked_until: null });
      if (failures === MAX_ATTEMPTS) break;
      const wait = readDate(failed!.run_at).getTime() - at;
      waits.push(wait);
      clock.advance(wait - 1);
      expect(await jobs.runDue()).toBe(0);
      clock.advance(1);
    }
    expect(tries).toBe(MAX_ATTEMPTS);
    expect(waits).toEqual(waits.map((_, i) => backoffMs(i + 1)));
    expect(waits[0]).toBe(30_000);
    expect(waits.at(-1)).toBe(3600_000);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);

    // Parked: kept for the operator to see, never claimed again.
    clock.advance(7 * 24 * 3600_000);
    expect(await jobs.runDue()).toBe(0);
    expect(tries).toBe(MAX_ATTEMPTS);
    expect(await row(id)).toMatchObject({ attempts: MAX_ATTEMPTS, last_error: 'FlakyError' });
    expect(env.logs.filter((line) => line.includes('"job parked after too many failures"')).length).toBe(1);
    expect(env.logs.filter((line) => line.includes('"job failed, will retry"')).length).toBe(MAX_ATTEMPTS - 1);
    expect(env.logs.join('\n')).not.toContain('maria@example.org');
  });

  it('keeps one job per unique key, and starts a parked one afresh when it is enqueued again', async () => {
    const jobs = runner({});
    const first = await jobs.enqueue({ kind: 'keyed', runAt: clock.now(), uniqueKey: 'keyed:a' });
    expect(await jobs.enqueue({ kind: 'keyed', runAt: later(MINUTE), uniqueKey: 'keyed:a' })).toBeUndefined();
    expect(readDate((await row(first))!.run_at)).toEqual(clock.now());

    await env.ctx.db
      .updateTable('jobs')
      .set({ attempts: MAX_ATTEMPTS, last_error: 'FlakyError' })
      .where('id', '=', first!)
      .execute();
    expect(await jobs.enqueue({ kind: 'keyed', runAt: later(MINUTE), uniqueKey: 'keyed:a' })).toBe(first);
    const revived = await row(first);
    expect(revived).toMatchObject({ attempts: 0, last_error: null });
    expect(readDate(revived!.run_at)).toEqual(later(MINUTE));
    await jobs.cancel({ id: first! });
  });

  it('claims again a job whose process died mid-run, and the late run then changes nothing', async () => {
    let entered!: () => void;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const dying = runner(
      {
        slow: async () => {
          entered();
          await gate;
          throw new FlakyError('too late');
        },
      },
      { lockMs: 5 * MINUTE },
    );
    const next = later(60 * MINUTE);
    const restarted = runner({ slow: async () => next }, { lockMs: 5 * MINUTE });
    const id = await dying.enqueue({ kind: 'slow', runAt: clock.now() });
    const stuck = dying.runDue();
    await started;

    expect(await restarted.runDue()).toBe(0); // still locked
    clock.advance(5 * MINUTE - 1);
    expect(await restarted.runDue()).toBe(0);
    clock.advance(1);
    expect(await restarted.runDue()).toBe(1);
    const done = { attempts: 0, last_error: null, locked_until: null };
    expect(await row(id)).toMatchObject(done);
    expect(readDate((await row(id))!.run_at)).toEqual(next);

    release();
    await stuck;
    expect(await row(id)).toMatchObject(done);
    expect(readDate((await row(id))!.run_at)).toEqual(next);
    await dying.cancel({ id: id! });
  });

  it('polls while started, and stops after the run under way', async () => {
    const ran: string[] = [];
    let entered = false;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const jobs = runner(
      {
        tick: async (job) => void ran.push(job.payload!),
        hold: async () => {
          entered = true;
          await gate;
        },
      },
      { pollMs: 5 },
    );
    jobs.start();
    await jobs.enqueue({ kind: 'tick', runAt: clock.now(), payload: 'a' });
    await vi.waitFor(() => expect(ran).toEqual(['a']));
    const held = await jobs.enqueue({ kind: 'hold', runAt: clock.now() });
    await vi.waitFor(() => expect(entered).toBe(true));

    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await row(held)).toBeUndefined();

    const after = await jobs.enqueue({ kind: 'tick', runAt: clock.now(), payload: 'b' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // ten poll intervals
    expect(ran).toEqual(['a']);
    expect(await jobs.cancel({ id: after! })).toBe(true);
  });
});

function startCounter(name: string) {
  const worker = startWorker('tests/helpers/job-worker.ts', [clock.now().toISOString(), name], env.childEnv);
  const ran = async () => {
    const count = (await worker.output()).match(/^ran (\d+)$/m)?.[1];
    if (count === undefined) throw new Error(`worker ${name} did not say how many it ran`);
    return Number(count);
  };
  return { ...worker, ran };
}

describe('two server processes over one database', () => {
  it('run each of 200 jobs exactly once', async () => {
    const db = env.ctx.db;
    await sql`create table job_runs (job_id text not null, worker text not null)`.execute(db);
    const jobs = runner({});
    const ids = await db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (let i = 0; i < 200; i++) out.push((await jobs.enqueue({ kind: 'count', runAt: clock.now() }, trx))!);
      return out;
    });

    const workers = [startCounter('one'), startCounter('two')];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const counts = await Promise.all(workers.map((w) => w.ran()));

    const runs = await sql<{ job_id: string; worker: string }>`select job_id, worker from job_runs`.execute(db);
    expect(runs.rows.length).toBe(200);
    expect(new Set(runs.rows.map((r) => r.job_id))).toEqual(new Set(ids));
    expect(counts[0]! + counts[1]!).toBe(200);
    for (const count of counts) expect(count).toBeGreaterThan(0); // both took a share
    expect(await db.selectFrom('jobs').select('id').where('kind', '=', 'count').execute()).toEqual([]);
    await sql`drop table job_runs`.execute(db);
  });
});
