// A server process's job runner, alone: opens the database the environment names (as `amparo serve`
// would), registers a 'count' job that writes one row of job_runs per run, says "ready", waits for "go"
// on stdin, runs due jobs until it can claim none, and prints how many it ran. Its clock stands still
// at argv[2], the test's clock, so no lock expires meanwhile.
// Run: node --import tsx tests/helpers/job-worker.ts <ISO time> <worker name>
import { once } from 'node:events';
import { sql } from 'kysely';
import { buildConfig } from '../../src/config/config.ts';
import { readEnv } from '../../src/config/env.ts';
import { createDb } from '../../src/db/client.ts';
import { createJobRunner } from '../../src/platform/jobs.ts';
import { createLogger } from '../../src/platform/logger.ts';

const [at, name] = process.argv.slice(2) as [string, string];
const db = createDb(buildConfig(readEnv()));
const runner = createJobRunner({
  db,
  clock: { now: () => new Date(at) },
  logger: createLogger('warn'),
  pollMs: 1000,
  batch: 5,
});
let ran = 0;
let metTheOther = false;
runner.register('count', async (job) => {
  await sql`insert into job_runs (job_id, worker) values (${job.id}, ${name})`.execute(db);
  ran++;
  // The first run waits (10 s at most) until the other worker has run a job too: a process that
  // simply got the lock first cannot take the whole queue alone, so the test sees both claiming at once.
  const until = Date.now() + 10_000;
  while (!metTheOther && Date.now() < until) {
    const other = await sql`select 1 from job_runs where worker <> ${name}`.execute(db);
    metTheOther = other.rows.length > 0;
    if (!metTheOther) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  metTheOther = true;
});

process.stdout.write('ready\n');
await once(process.stdin, 'data');
while ((await runner.runDue()) > 0);
process.stdout.write(`ran ${ran}\n`);
await db.destroy();
