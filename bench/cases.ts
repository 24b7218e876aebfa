// Helpline cases at scale (issue 14 §4): one helpline with 10,000 open cases opened through the service,
// the handlers' queue page (GET through the app as a signed-in owner, and caseQueue alone; p50 target
// <= 20 ms), and intake requests per second through the request form and through openCase, one at a
// time on loopback. The intake's per-hour limits stay as shipped: the benchmark's clock moves 30 s per
// case, so each helpline hour holds exactly its 120 cases (and the owner signs in after the clock moved).
// PostgreSQL runs in a fresh schema of DATABASE_URL (or the local server), dropped afterwards.
// `CASES_N=n` runs a smaller size, `CASES_DB=sqlite` or `postgres` one database only.
import { createApp } from '../src/app.ts';
import { buildConfig } from '../src/config/config.ts';
import { createContext, type AppContext } from '../src/context.ts';
import { caseQueue, openCase, replyToCase, saveHelplineSettings } from '../src/features/cases/service.ts';
import { anonymous, type Actor } from '../src/platform/access.ts';
import { addMember, memberActor, newOrg, signInAs, userIdOf, withOrgKey } from '../tests/helpers/accounts.ts';
import { postForm, type TestEnv } from '../tests/helpers/context.ts';
import { median, onEachDatabase, percentile, type Figure } from './lib.ts';

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

/** The queue, which the benchmark's helpline always has. */
async function queueOf(ctx: AppContext, actor: Actor, orgId: string, view: { language: string | null; page: number }) {
  const queue = await caseQueue(ctx, actor, orgId, view);
  if (!queue) throw new Error('no helpline');
  return queue;
}

const VIEWS = [
  { language: null, page: 1 },
  { language: 'es', page: 1 },
  { language: 'en', page: 2 },
  { language: null, page: 40 },
  { language: 'ar', page: 1 },
];

/** Median and 95th percentile of `runs` timed calls of `fn(i)`. */
async function timed(runs: number, fn: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return { p50: median(samples), p95: percentile(samples, 95), n: samples.length };
}

/** Calls of `fn(i)` one after another for `seconds`: how many per second. */
async function perSecond(seconds: number, fn: (i: number) => Promise<unknown>) {
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) await fn(n++);
  return { rate: n / ((performance.now() - t0) / 1000), n };
}

