// Helpline cases at scale (issue 14 §4): one helpline with 10,000 open cases opened through the service,
// the handlers' queue page read on the server (caseQueue, p50 target <= 20 ms), and how many intake
// requests per second the service takes on this machine. The intake's per-hour limits stay as shipped:
// the benchmark's clock moves 30 s per case, so each helpline hour holds exactly its 120 cases.
// PostgreSQL runs in a fresh schema of DATABASE_URL (or the local server), dropped afterwards.
// `CASES_N=n` runs a smaller size, `CASES_DB=sqlite` or `postgres` one database only.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildConfig } from '../src/config/config.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { createOrganisation } from '../src/features/accounts/orgs/service.ts';
import { caseQueue, openCase, replyToCase, saveHelplineSettings } from '../src/features/cases/service.ts';
import { anonymous, cliOperator, type Actor } from '../src/platform/access.ts';
import { emptyKeys } from '../src/platform/keyring.ts';
import { median, percentile, removeDir, tempDir, type Figure } from './lib.ts';

const CASES = Number(process.env.CASES_N ?? 10_000);
const QUEUE_TARGET_MS = 20;
const QUEUE_RUNS = 50;
const INTAKE_SECONDS = 3;
const LANGUAGES = ['es', 'en', 'ru', 'ar', 'fr'];
/** The intake limit is 120 cases per helpline and hour: one every 30 s never meets it. */
const STEP_MS = 30_000;
const WHAT =
  'Since Monday our office phone has been answering with a strange echo and two of our laptops restart at night. ' +
  'We received a letter from the ministry asking for our donor list. What should we do first?';

/** A clock that only moves when told: the intake's hourly windows follow it. */
function benchClock(start: Date) {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

async function run(label: string, ctx: AppContext, clock: ReturnType<typeof benchClock>): Promise<Figure[]> {
  return ctx.keyring.hold(emptyKeys(), async () => {
    const created = await createOrganisation(ctx, cliOperator, { name: 'Bench Helpline Org' });
    if (!created.ok) throw new Error('could not create the organisation');
    const orgId = created.value.id;
    const owner: Actor = {
      kind: 'user',
      userId: 'bench',
      sessionId: 'bench',
      platformRole: null,
      mfa: true,
      memberships: new Map([[orgId, { role: 'owner', requireMfa: false }]]),
    };
    const saved = await saveHelplineSettings(
      ctx,
      owner,
      orgId,
      { enabled: 'on', languages: LANGUAGES.join(' '), allHours: 'on', targetMinutes: '120', retentionDays: '90' },
      'en',
    );
    if (!saved.ok) throw new Error('could not turn the helpline on');
    const helplineId = saved.value.id;
    const intake = async (i: number) => {
      const language = LANGUAGES[i % 7 < 3 ? 0 : i % LANGUAGES.length]!;
      const opened = await openCase(ctx, anonymous, helplineId, { what: `${WHAT} (${i})`, language }, 'en');
      if (!opened.ok) throw new Error(`case ${i} refused: ${JSON.stringify(opened.problems)}`);
      clock.advance(STEP_MS);
    };

    const loadStart = performance.now();
    for (let i = 0; i < CASES; i++) await intake(i);
    const loadSeconds = (performance.now() - loadStart) / 1000;

    // The first queue takes every case in (opens each intake box) and writes the desk once.
    const takeStart = performance.now();
    const first = await caseQueue(ctx, owner, orgId, { language: null, page: 1 });
    const takeMs = performance.now() - takeStart;
    if (first.total !== CASES) throw new Error(`the queue shows ${first.total} of ${CASES} cases`);
    // A few handled cases, so the order mixes waiting and answered ones.
    for (const item of first.items.slice(0, 10))
      await replyToCase(ctx, owner, orgId, item.id, { text: 'We are on it; do not answer the letter yet.' });

    const views = [
      { language: null, page: 1 },
      { language: 'es', page: 1 },
      { language: 'en', page: 2 },
      { language: null, page: 40 },
      { language: 'ar', page: 1 },
    ];
    const samples: number[] = [];
    let shown = 0;
    for (let i = 0; i < QUEUE_RUNS; i++) {
      const t0 = performance.now();
      const queue = await caseQueue(ctx, owner, orgId, views[i % views.length]!);
      samples.push(performance.now() - t0);
      shown += queue.items.length;
    }

    // Intake: cases opened one after another through the service for a few seconds.
    let opened = 0;
    const intakeStart = performance.now();
    while (performance.now() - intakeStart < INTAKE_SECONDS * 1000) await intake(CASES + opened++);
    const perSecond = opened / ((performance.now() - intakeStart) / 1000);

    // One queue after those arrivals: what a handler waits for when new cases came in.
    const afterStart = performance.now();
    const after = await caseQueue(ctx, owner, orgId, { language: null, page: 1 });
    const afterMs = performance.now() - afterStart;
    if (after.total !== CASES + opened) throw new Error(`the queue shows ${after.total} of ${CASES + opened} cases`);

    return [
      {
        label: `cases: queue page on the server p50, ${CASES} open cases, ${label}`,
        value: median(samples),
        unit: 'ms',
        target: { op: '<=', value: QUEUE_TARGET_MS },
        note: `${samples.length} queues, ${shown} items shown`,
      },
      { label: 'p95', value: percentile(samples, 95), unit: 'ms', detail: true },
      {
        label: `first queue, taking in ${CASES} new cases`,
        value: takeMs,
        unit: 'ms',
        digits: 0,
        detail: true,
      },
      {
        label: `queue after ${opened} new cases arrived`,
        value: afterMs,
        unit: 'ms',
        detail: true,
      },
      {
        label: `cases: intake through the service, ${label}`,
        value: perSecond,
        unit: 'cases/s',
        digits: 0,
        note: `${opened} cases in ${INTAKE_SECONDS} s, one at a time; loading ${CASES} took ${loadSeconds.toFixed(1)} s`,
      },
    ];
  });
}

async function withContext(label: string, config: Parameters<typeof buildConfig>[1]): Promise<Figure[]> {
  const clock = benchClock(new Date('2026-03-02T00:00:00Z'));
  const ctx = await createContext(buildConfig({}, { logLevel: 'silent', publicUrl: 'http://localhost', ...config }), {
    clock,
  });
  try {
    return await run(label, ctx, clock);
  } finally {
    await ctx.db.destroy();
  }
}

export async function casesBench(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const only = process.env.CASES_DB; // sqlite or postgres: one of the two
  if (only !== 'postgres') {
    const dir = tempDir('cases');
    try {
      figures.push(...(await withContext('SQLite', { dataDir: dir })));
    } finally {
      removeDir(dir);
    }
  }
  if (only === 'sqlite') return figures;
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const dir = tempDir('cases-pg');
  try {
    await admin.query(`create schema ${schema}`);
    figures.push(...(await withContext('PostgreSQL', { dataDir: dir, databaseUrl: url, dbSchema: schema })));
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
    removeDir(dir);
  }
  return figures;
}