async function run(label: string, ctx: AppContext, clock: ReturnType<typeof benchClock>): Promise<Figure[]> {
  // A real owner who signs in through the form, so the queue page is measured as a browser gets it.
  const env = { ctx, app: createApp(ctx), logs: [], dataDir: '', childEnv: {}, close: async () => {} } as TestEnv;
  const orgId = await newOrg(env, 'Bench Helpline Org');
  const person = await addMember(env, orgId, 'owner', 'owner@bench.example');
  const owner = memberActor(orgId, 'owner', await userIdOf(env, person));
  const asOwner = <T>(fn: () => Promise<T>) => withOrgKey(env, orgId, fn);
  const saved = await asOwner(() =>
    saveHelplineSettings(
      ctx,
      owner,
      orgId,
      { enabled: 'on', languages: LANGUAGES.join(' '), allHours: 'on', targetMinutes: '120', retentionDays: '90' },
      'en',
    ),
  );
  if (!saved.ok) throw new Error('could not turn the helpline on');
  const helplineId = saved.value.id;
  const fields = (i: number) => ({
    what: `${WHAT} (${i})`,
    language: LANGUAGES[i % 7 < 3 ? 0 : i % LANGUAGES.length]!,
  });
  let made = 0;
  const intake = async () => {
    const opened = await openCase(ctx, anonymous, helplineId, fields(made++), 'en');
    if (!opened.ok) throw new Error(`case ${made} refused: ${JSON.stringify(opened.problems)}`);
    clock.advance(STEP_MS);
  };
  const intakeByHttp = async () => {
    const res = await postForm(env, `/en/helplines/${helplineId}`, fields(made++));
    if (res.status !== 303) throw new Error(`the request form answered ${res.status}`);
    clock.advance(STEP_MS);
  };

  const loadStart = performance.now();
  for (let i = 0; i < CASES; i++) await intake();
  const loadSeconds = (performance.now() - loadStart) / 1000;

  // The first queue takes every case in (opens each intake box) and writes the desk once.
  const takeStart = performance.now();
  const first = await asOwner(() => queueOf(ctx, owner, orgId, { language: null, page: 1 }));
  const takeMs = performance.now() - takeStart;
  if (first.total !== CASES) throw new Error(`the queue shows ${first.total} of ${CASES} cases`);
  // A few handled cases, so the order mixes waiting and answered ones.
  for (const item of first.items.slice(0, 10))
    await asOwner(() =>
      replyToCase(ctx, owner, orgId, item.id, { text: 'We are on it; do not answer the letter yet.' }),
    );

  // Signed in now: the benchmark's clock moved days while the cases came in, past any session's life.
  const cookie = await signInAs(env, person);
  const service = await asOwner(() => timed(QUEUE_RUNS, (i) => queueOf(ctx, owner, orgId, VIEWS[i % VIEWS.length]!)));
  const page = await timed(QUEUE_RUNS, async (i) => {
    const view = VIEWS[i % VIEWS.length]!;
    const query = `?page=${view.page}${view.language ? `&lang=${view.language}` : ''}`;
    const res = await env.app.request(`/en/orgs/${orgId}/helpline${query}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200 || (i === 0 && !html.includes('/helpline/cases/')))
      throw new Error(`the queue page answered ${res.status} ${res.headers.get('location')}`);
  });

  // Intake: cases opened one after another for a few seconds, through the service and through the form.
  const direct = await perSecond(INTAKE_SECONDS, intake);
  const byHttp = await perSecond(INTAKE_SECONDS, intakeByHttp);
  const arrived = direct.n + byHttp.n;

  // One queue after those arrivals: what a handler waits for when new cases came in.
  const afterStart = performance.now();
  const after = await asOwner(() => queueOf(ctx, owner, orgId, { language: null, page: 1 }));
  const afterMs = performance.now() - afterStart;
  if (after.total !== CASES + arrived) throw new Error(`the queue shows ${after.total} of ${CASES + arrived} cases`);

  return [
    {
      label: `cases: queue page through the app p50, ${CASES} open cases, ${label}`,
      value: page.p50,
      unit: 'ms',
      target: { op: '<=', value: QUEUE_TARGET_MS },
      note: `${page.n} GET /en/orgs/:id/helpline, signed in, 5 views`,
    },
    { label: 'p95', value: page.p95, unit: 'ms', detail: true },
    {
      label: 'caseQueue alone p50',
      value: service.p50,
      unit: 'ms',
      detail: true,
      target: { op: '<=', value: QUEUE_TARGET_MS },
      note: `p95 ${service.p95.toFixed(1)} ms`,
    },
    { label: `first queue, taking in ${CASES} new cases`, value: takeMs, unit: 'ms', digits: 0, detail: true },
    { label: `queue after ${arrived} new cases arrived`, value: afterMs, unit: 'ms', detail: true },
    {
      label: `cases: intake through the request form, ${label}`,
      value: byHttp.rate,
      unit: 'requests/s',
      digits: 0,
      note: `${byHttp.n} in ${INTAKE_SECONDS} s, one at a time, 303 each`,
    },
    {
      label: 'through the service (openCase)',
      value: direct.rate,
      unit: 'cases/s',
      digits: 0,
      detail: true,
      note: `${direct.n} in ${INTAKE_SECONDS} s; loading ${CASES} took ${loadSeconds.toFixed(1)} s`,
    },
  ];
}

export async function casesBench(): Promise<Figure[]> {
  return onEachDatabase('cases', process.env.CASES_DB, async (label, settings) => {
    const clock = benchClock(new Date('2026-03-02T00:00:00Z'));
    const config = buildConfig({}, { ...settings, logLevel: 'silent', publicUrl: 'http://localhost' });
    const ctx = await createContext(config, { clock });
    try {
      return await run(label, ctx, clock);
    } finally {
      await ctx.db.destroy();
    }
  });
}
